"""The bundled backend persona and checklists load, and the persona's triggers select backend files only."""

from __future__ import annotations

import re

import pytest
from pathspec import GitIgnoreSpec

from persona_review.checklists import load_all_checklists
from persona_review.config import Config
from persona_review.diff import parse_diff
from persona_review.findings import Category
from persona_review.persona import Persona, load_persona
from persona_review.triggers import KeywordMatcher, select_files


@pytest.fixture(scope="module")
def backend() -> Persona:
    return load_persona(None)


def test_bundled_persona_declares_its_identity(backend: Persona) -> None:
    assert backend.name == "backend"
    assert backend.format == "native"
    assert backend.priorities == ("reliability", "security", "performance", "features", "convenience")
    assert backend.description
    assert backend.not_for
    body_lines = backend.body.splitlines()
    assert 80 <= len(body_lines) <= 150
    for question in ("dependency", "idempotent", "boundary", "transactions bounded", "large live table"):
        assert question in backend.body


def test_bundled_globs_are_valid_and_unique(backend: Persona) -> None:
    for globs in (backend.trigger_globs, backend.exclude_globs):
        assert len(set(globs)) == len(globs)
        GitIgnoreSpec.from_lines(globs)  # raises on a malformed pattern


BACKEND_PATHS = [
    "app/controllers/users_controller.rb",
    "src/main/java/com/acme/web/OrderController.java",
    "src/main/java/com/acme/data/OrderRepository.java",
    "src/main/java/com/acme/domain/OrderEntity.java",
    "services/billing/charge.py",
    "internal/handlers/pay_handler.go",
    "server/middleware/auth.ts",
    "cmd/server/main.go",
    "app/routes/orders.js",
    "api/v1/orders.py",
    "shop/models.py",
    "db/migrate/20240101120000_add_index_to_orders.rb",
    "shop/migrations/0042_order_status.py",
    "alembic/versions/3f2a_add_status.py",
    "src/main/resources/db/migration/V3__add_status.sql",
    "src/main/resources/db/changelog/db.changelog-master.yaml",
    "prisma/schema.prisma",
    "migrations/20240101_orders.js",
    "queries/report.sql",
    "Dockerfile",
    "deploy/docker-compose.yml",
    "deploy/k8s/deployment.yaml",
    "infra/main.tf",
    "wsgi.py",
]
NOT_BACKEND_PATHS = [
    "src/components/Button.tsx",
    "src/components/api/client.ts",
    "frontend/src/api/users.ts",
    "web/styles/main.css",
    "docs/operations.md",
    "README.md",
    "tests/fixtures/users.json",
    "tests/__snapshots__/orders.snap",
]


def _matches(globs: tuple[str, ...], path: str) -> bool:
    return GitIgnoreSpec.from_lines(globs).match_file(path)


@pytest.mark.parametrize("path", BACKEND_PATHS)
def test_backend_paths_trigger(backend: Persona, path: str) -> None:
    assert _matches(backend.trigger_globs, path)
    assert not _matches(backend.exclude_globs, path)


@pytest.mark.parametrize("path", NOT_BACKEND_PATHS)
def test_frontend_docs_and_test_data_paths_are_not_reviewed(backend: Persona, path: str) -> None:
    diff = f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n@@ -1 +1 @@\n-a\n+cur.execute(sql)\n"
    decision = select_files(parse_diff(diff), backend, Config()).decisions[0]
    assert not decision.reviewed
    assert decision.by in {"frontend", "docs", "test", "persona exclude"}


@pytest.mark.parametrize(
    "line",
    [
        "cur.execute('UPDATE orders SET status = %s WHERE id = %s', (status, order_id))",
        "with transaction.atomic():",
        "resp = requests.get(url, timeout=5)",
        "@app.route('/orders', methods=['POST'])",
        "@RestController",
        "rows, err := db.Query(ctx, q, id)",
        "ALTER TABLE orders ADD COLUMN status text;",
        "op.add_column('orders', sa.Column('status', sa.Text()))",
    ],
)
def test_backend_lines_trigger_by_keyword(backend: Persona, line: str) -> None:
    assert KeywordMatcher(backend.trigger_keywords).search(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "const res = await fetch('/api/users');",
        "const requests = pending.map(toRequest); requests.forEach(send);",
        "<select value={status} onChange={update}>",
        "document.querySelector('.service-card').classList.add('active');",
        "// check for update before rendering the transaction list",
        "import { UserService } from './user.service';",
    ],
)
def test_frontend_lines_do_not_trigger_by_keyword(backend: Persona, line: str) -> None:
    assert KeywordMatcher(backend.trigger_keywords).search(line) is None


def test_bundled_keywords_avoid_words_frontend_code_uses(backend: Persona) -> None:
    lowered = {k.casefold() for k in backend.trigger_keywords}
    assert not lowered & {"api", "service", "select", "update", "transaction", "fetch", "request"}


def test_all_checklists_load_with_unique_ids_and_full_items() -> None:
    checklists = load_all_checklists()
    assert {c.category for c in checklists} == set(Category)
    ids = [item.id for c in checklists for item in c.items]
    assert len(ids) == len(set(ids))
    prefixes = {
        Category.ERROR_HANDLING: "ERR",
        Category.SECURITY: "SEC",
        Category.MIGRATION_SAFETY: "MIG",
        Category.DATA_INTEGRITY: "DATA",
        Category.API_DESIGN: "API",
    }
    for checklist in checklists:
        assert checklist.title
        for item in checklist.items:
            assert re.fullmatch(rf"{prefixes[checklist.category]}-\d\d", item.id), item.id
            for text in (item.rule, item.why, item.fix):
                assert len(text) >= 30, (item.id, text)
                assert "\n" not in text, item.id
            assert item.why != item.fix


def test_checklists_render_every_item_for_the_prompt() -> None:
    for checklist in load_all_checklists():
        rendered = checklist.render()
        for item in checklist.items:
            assert f"**{item.id}** {item.rule}" in rendered
            assert item.why in rendered and item.fix in rendered
