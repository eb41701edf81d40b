"""Advice right for the database (issue 9, item 4): no CONCURRENTLY or NOT VALID on MySQL, MariaDB or
SQLite, hazards those engines do not have left out, the others explained for the engine; squawk is for
Postgres only."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks.registry import Registry
from persona_review.checks.runner import run_checks
from persona_review.checks.sql_squawk import SquawkBatch
from persona_review.contexts import context_for_text
from persona_review.findings import Category, Finding

RAILS = "db/migrate/20240501000000_change_orders.rb"
SQL = "db/migrations/V9__orders.sql"


def rails(body: str) -> str:
    lines = "\n".join(f"    {line}" for line in body.strip("\n").splitlines())
    return f"class ChangeOrders < ActiveRecord::Migration[7.1]\n  def change\n{lines}\n  end\nend\n"


def review(path: str, text: str, database: str | None, registry: Registry | None = None) -> list[Finding]:
    ctx = context_for_text(path, textwrap.dedent(text).lstrip("\n"))
    return run_checks([ctx], [Category.MIGRATION_SAFETY], registry, database=database).findings


def words(findings: list[Finding]) -> str:
    return " ".join(f"{f.title} {f.body} {f.explanation} {f.suggested_fix or ''}" for f in findings)


MIGRATION = rails(
    """
