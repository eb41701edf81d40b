"""SQL migrations: squawk (one process) mapped onto checklist items, and the built-in fallback scanner."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.registry import Registry
from persona_review.checks.runner import run_checks
from persona_review.checks.sql_squawk import SquawkBatch, find_squawk
from persona_review.contexts import context_for_text
from persona_review.findings import Category

from .helpers import hunk_context

needs_squawk = pytest.mark.skipif(find_squawk() is None, reason="squawk-cli not installed")

# (flagged SQL, item expected on line 1, near-miss SQL that must stay clean)
CASES = [
    ("ALTER TABLE orders DROP COLUMN note;", "MIG-01", "ALTER TABLE orders ADD COLUMN note text;"),
    (
        "ALTER TABLE orders ADD COLUMN code text NOT NULL;",
        "MIG-02",
        "ALTER TABLE orders ADD COLUMN code text NOT NULL DEFAULT 'x';",
    ),
    (
        "CREATE INDEX orders_code_idx ON orders (code);",
        "MIG-03",
        "CREATE INDEX CONCURRENTLY orders_code_idx ON orders (code);",
    ),
    ("DROP INDEX orders_code_idx;", "MIG-03", "DROP INDEX CONCURRENTLY orders_code_idx;"),
    (
        "ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 2);",
        "MIG-04",
        "ALTER TABLE orders ALTER COLUMN total SET DEFAULT 0;",
    ),
    (
        "ALTER TABLE orders RENAME COLUMN total TO amount;",
        "MIG-05",
        "COMMENT ON COLUMN orders.total IS 'gross';",
    ),
    (
        "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);",
        "MIG-06",
        "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;",
    ),
    (
        "ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (code);",
        "MIG-07",
        "ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE USING INDEX orders_code_idx;",
    ),
    (
        "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();",
        "MIG-08",
        "ALTER TABLE orders ADD COLUMN flag boolean DEFAULT false;",
    ),
]


def _both_engines() -> list[SquawkBatch]:
    engines = [SquawkBatch(locate=lambda: None)]
    if find_squawk() is not None:
        engines.append(SquawkBatch())
    return engines


IN_TX = "BEGIN;\nCREATE INDEX CONCURRENTLY orders_x_idx ON orders (x);\nCOMMIT;\n"


@pytest.mark.parametrize("batch", _both_engines(), ids=lambda b: "squawk" if b._locate() else "fallback")
def test_concurrent_index_inside_an_explicit_transaction(batch: SquawkBatch) -> None:
    found, _ = _run(batch, {"db/V5__tx.sql": IN_TX, "db/V6__no_tx.sql": IN_TX.split("\n")[1]})
    assert ("db/V5__tx.sql", 2, "MIG-12") in found
    assert not {f for f in found if f[0] == "db/V6__no_tx.sql"}


NEW_TABLE = """
CREATE TABLE carts (id bigint PRIMARY KEY, owner_id bigint);
CREATE INDEX carts_owner_idx ON carts (owner_id);
ALTER TABLE carts ADD CONSTRAINT carts_owner_fk FOREIGN KEY (owner_id) REFERENCES users (id);
"""


def _run(batch: SquawkBatch, files: dict[str, str]) -> tuple[set[tuple[str, int, str]], list[str]]:
    registry = Registry()
    registry.add_batch(batch)
    contexts = [context_for_text(path, textwrap.dedent(text).lstrip("\n")) for path, text in files.items()]
    outcome = run_checks(contexts, [Category.MIGRATION_SAFETY], registry)
    return {(f.path, f.line or 0, f.checklist_item) for f in outcome.findings}, outcome.notices


@pytest.mark.parametrize("engine", ["fallback", "squawk"])
@pytest.mark.parametrize(("flagged", "item", "clean"), CASES)
def test_flagged_and_near_miss(engine: str, flagged: str, item: str, clean: str) -> None:
    if engine == "squawk" and find_squawk() is None:
        pytest.skip("squawk-cli not installed")
    batch = SquawkBatch() if engine == "squawk" else SquawkBatch(locate=lambda: None)
    found, _ = _run(batch, {"db/V2__bad.sql": flagged, "db/V3__good.sql": clean})
    assert ("db/V2__bad.sql", 1, item) in found
    assert not {f for f in found if f[0] == "db/V3__good.sql"}


@pytest.mark.parametrize("batch", _both_engines(), ids=lambda b: "squawk" if b._locate() else "fallback")
def test_index_and_constraint_on_a_table_created_in_the_same_file_are_fine(batch: SquawkBatch) -> None:
    found, _ = _run(batch, {"db/V4__carts.sql": NEW_TABLE})
    assert found == set()


def test_missing_squawk_gives_one_notice_and_the_builtin_checks_still_run() -> None:
    files = {f"db/V{n}__x.sql": "ALTER TABLE orders DROP COLUMN note;" for n in range(5)}
    found, notices = _run(SquawkBatch(locate=lambda: None), files)
    assert len(notices) == 1 and notices[0].startswith("squawk not found")
    assert {(path, 1, "MIG-01") for path in files} == found


def test_a_broken_squawk_binary_falls_back_with_a_notice() -> None:
    found, notices = _run(SquawkBatch(locate=lambda: "/bin/false"), {"db/V2__x.sql": "DROP TABLE orders;"})
    assert len(notices) == 1 and "squawk failed" in notices[0]
    assert found == {("db/V2__x.sql", 1, "MIG-01")}


@needs_squawk
def test_one_squawk_process_for_all_sql_files() -> None:
    batch = SquawkBatch()
    files = {f"migrations/V{n}__x.sql": f"CREATE INDEX i{n} ON t{n} (c);" for n in range(40)}
    found, notices = _run(batch, files)
    assert batch.processes_started == 1
    assert notices == []
    assert len(found) == 40


@needs_squawk
def test_style_rules_are_dropped() -> None:
    # prefer-bigint-over-int, prefer-robust-stmts, require-timeout rules all fire here; none is reported.
    found, _ = _run(SquawkBatch(), {"db/V2__x.sql": "ALTER TABLE orders ADD COLUMN n int;"})
    assert found == set()


SPREAD = """
-- split across lines
ALTER TABLE orders
    ADD COLUMN a text,
    ADD COLUMN b text;

