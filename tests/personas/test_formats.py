"""Each persona format loads into the same Persona fields, recognised by structure, with its triggers in force."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from persona_review.config import Config
from persona_review.diff import parse_diff
from persona_review.persona import Persona, load_persona
from persona_review.triggers import select_files

from .conftest import DATA

KEYWORDS = ("ledger", "refund", "webhook", "idempotency", "決済")
PRIORITIES = ("data integrity", "security", "reliability", "performance", "convenience")
GLOBS = ("**/payments/**", "**/billing/**", "**/*.sql")
DESCRIPTION = "Reviews changes to money movement with a bookkeeper's suspicion."
BODY_LINE = "Every cent that enters the system must leave a trace in the ledger."

# file -> (format, globs it declares, not-for phrases it declares)
FIXTURES = {
    "native.md": ("native", GLOBS, ("UI components", "CSS styling")),
    "flag.md": ("flag-markdown", (), ()),
    "skill.md": ("skill", GLOBS, ()),
    "lists.md": ("frontmatter-lists", GLOBS, ("UI-only work", "documentation-only changes")),
    "subagent.md": ("subagent", (), ("CSS styling", "UI components", "documentation")),
    "persona-payments.md": ("agent", (), ()),
}


def _load(name: str) -> Persona:
    return load_persona(str(DATA / name))


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_every_format_loads_into_the_same_fields(name: str) -> None:
    fmt, globs, not_for = FIXTURES[name]
    persona = _load(name)
    assert persona.format == fmt
    assert persona.name == "persona-payments"
    assert persona.description == DESCRIPTION
    assert persona.priorities == PRIORITIES
    assert persona.trigger_keywords == KEYWORDS
    assert persona.trigger_globs == globs
    assert persona.not_for == not_for
    assert BODY_LINE in persona.body
    assert not persona.body.startswith("---")
    assert persona.source == str(DATA / name)


@pytest.mark.parametrize("name", ["lists.md", "subagent.md"])
def test_do_not_use_phrases_become_exclude_globs(name: str) -> None:
    excludes = _load(name).exclude_globs
    assert "**/*.md" in excludes  # documentation
    assert "**/components/**" in excludes  # UI
    assert "**/*.css" in excludes  # styling


@pytest.mark.parametrize("name", ["flag.md", "skill.md", "persona-payments.md"])
def test_files_declaring_no_exclusions_get_none(name: str) -> None:
    assert _load(name).exclude_globs == ()


@pytest.mark.parametrize("name", sorted(set(FIXTURES) - {"persona-payments.md"}))
def test_format_is_recognised_by_structure_not_file_name(name: str, tmp_path: Path) -> None:
    disguised = tmp_path / "persona-payments.txt"
    shutil.copyfile(DATA / name, disguised)
    original = _load(name)
    moved = load_persona(str(disguised))
    assert (moved.format, moved.name, moved.trigger_keywords) == (
        original.format,
        original.name,
        original.trigger_keywords,
    )


def test_agent_format_takes_its_name_from_the_file_name(tmp_path: Path) -> None:
    renamed = tmp_path / "ledger-watch.agent.md"
    shutil.copyfile(DATA / "persona-payments.md", renamed)
    persona = load_persona(str(renamed))
    assert persona.format == "agent"
    assert persona.name == "ledger-watch.agent"


def _file(path: str, line: str) -> str:
    return (
        f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n"
        f"@@ -1,1 +1,2 @@\n context\n+{line}\n"
    )


DIFF = "".join(
    [
        _file("src/payments/charge.py", "amount = total"),
        _file("db/schema.sql", "-- nothing special"),
        _file("src/orders/cancel.py", "result = refund(order)"),
        _file("src/reports/daily.py", "print(summary)"),
        _file("src/components/PayButton.ts", "emit('ledger')"),
        _file("web/theme.css", ".ledger { color: red }"),
        _file("guide/usage.md", "How the ledger works"),
    ]
)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_declared_triggers_decide_which_files_are_reviewed(name: str) -> None:
    persona = _load(name)
    selection = select_files(parse_diff(DIFF), persona, Config())
    reviewed = {f.path for f in selection.reviewed}

    # A keyword in an added line triggers in every format.
    assert "src/orders/cancel.py" in reviewed
    # Nothing triggers on a file with neither a keyword nor a declared glob.
    assert "src/reports/daily.py" not in reviewed
    # Globs take effect only where the file declares them.
    declared_globs = bool(FIXTURES[name][1])
    assert ("src/payments/charge.py" in reviewed) == declared_globs
    assert ("db/schema.sql" in reviewed) == declared_globs
    # Frontend files stay out though they mention a keyword: by the persona's "Do NOT use for" exclusions
    # where it declares them, by the frontend detector otherwise.
    by = {d.path: d.by for d in selection.decisions}
    declared = {"**/components/**", "**/*.css"} <= set(persona.exclude_globs)
    for path in ("src/components/PayButton.ts", "web/theme.css"):
        assert path not in reviewed
        assert by[path] == ("persona exclude" if declared else "frontend")
    assert "guide/usage.md" not in reviewed
    assert all(d.reason for d in selection.skipped)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_crlf_and_byte_order_mark_change_nothing(name: str, tmp_path: Path) -> None:
    windows = tmp_path / name
    text = (DATA / name).read_text(encoding="utf-8")
    windows.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    original, converted = _load(name), load_persona(str(windows))
    fields = ("name", "description", "priorities", "trigger_keywords", "trigger_globs", "exclude_globs",
              "not_for", "format")
    assert [getattr(converted, f) for f in fields] == [getattr(original, f) for f in fields]