add_index :orders, :code
add_foreign_key :orders, :users
add_column :orders, :note, :string, null: false
change_column :orders, :total, :bigint
add_column :orders, :meta, :json
remove_column :orders, :legacy
"""
)


@pytest.mark.parametrize("engine", ["mysql", "mariadb"])
def test_mysql_and_mariadb_get_online_ddl_advice_and_no_postgres_syntax(engine: str) -> None:
    found = review(RAILS, MIGRATION, engine)
    assert {f.checklist_item for f in found} == {"MIG-01", "MIG-02", "MIG-04", "MIG-06"}
    text = words(found)
    assert "CONCURRENTLY" not in text and "NOT VALID is" not in text and "validate: false" not in text
    assert "ACCESS EXCLUSIVE" not in text
    assert "ALGORITHM=INPLACE, LOCK=NONE" in text and "pt-online-schema-change" in text


def test_sqlite_keeps_what_breaks_and_drops_lock_advice() -> None:
    found = review(RAILS, MIGRATION, "sqlite")
    assert {f.checklist_item for f in found} == {"MIG-01", "MIG-02", "MIG-04"}
    assert "rebuild" in words(found) and "CONCURRENTLY" not in words(found)


@pytest.mark.parametrize("engine", ["postgres", None])
def test_postgres_and_unknown_keep_the_postgres_advice(engine: str | None) -> None:
    found = review(RAILS, MIGRATION, engine)
    assert {f.checklist_item for f in found} == {"MIG-00", "MIG-01", "MIG-02", "MIG-03", "MIG-04", "MIG-06"}
    assert "CONCURRENTLY" in words(found)


def test_sql_on_mysql_runs_the_built_in_checks_without_squawk_or_notice() -> None:
    started = SquawkBatch()
    registry = Registry()
    registry.add_batch(started)
    text = (
        "CREATE INDEX orders_code ON orders (code);\n"
        "ALTER TABLE `orders` ADD COLUMN `total` int NULL;\n"
        "ALTER TABLE `orders` MODIFY `total` bigint NULL;\n"
        "ALTER TABLE `orders` MODIFY `total` bigint NOT NULL;\n"
    )
    outcome = run_checks([context_for_text(SQL, text)], [Category.MIGRATION_SAFETY], registry, database="mysql")
    assert [(f.line, f.checklist_item) for f in outcome.findings] == [(3, "MIG-04")]
    assert started.processes_started == 0 and outcome.notices == []
    assert "CONCURRENTLY" not in words(outcome.findings)


def test_no_concurrently_suggestion_on_mysql() -> None:
    text = "CREATE INDEX orders_code ON orders (code);\n"
    assert review(SQL, text, "mysql") == []
    (postgres,) = review(SQL, text, "postgres")
    assert postgres.suggested_fix is not None and "CONCURRENTLY" in postgres.suggested_fix


def test_go_and_js_follow_the_engine_too() -> None:
    go = (
        'package migrations\n\nfunc init() { goose.AddMigration(up, nil) }\n\nfunc up(tx *sql.Tx) error {\n'
        '\t_, err := tx.Exec("CREATE INDEX orders_code ON orders (code)")\n\treturn err\n}\n'
    )
    assert review("db/migrations/1_x.go", go, "mariadb") == []
    assert [f.checklist_item for f in review("db/migrations/1_x.go", go, "postgres")] == ["MIG-03"]
    knex = "exports.up = (knex) => knex.schema.alterTable('orders', (t) => {\n  t.index(['code']);\n});\n"
    assert review("db/migrations/1_x.js", knex, "mysql") == []


def test_sqlite_says_what_it_does_with_a_not_null_column() -> None:
    """SQLite refuses a NOT NULL column without a default whether or not the table has rows; the
    finding names the table (never "a non-empty the table")."""
    text = "exports.up = (knex) => knex.schema.alterTable('orders', (t) => {\n  t.string('code').notNullable();\n});\n"
    (sqlite,) = review("db/migrations/20240501000000_x.js", text, "sqlite")
    assert "`orders`" in sqlite.title and "refused without a default" in sqlite.title
    assert "ACCESS EXCLUSIVE" not in words([sqlite]) and "the table," not in words([sqlite])
    (postgres,) = review("db/migrations/20240501000000_x.js", text, "postgres")
    assert "ACCESS EXCLUSIVE" in postgres.title


def test_sql_server_gets_online_and_nocheck_advice_and_no_postgres_syntax() -> None:
    found = review(RAILS, MIGRATION, "mssql")
    assert {f.checklist_item for f in found} == {"MIG-01", "MIG-02", "MIG-03", "MIG-04", "MIG-06"}  # no json
    text = words(found)
    assert "WITH (ONLINE = ON)" in text and "WITH NOCHECK" in text
    assert "CONCURRENTLY" not in text and "ACCESS EXCLUSIVE" not in text and "NOT VALID" not in text
    assert "lock_timeout" not in text and "jsonb" not in text


def test_sql_server_online_index_and_nocheck_constraint_are_the_safe_forms() -> None:
    risky = (
        "CREATE INDEX ix_orders_code ON orders (code);\n"
        "ALTER TABLE orders ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id);\n"
        "ALTER TABLE orders ADD CONSTRAINT uq_orders_code UNIQUE (code);\n"
        "ALTER TABLE orders ALTER COLUMN code SET NOT NULL;\n"
    )
    safe = (
        "CREATE INDEX ix_orders_code ON orders (code) WITH (ONLINE = ON);\n"
        "ALTER TABLE orders WITH NOCHECK ADD CONSTRAINT fk_orders_user FOREIGN KEY (user_id) REFERENCES users (id);\n"
        "ALTER TABLE orders ADD CONSTRAINT uq_orders_code UNIQUE (code) WITH (ONLINE = ON);\n"
    )
    flagged = review(SQL, risky, "mssql")
    assert [(f.line, f.checklist_item) for f in flagged] == [(1, "MIG-03"), (2, "MIG-06"), (3, "MIG-07"), (4, "MIG-02")]
    text = words(flagged)
    assert "CONCURRENTLY" not in text and "NOT VALID" not in text and "ACCESS EXCLUSIVE" not in text
    assert review(SQL, safe, "mssql") == []


def test_the_config_takes_mssql_and_refuses_an_engine_it_does_not_know() -> None:
    from persona_review.config import parse_config
    from persona_review.errors import ConfigError

    assert parse_config("database: mssql\n", "c.yml").database == "mssql"
    with pytest.raises(ConfigError, match="'database' is 'oracle'"):
        parse_config("database: oracle\n", "c.yml")


def test_sql_server_renames_and_runtime_constant_defaults() -> None:
    text = (
        "EXEC sp_rename 'orders.code', 'sku', 'COLUMN';\n"
        "ALTER TABLE orders ADD created datetime2 NOT NULL DEFAULT SYSUTCDATETIME();\n"
        "ALTER TABLE orders ADD token uniqueidentifier NOT NULL DEFAULT NEWID();\n"
    )
    found = review(SQL, text, "mssql")
    assert [(f.line, f.checklist_item) for f in found] == [(1, "MIG-05"), (3, "MIG-08")]
    assert "schema lock" in found[1].title and "ACCESS EXCLUSIVE" not in words(found)
