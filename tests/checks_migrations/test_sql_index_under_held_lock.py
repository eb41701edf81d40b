"""An index built on a table an earlier statement of the same transactional migration already locks
against writes (a rewrite, a validated constraint) is said in that statement's finding, not reported on its
own: it blocks nothing new, it keeps the lock longer. Without the earlier lock, on another table, after a
COMMIT or in a migration that runs outside a transaction, the index build is reported as before."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks.registry import Registry
from persona_review.checks.runner import run_checks
from persona_review.checks.sql_squawk import SquawkBatch, find_squawk
from persona_review.contexts import context_for_text
from persona_review.findings import Category, Finding

PATH = "db/migrations/20260101000000_shipments.sql"


def _registries() -> list[Registry | None]:
    fallback = Registry()
    fallback.add_batch(SquawkBatch(locate=lambda: None))
    return [None, fallback] if find_squawk() is not None else [fallback]


ENGINES = pytest.mark.parametrize("registry", _registries(), ids=lambda r: "built-in" if r else "squawk")


def _review(text: str, registry: Registry | None) -> list[Finding]:
    ctx = context_for_text(PATH, textwrap.dedent(text).lstrip("\n"))
    return run_checks([ctx], [Category.MIGRATION_SAFETY], registry).findings


def _items(text: str, registry: Registry | None) -> set[tuple[int, str]]:
    return {(f.line or 0, f.checklist_item) for f in _review(text, registry)}


@ENGINES
def test_index_after_a_validated_foreign_key_on_the_same_table_is_folded(registry: Registry | None) -> None:
    text = """
    ALTER TABLE shipments ADD CONSTRAINT shipments_carrier_fk FOREIGN KEY (carrier_id) REFERENCES carriers (id);
    CREATE INDEX shipments_carrier_idx ON shipments (carrier_id);
    """
    findings = _review(text, registry)
    assert {(f.line, f.checklist_item) for f in findings} == {(1, "MIG-06")}
    assert "index built on line 2" in (findings[0].explanation or "")


@ENGINES
def test_index_after_a_rewrite_in_a_goose_migration_is_folded(registry: Registry | None) -> None:
    text = """
    -- +goose Up
    ALTER TABLE shipments ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();
    CREATE UNIQUE INDEX shipments_token_key ON shipments (token);
    """
    assert {item for _line, item in _items(text, registry)} == {"MIG-08"}


@ENGINES
def test_index_on_another_table_is_still_reported(registry: Registry | None) -> None:
    text = """
    ALTER TABLE shipments ADD CONSTRAINT shipments_carrier_fk FOREIGN KEY (carrier_id) REFERENCES carriers (id);
    CREATE INDEX parcels_shipment_idx ON parcels (shipment_id);
    """
    assert (2, "MIG-03") in _items(text, registry)


@ENGINES
def test_index_before_the_lock_or_outside_a_transaction_is_still_reported(registry: Registry | None) -> None:
    first = """
    CREATE INDEX shipments_carrier_idx ON shipments (carrier_id);
    ALTER TABLE shipments ADD CONSTRAINT shipments_carrier_fk FOREIGN KEY (carrier_id) REFERENCES carriers (id);
    """
    assert (1, "MIG-03") in _items(first, registry)
    no_tx = """
    -- +goose NO TRANSACTION
    -- +goose Up
    ALTER TABLE shipments ADD CONSTRAINT shipments_carrier_fk FOREIGN KEY (carrier_id) REFERENCES carriers (id);
    CREATE INDEX shipments_carrier_idx ON shipments (carrier_id);
    """
    assert (4, "MIG-03") in _items(no_tx, registry)
    committed = """
    BEGIN;
    ALTER TABLE shipments ADD CONSTRAINT shipments_carrier_fk FOREIGN KEY (carrier_id) REFERENCES carriers (id);
    COMMIT;
    CREATE INDEX shipments_carrier_idx ON shipments (carrier_id);
    """
    assert (4, "MIG-03") in _items(committed, registry)