CREATE INDEX orders_a_idx
    ON orders (a);
"""


@pytest.mark.parametrize("batch", _both_engines(), ids=lambda b: "squawk" if b._locate() else "fallback")
def test_hunk_only_file_gives_the_same_findings(batch: SquawkBatch) -> None:
    registry = Registry()
    registry.add_batch(batch)
    whole = context_for_text("db/V9__x.sql", textwrap.dedent(SPREAD).lstrip("\n"))
    whole.added = frozenset({6, 7})
    hunk: FileContext = hunk_context("db/V9__x.sql", SPREAD, range(6, 8), context=0)
    full = run_checks([whole], None, registry).findings
    part = run_checks([hunk], None, registry).findings
    assert [(f.line, f.checklist_item) for f in full] == [(6, "MIG-03")]
    assert [(f.line, f.checklist_item) for f in part] == [(6, "MIG-03")]


@needs_squawk
def test_an_older_squawk_without_some_rule_names_is_retried_once(tmp_path: Path) -> None:
    real = find_squawk()
    shim = tmp_path / "squawk"
    shim.write_text(
        "#!/bin/sh\n"
        'case "$*" in *--exclude=*) echo "error: invalid rule name prefer-identity" >&2; exit 2;; esac\n'
        f'exec "{real}" "$@"\n'
    )
    shim.chmod(0o755)
    batch = SquawkBatch(locate=lambda: str(shim))
    found, notices = _run(batch, {"db/V2__x.sql": "ALTER TABLE orders DROP COLUMN note;"})
    assert batch.processes_started == 2
    assert notices == []
    assert found == {("db/V2__x.sql", 1, "MIG-01")}


def test_squawk_runs_without_the_run_s_secrets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in squawk that records the variables it was started with: the Action's token and key
    (INPUT_* variables) never reach the linter."""
    record = tmp_path / "env.txt"
    stand_in = tmp_path / "squawk"
    stand_in.write_text(f"#!/bin/sh\nenv > '{record}'\necho '[]'\n", encoding="utf-8")
    stand_in.chmod(0o755)
    monkeypatch.setenv("INPUT_GITHUB-TOKEN", "ghs_secret_token")
    monkeypatch.setenv("INPUT_ANTHROPIC-API-KEY", "sk-ant-secret")
    monkeypatch.setenv("SQUAWK_GITHUB_TOKEN", "ghs_other_secret")
    _run(SquawkBatch(locate=lambda: str(stand_in)), {"db/V2__x.sql": "DROP TABLE orders;"})
    seen = record.read_text(encoding="utf-8")
    assert "PATH=" in seen, "the stand-in ran"
    assert "secret" not in seen and "INPUT_" not in seen


