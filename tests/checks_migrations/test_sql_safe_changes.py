"""What Postgres does without a rewrite or a scan is not reported (issue 9, item 4), by squawk's findings
and by the built-in scanner alike: widening type changes, SET NOT NULL after a validated NOT NULL check,
anything on a table the same migration creates. A json column is reported."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks.registry import Registry
from persona_review.checks.runner import run_checks
from persona_review.checks.sql_squawk import SquawkBatch, find_squawk
from persona_review.contexts import context_for_text
from persona_review.findings import Category

PATH = "db/migrations/V12__orders.sql"


def _registries() -> list[Registry | None]:
    fallback = Registry()
    fallback.add_batch(SquawkBatch(locate=lambda: None))
    return [None, fallback] if find_squawk() is not None else [fallback]


def found(text: str, registry: Registry | None) -> set[tuple[int, str]]:
    ctx = context_for_text(PATH, textwrap.dedent(text).lstrip("\n"))
    return {(f.line or 0, f.checklist_item) for f in run_checks([ctx], [Category.MIGRATION_SAFETY], registry).findings}


ENGINES = pytest.mark.parametrize("registry", _registries(), ids=lambda r: "built-in" if r else "squawk")


@ENGINES
def test_widening_changes_are_not_reported(registry: Registry | None) -> None:
    text = """
    CREATE TABLE orders_archive (id bigint, code varchar(10), total numeric(10, 2), net cidr);
    ALTER TABLE orders_archive_old ALTER COLUMN code TYPE text;
    ALTER TABLE orders_archive_old ALTER COLUMN code TYPE varchar;
    """
    assert found(text, registry) == set()


@ENGINES
def test_widening_against_a_type_declared_earlier(registry: Registry | None) -> None:
    text = """
    ALTER TABLE orders ADD COLUMN code varchar(10);
    ALTER TABLE orders ALTER COLUMN code TYPE varchar(40);
    ALTER TABLE orders ADD COLUMN total numeric(10, 2);
    ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 2);
    ALTER TABLE orders ADD COLUMN net cidr;
    ALTER TABLE orders ALTER COLUMN net TYPE inet;
    ALTER TABLE orders ALTER COLUMN code TYPE varchar(5);
    ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 4);
    ALTER TABLE orders ALTER COLUMN id TYPE bigint USING id::bigint;
    """
    assert {item for _, item in found(text, registry)} <= {"MIG-04"}
    assert {line for line, item in found(text, registry) if item == "MIG-04"} == {7, 8, 9}


@ENGINES
def test_set_not_null_after_a_validated_check(registry: Registry | None) -> None:
    text = """
    ALTER TABLE orders ADD CONSTRAINT orders_code_nn CHECK (code IS NOT NULL) NOT VALID;
    ALTER TABLE orders VALIDATE CONSTRAINT orders_code_nn;
    ALTER TABLE orders ALTER COLUMN code SET NOT NULL;
    ALTER TABLE orders ALTER COLUMN note SET NOT NULL;
    """
    assert (3, "MIG-02") not in found(text, registry)
    assert (4, "MIG-02") in found(text, registry)


@ENGINES
def test_a_json_column_is_reported_and_jsonb_is_not(registry: Registry | None) -> None:
    assert found("ALTER TABLE orders ADD COLUMN meta json;\n", registry) == {(1, "MIG-00")}
    assert found("ALTER TABLE orders ADD COLUMN meta jsonb;\n", registry) == set()


@ENGINES
def test_a_default_dropped_right_after_adding_a_not_null_column(registry: Registry | None) -> None:
    text = """
    ALTER TABLE orders ADD COLUMN code integer DEFAULT 1 NOT NULL;
    ALTER TABLE orders ALTER COLUMN code DROP DEFAULT;
    """
    assert (2, "MIG-02") in found(text, registry)
    restored = text + "ALTER TABLE orders ALTER COLUMN code SET DEFAULT 2;\n"
    assert (2, "MIG-02") not in found(restored, registry)
    kept = "ALTER TABLE orders ADD COLUMN code integer DEFAULT 1 NOT NULL;\n"
    assert found(kept, registry) == set()


def test_a_sqlite_rebuild_is_judged_on_what_it_adds() -> None:
    fallback = _registries()[-1]
    rebuild = """
    ALTER TABLE "notes" RENAME TO "notes__old";
    CREATE TABLE "notes" ("id" integer NOT NULL PRIMARY KEY, "title" varchar(10) NULL);
    INSERT INTO "notes" ("id", "title") SELECT "id", "title" FROM "notes__old";
    DROP TABLE "notes__old";
    """
    assert found(rebuild, fallback) == set()
    adds = """
    ALTER TABLE "notes" RENAME TO "notes__old";
    CREATE TABLE "notes" ("id" integer NOT NULL PRIMARY KEY, "code" integer NOT NULL);
    INSERT INTO "notes" ("id", "code") SELECT "id", 1 FROM "notes__old";
    DROP TABLE "notes__old";
    """
    assert found(adds, fallback) == {(2, "MIG-02")}


@ENGINES
def test_an_immutable_function_default_is_not_volatile(registry: Registry | None) -> None:
    assert found("ALTER TABLE orders ADD COLUMN ratio numeric DEFAULT (pi()) NOT NULL;\n", registry) == set()
    assert {item for _, item in found("ALTER TABLE orders ADD COLUMN r float DEFAULT random();\n", registry)} == {
        "MIG-08"
    }


@ENGINES
def test_columns_filled_per_row_are_reported_and_a_constant_default_is_not(registry: Registry | None) -> None:
    text = """
    ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) STORED;
    ALTER TABLE orders ADD COLUMN public_id uuid DEFAULT gen_random_uuid();
    ALTER TABLE orders ADD COLUMN region text DEFAULT 'eu';
    """
    assert found(text, registry) == {(1, "MIG-08"), (2, "MIG-08")}


@ENGINES
def test_a_using_clause_that_only_casts_the_column_to_the_new_type(registry: Registry | None) -> None:
    """MikroORM writes `USING ("col"::type)` for every type change: judged as the change without it."""
    text = """
    ALTER TABLE orders ALTER COLUMN note TYPE text USING ("note"::text);
    ALTER TABLE orders ALTER COLUMN code TYPE text USING CAST(code AS text);
    ALTER TABLE orders ALTER COLUMN pages TYPE bigint USING ("pages"::bigint);
    ALTER TABLE orders ALTER COLUMN label TYPE text USING lower(label)::text;
    ALTER TABLE orders ALTER COLUMN ref TYPE text USING (other_ref::text);
    """
    assert {line for line, item in found(text, registry) if item == "MIG-04"} == {3, 4, 5}


@ENGINES
def test_the_type_a_rollback_restores_is_the_type_before(registry: Registry | None) -> None:
    """A down section (dbmate, goose) or a Liquibase `-- rollback` line that gives the column its old type
    back tells what the forward change starts from."""
    widen = """
    -- migrate:up
    ALTER TABLE orders ALTER COLUMN code TYPE varchar(128);

    -- migrate:down
    ALTER TABLE orders ALTER COLUMN code TYPE varchar(64);
    """
    narrow = widen.replace("varchar(128)", "varchar(32)")
    unknown = "ALTER TABLE orders ALTER COLUMN code TYPE varchar(128);\n"
    assert found(widen, registry) == set()
    assert (2, "MIG-04") in found(narrow, registry)
    assert (1, "MIG-04") in found(unknown, registry)
    liquibase = """
    -- liquibase formatted sql
    -- changeset ops:1
    ALTER TABLE orders ALTER COLUMN code TYPE varchar(128);
    -- rollback ALTER TABLE orders ALTER COLUMN code TYPE varchar(64);
    """
    assert found(liquibase, registry) == set()
    assert (3, "MIG-04") in found(liquibase.replace("varchar(128)", "integer"), registry)


@ENGINES
def test_ddl_an_anonymous_block_only_wraps_is_read(registry: Registry | None) -> None:
    """drizzle-kit wraps each foreign key in `DO $$ BEGIN … EXCEPTION WHEN duplicate_object … END $$`."""
    block = """
    DO $$ BEGIN
     ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id");
    EXCEPTION
     WHEN duplicate_object THEN null;
    END $$;
    """
    assert (1, "MIG-06") in found(block, registry)
    assert found(block.replace('("id");', '("id") NOT VALID;'), registry) == set()
    new_table = 'CREATE TABLE "sessions" ("id" serial PRIMARY KEY, "user_id" integer);\n' + textwrap.dedent(block)
    assert found(new_table, registry) == set()


_NOT_VALID_THEN_VALIDATE = """
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
"""


@ENGINES
def test_a_constraint_validated_in_the_transaction_that_adds_it(registry: Registry | None) -> None:
    """NOT VALID spares the scan only when VALIDATE runs in a later transaction: in the same one the ADD's
    lock is still held while VALIDATE reads every row."""
    goose = "-- +goose Up" + _NOT_VALID_THEN_VALIDATE
    assert (3, "MIG-06") in found(goose, registry)
    assert (3, "MIG-06") in found("BEGIN;" + _NOT_VALID_THEN_VALIDATE + "COMMIT;\n", registry)
    assert found("-- +goose NO TRANSACTION\n" + goose, registry) == set()
    add, validate = _NOT_VALID_THEN_VALIDATE.strip().splitlines()
    assert found(f"BEGIN;\n{add}\nCOMMIT;\nBEGIN;\n{validate}\nCOMMIT;\n", registry) == set()


def test_a_flyway_script_runs_in_one_transaction_unless_it_cannot() -> None:
    """Flyway wraps a versioned script in a transaction; a plain numbered file (golang-migrate) is not."""
    def at(path: str, text: str) -> set[tuple[int, str]]:
        ctx = context_for_text(path, textwrap.dedent(text).lstrip("\n"))
        return {(f.line or 0, f.checklist_item) for f in run_checks([ctx], [Category.MIGRATION_SAFETY]).findings}

    assert (2, "MIG-06") in at("src/main/resources/db/migration/V9__fk.sql", _NOT_VALID_THEN_VALIDATE)
    assert at("migrations/000009_fk.up.sql", _NOT_VALID_THEN_VALIDATE) == set()
    assert at("src/main/resources/db/migration/V9__fk.sql",
              "-- flyway:executeInTransaction=false" + _NOT_VALID_THEN_VALIDATE) == set()
