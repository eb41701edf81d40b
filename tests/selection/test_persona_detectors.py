"""Persona files in every format keep the backend in view: what they declare maps onto the detectors, they
pull in no frontend code, and what they declare they are not for stays out."""

from __future__ import annotations

import pytest

from persona_review.config import Config
from persona_review.diff import parse_diff
from persona_review.errors import PersonaError
from persona_review.persona import load_persona, parse_persona
from persona_review.persona_detectors import detectors_from_words
from persona_review.selection.detectors import (
    BACKEND_DETECTORS,
    INFRA,
    MIGRATION,
    SERVER_JS,
    SERVER_LANGUAGE,
    SQL,
)
from persona_review.triggers import select_files

from .conftest import BACKEND_FIXTURES, ROOT, SEED_FORMATS, new_file

FORMAT_OF = {
    "flag.md": "flag-markdown",
    "skill.md": "skill",
    "lists.md": "frontmatter-lists",
    "subagent.md": "subagent",
    "agent.md": "agent",
    "native.md": "native",
}

# A small real-looking pull request: a Flask module with an f-string SQL query, a migration, a Go store,
# a server route in TypeScript, and the frontend and docs that came with them.
BACKEND = {
    "app/reports.py": ['cur.execute(f"SELECT * FROM orders WHERE id = {order_id}")'],
    "migrations/versions/3f2a_add_index.py": ["op.create_index('ix_orders_user', 'orders', ['user_id'])"],
    "internal/storage/orders.go": ["func (s *Store) Orders() {}"],
    "server/routes/orders.ts": ["router.get('/orders', list)"],
}
FRONTEND = {
    "client/src/components/Orders.tsx": ["fetch('/api/orders').then(r => r.json())"],
    "static/js/app.js": ["document.querySelector('#orders').innerHTML = html"],
    "web/src/api/orders.ts": ["export const url = '/api/v1/orders'"],
    "src/styles/orders.css": [".orders { color: red }"],
    "docs/api.md": ["The orders API returns a list."],
}


def _pr() -> str:
    return "".join(new_file(p, lines) for p, lines in {**BACKEND, **FRONTEND}.items())


@pytest.mark.parametrize("name", SEED_FORMATS)
def test_each_format_selects_the_backend_and_no_frontend(name: str) -> None:
    persona = load_persona(str(BACKEND_FIXTURES / name))
    assert persona.format == FORMAT_OF[name]
    assert set(persona.detectors) >= {SERVER_LANGUAGE, SQL, MIGRATION, SERVER_JS}
    selection = select_files(parse_diff(_pr()), persona, Config())
    reviewed = {f.path for f in selection.reviewed}
    assert reviewed == set(BACKEND)
    decisions = {d.path: d for d in selection.decisions}
    assert decisions["migrations/versions/3f2a_add_index.py"].by == MIGRATION
    assert decisions["app/reports.py"].reason == "detector server-language (python)"


@pytest.mark.parametrize("name", ["lists.md", "subagent.md", "native.md"])
def test_declared_exclusions_still_exclude(name: str) -> None:
    """A Go file under components/ is backend by language, but a persona declaring it is not for UI
    components keeps it out, and says so."""
    persona = load_persona(str(BACKEND_FIXTURES / name))
    selection = select_files(parse_diff(new_file("pkg/components/widget.go", ["package components"])), persona,
                             Config())
    decision = selection.decisions[0]
    assert (decision.reviewed, decision.by) == (False, "persona exclude")
    assert "**/components/**" in decision.reason


def test_the_bundled_persona_reviews_that_go_file() -> None:
    selection = select_files(parse_diff(new_file("pkg/components/widget.go", ["package x"])),
                             load_persona("backend"), Config())
    assert selection.decisions[0].by == SERVER_LANGUAGE


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Activates for server-side development and API design."], BACKEND_DETECTORS),
        (["microservice"], BACKEND_DETECTORS),
        (["서버"], BACKEND_DETECTORS),
        (["database schema changes"], (MIGRATION, SQL, SERVER_LANGUAGE, SERVER_JS)),
        (["データベース"], (MIGRATION, SQL, SERVER_LANGUAGE, SERVER_JS)),
        (["authentication", "authorization"], (SERVER_LANGUAGE, SERVER_JS)),
        (["SQL files"], (SQL,)),
        (["Docker and Kubernetes deployments"], (INFRA,)),
        (["ledger", "refund", "webhook", "idempotency"], ()),
        (["Reviews changes to money movement with a bookkeeper's suspicion."], ()),
    ],
)
def test_concept_phrases_map_onto_detectors(words: list[str], expected: tuple[str, ...]) -> None:
    assert detectors_from_words(words) == expected


def test_payments_fixtures_keep_only_their_own_triggers() -> None:
    for name in ("flag.md", "lists.md", "subagent.md", "persona-payments.md", "native.md"):
        assert load_persona(str(ROOT / "tests" / "data" / "personas" / name)).detectors == ()


def _native(detectors: str) -> str:
    return (
        "---\nname: p\ndescription: Reviews server-side code.\n"
        f"{detectors}triggers:\n  keywords: [ledger]\n---\nBody.\n"
    )


def test_native_persona_can_name_its_detectors() -> None:
    assert parse_persona(_native("detectors: [migration, sql]\n"), "p.md").detectors == (MIGRATION, SQL)
    assert parse_persona(_native("detectors: backend\n"), "p.md").detectors == BACKEND_DETECTORS
    assert parse_persona(_native("detectors: []\n"), "p.md").detectors == ()
    assert parse_persona(_native(""), "p.md").detectors == BACKEND_DETECTORS  # from "server-side"


def test_an_unknown_detector_is_a_clear_error() -> None:
    with pytest.raises(PersonaError, match=r"p\.md: unknown detector 'frontend' \(known: backend, migration"):
        parse_persona(_native("detectors: [frontend]\n"), "p.md")
    with pytest.raises(PersonaError, match="'detectors' must be a list"):
        parse_persona(_native("detectors: {a: 1}\n"), "p.md")