GOOSE = """\
-- +goose Up
ALTER TABLE orders ADD COLUMN note text NOT NULL;
CREATE TABLE refunds (id bigint PRIMARY KEY);

-- +goose Down
DROP TABLE refunds;
ALTER TABLE orders DROP COLUMN note;
"""

DBMATE = """\
-- migrate:up
CREATE INDEX orders_state_idx ON orders (state);

-- migrate:down
DROP INDEX orders_state_idx;
"""


@pytest.mark.parametrize("batch", _both_engines(), ids=lambda b: "squawk" if b._locate() else "fallback")
def test_rollback_sections_and_files_are_not_reviewed_as_the_release(batch: SquawkBatch) -> None:
    found, _ = _run(batch, {
        "db/migrations/00017_refunds.sql": GOOSE,
        "db/migrations/20261130_state.sql": DBMATE,
        "migrations/000042_drop_legacy.down.sql": "DROP TABLE legacy_orders;\n",
        "db/U7__undo_orders.sql": "DROP TABLE orders_archive;\n",
        "migrations/000043_drop_legacy.up.sql": "DROP TABLE legacy_orders;\n",
    })
    assert {(path, line) for path, line, _item in found} == {
        ("db/migrations/00017_refunds.sql", 2),  # NOT NULL without a default: the forward part is reviewed
        ("db/migrations/20261130_state.sql", 2),  # an index built without CONCURRENTLY
        ("migrations/000043_drop_legacy.up.sql", 1),
    }


GOOSE_CONCURRENT = """\
-- +goose Up
CREATE UNIQUE INDEX CONCURRENTLY shipments_tracking_idx ON shipments (carrier, tracking_no);

-- +goose Down
DROP INDEX CONCURRENTLY shipments_tracking_idx;
"""
GOOSE_CONCURRENT_NO_TX = "-- +goose NO TRANSACTION\n" + GOOSE_CONCURRENT
SQL_MIGRATE_CONCURRENT = """\
-- +migrate Up
DROP INDEX CONCURRENTLY IF EXISTS ledger_lines_old_idx;
-- +migrate Down
"""
SQL_MIGRATE_CONCURRENT_NO_TX = SQL_MIGRATE_CONCURRENT.replace("-- +migrate Up", "-- +migrate Up notransaction")
DBMATE_CONCURRENT = """\
-- migrate:up
REINDEX INDEX CONCURRENTLY carts_owner_idx;

-- migrate:down
"""
DBMATE_CONCURRENT_NO_TX = DBMATE_CONCURRENT.replace("-- migrate:up", "-- migrate:up transaction:false")


@pytest.mark.parametrize("batch", _both_engines(), ids=lambda b: "squawk" if b._locate() else "fallback")
def test_concurrently_in_a_file_the_migration_tool_wraps_in_a_transaction(batch: SquawkBatch) -> None:
    found, _ = _run(batch, {
        "db/migrations/00031_tracking.sql": GOOSE_CONCURRENT,
        "sqlmigrations/7_ledger.sql": SQL_MIGRATE_CONCURRENT,
        "db/migrations/20261201_reindex.sql": DBMATE_CONCURRENT,
    })
    assert found == {
        ("db/migrations/00031_tracking.sql", 2, "MIG-12"),
        ("sqlmigrations/7_ledger.sql", 2, "MIG-12"),
        ("db/migrations/20261201_reindex.sql", 2, "MIG-12"),
    }


@pytest.mark.parametrize("batch", _both_engines(), ids=lambda b: "squawk" if b._locate() else "fallback")
def test_concurrently_in_a_file_that_opts_out_of_the_tool_s_transaction_is_fine(batch: SquawkBatch) -> None:
    found, _ = _run(batch, {
        "db/migrations/00031_tracking.sql": GOOSE_CONCURRENT_NO_TX,
        "sqlmigrations/7_ledger.sql": SQL_MIGRATE_CONCURRENT_NO_TX,
        "db/migrations/20261201_reindex.sql": DBMATE_CONCURRENT_NO_TX,
        "db/V12__tracking_idx.sql": GOOSE_CONCURRENT.split("\n")[1] + "\n",  # Flyway: no tool marker
    })
    assert found == set()
