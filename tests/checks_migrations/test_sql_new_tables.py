"""squawk findings on tables the same file creates are dropped, wherever the statement sits (the lookup
finds each finding's statement by bisection: many statements, multi-line ones, two on one line). The
constraint is on another table than the index of line 10, which is not folded into it (see
test_sql_index_under_held_lock)."""

from __future__ import annotations

import pytest

from persona_review.checks.registry import Registry
from persona_review.checks.runner import run_checks
from persona_review.checks.sql_squawk import SquawkBatch, find_squawk
from persona_review.contexts import context_for_text
from persona_review.findings import Category

MIGRATION = """\
CREATE TABLE carts (id bigint PRIMARY KEY, owner_id bigint);
CREATE INDEX carts_owner_idx ON carts (owner_id);
CREATE INDEX orders_owner_idx ON orders (owner_id);
ALTER TABLE carts
  ADD CONSTRAINT carts_owner_fk FOREIGN KEY (owner_id) REFERENCES users (id);
ALTER TABLE invoices
  ADD CONSTRAINT invoices_owner_fk FOREIGN KEY (owner_id) REFERENCES users (id);
CREATE TABLE lines (id bigint); CREATE INDEX lines_id_idx ON lines (id);
-- a comment between statements
CREATE INDEX orders_total_idx ON orders (total); CREATE INDEX carts_id_idx ON carts (id);
"""


def _lines(batch: SquawkBatch, text: str) -> set[tuple[int, str]]:
    registry = Registry()
    registry.add_batch(batch)
    outcome = run_checks([context_for_text("db/V9__carts.sql", text)], [Category.MIGRATION_SAFETY], registry)
    return {(f.line or 0, f.checklist_item) for f in outcome.findings}


@pytest.mark.skipif(find_squawk() is None, reason="squawk-cli not installed")
def test_only_statements_on_existing_tables_are_reported() -> None:
    # squawk puts a constraint finding on the constraint's own line (7).
    assert _lines(SquawkBatch(), MIGRATION) == {(3, "MIG-03"), (7, "MIG-06"), (10, "MIG-03")}


def test_the_builtin_scanner_agrees_on_the_statements() -> None:
    assert _lines(SquawkBatch(locate=lambda: None), MIGRATION) == {(3, "MIG-03"), (6, "MIG-06"), (10, "MIG-03")}


@pytest.mark.skipif(find_squawk() is None, reason="squawk-cli not installed")
def test_a_long_file_keeps_every_finding_on_its_line() -> None:
    blocks = [
        f"CREATE TABLE t{n} (id bigint);\nCREATE INDEX t{n}_idx ON t{n} (id);\nCREATE INDEX o{n}_idx ON orders (c{n});\n"
        for n in range(300)
    ]
    found = _lines(SquawkBatch(), "".join(blocks))
    assert found == {(3 * n + 3, "MIG-03") for n in range(300)}
