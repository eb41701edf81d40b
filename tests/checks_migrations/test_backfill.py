"""SQL/ALEMBIC/DJANGO/RAILS/JS-MIG/GO-MIG/JAVA-MIG-BACKFILL: one statement that rewrites or copies a whole
existing table inside a schema migration."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona_review.checks._backfill_statements import backfill_detail
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category, Finding

from .helpers import hunk_context

DATA = Path(__file__).resolve().parent.parent / "data" / "migrations_backfill"


def _backfills(path: str, text: str) -> list[Finding]:
    outcome = run_checks([context_for_text(path, text)], [Category.MIGRATION_SAFETY])
    return [f for f in outcome.findings if (f.rule_id or "").endswith("-BACKFILL")]


# (fixture, where the project keeps it, check id, lines reported)
FIXTURES = [
    ("alembic_0002_backfill.py", "alembic/versions/0002_backfill.py", "ALEMBIC-BACKFILL", [14, 15, 28]),
    ("django_0005_fill.py", "shop/migrations/0005_fill.py", "DJANGO-BACKFILL", [6, 7, 9, 21]),
    ("rails_backfill_users.rb", "db/migrate/20240101000000_backfill_users.rb", "RAILS-BACKFILL", [3, 4, 6, 8, 24, 34]),
    ("knex_fill.js", "migrations/20240101_fill.js", "JS-MIG-BACKFILL", [3, 4, 6]),
    ("sql_003_fill.sql", "db/migrations/003_fill.sql", "SQL-BACKFILL", [2, 3, 9]),
]


@pytest.mark.parametrize(("name", "path", "rule", "lines"), FIXTURES, ids=[f[0] for f in FIXTURES])
def test_whole_table_backfills_are_reported_and_bounded_ones_are_not(
    name: str, path: str, rule: str, lines: list[int]
) -> None:
    found = _backfills(path, (DATA / name).read_text())
    assert sorted((f.line or 0, f.rule_id) for f in found) == [(line, rule) for line in lines]
    assert all("batches by primary-key range" in (f.body or "") for f in found)


def test_the_same_code_outside_a_migration_is_not_reported() -> None:
    text = (DATA / "alembic_0002_backfill.py").read_text()
    assert _backfills("app/services/backfill.py", text) == []
    assert _backfills("reports/monthly.sql", "UPDATE users SET plan = 'free';\n") == []


def test_sqlite_is_not_judged() -> None:
    ctx = context_for_text("db/migrations/002_fill.sql", "UPDATE accounts SET plan = 'free';\n")
    assert [f.rule_id for f in run_checks([ctx], [Category.MIGRATION_SAFETY]).findings] == ["SQL-BACKFILL"]
    on_sqlite = run_checks([context_for_text("db/migrations/002_fill.sql", "UPDATE accounts SET plan = 'free';\n")],
                           [Category.MIGRATION_SAFETY], database="sqlite")
    assert [f.rule_id for f in on_sqlite.findings if (f.rule_id or "").endswith("-BACKFILL")] == []


def test_a_table_another_migration_of_the_change_creates_is_new() -> None:
    create = context_for_text("db/migrations/001_create.sql", "CREATE TABLE accounts (id int, plan text);\n")
    fill = context_for_text("db/migrations/002_fill.sql", "UPDATE accounts SET plan = 'free';\n")
    outcome = run_checks([create, fill], [Category.MIGRATION_SAFETY])
    assert [f for f in outcome.findings if (f.rule_id or "").endswith("-BACKFILL")] == []


GO_FILL = ("package migrations\n\nimport \"github.com/pressly/goose/v3\"\n\n"
           "func init() { goose.AddMigration(upFill, downFill) }\n\n"
           "func upFill(tx *sql.Tx) error {\n\t_, err := tx.Exec(`UPDATE users SET plan = 'free'`)\n\treturn err\n}\n\n"
           "func downFill(tx *sql.Tx) error {\n\t_, err := tx.Exec(`UPDATE users SET plan = NULL`)\n\treturn err\n}\n")
GO_PATH = "db/migrations/00002_fill.go"
JAVA_FILL = ("package db.migration;\n\nimport org.flywaydb.core.api.migration.BaseJavaMigration;\n\n"
             "public class V3__Fill extends BaseJavaMigration {\n"
             "    public void migrate(Context context) throws Exception {\n"
             "        context.getConnection().createStatement().execute(\"UPDATE users SET plan = 'free'\");\n"
             "    }\n}\n")
JAVA_PATH = "src/main/java/db/migration/V3__Fill.java"


def test_go_and_java_migrations_read_the_sql_they_run() -> None:
    assert [(f.line, f.rule_id) for f in _backfills(GO_PATH, GO_FILL)] == [(8, "GO-MIG-BACKFILL")]
    assert [(f.line, f.rule_id) for f in _backfills(JAVA_PATH, JAVA_FILL)] == [(7, "JAVA-MIG-BACKFILL")]


@pytest.mark.parametrize("statement", [
    "UPDATE USERS SET PLAN = 'FREE' WHERE ID BETWEEN %S AND %S",
    "UPDATE USERS SET PLAN = 'FREE' WHERE ID IN (SELECT ID FROM USERS WHERE PLAN IS NULL LIMIT 1000)",
    "UPDATE USERS SET PLAN = 'FREE' WHERE PLAN IS NULL AND ID < 10000",
    "UPDATE USERS SET PLAN = 'FREE' WHERE ID >= :START AND ID < :END",
    "UPDATE USERS SET PLAN = 'FREE' LIMIT 1000",
    "UPDATE {TABLE} SET PLAN = 'FREE'",
    "INSERT INTO ARCHIVE SELECT * FROM USERS WHERE CREATED_AT < '2020-01-01'",
    "INSERT INTO SETTINGS (K, V) SELECT 'A', 'B'",
    "INSERT INTO USERS (ID) VALUES (1)",
    "UPDATE NEW_TABLE SET X = 1",
    "CREATE FUNCTION F() RETURNS TRIGGER AS $$ BEGIN UPDATE USERS SET X = 1; END $$ LANGUAGE PLPGSQL",
    "ALTER TABLE T ADD CONSTRAINT FK FOREIGN KEY (A) REFERENCES B (ID) ON UPDATE SET NULL",
])
def test_bounded_or_other_statements_are_not_backfills(statement: str) -> None:
    assert backfill_detail(statement, frozenset({"new_table"})) is None


@pytest.mark.parametrize(("statement", "said"), [
    ("UPDATE PUBLIC.USERS SET PLAN = 'FREE'", "`UPDATE users SET ...` has no WHERE"),
    ('UPDATE "USERS" AS U SET PLAN = (SELECT P FROM O WHERE O.ID = U.O_ID)', "has no WHERE"),
    ("UPDATE USERS SET PLAN = 'FREE' WHERE PLAN IS NULL OR PLAN = ''", None),
    ("UPDATE USERS SET PLAN = 'FREE' WHERE TRUE", "is not limited to a batch"),
    ("INSERT INTO ARCHIVE (ID) SELECT ID FROM USERS", "copies every row of users"),
    ("INSERT INTO NEW_TABLE (ID) SELECT ID FROM USERS", None),
])
def test_whole_table_statements(statement: str, said: str | None) -> None:
    detail = backfill_detail(statement, frozenset({"new_table"}))
    if said is None:
        assert detail is None
    else:
        assert detail is not None and said in detail


def test_a_hunk_that_adds_the_update_is_reported_on_its_line() -> None:
    text = (DATA / "sql_003_fill.sql").read_text()
    ctx = hunk_context("db/migrations/003_fill.sql", text, range(2, 3))
    outcome = run_checks([ctx], [Category.MIGRATION_SAFETY])
    found = [(f.line, f.rule_id) for f in outcome.findings if (f.rule_id or "").endswith("-BACKFILL")]
    assert found == [(2, "SQL-BACKFILL")]


_RAILS_ROW_LOOP = """class FillCodes < ActiveRecord::Migration[7.1]
{opt_out}  def up
    Order.find_each do |order|
      order.update!(code: order.number.to_s.rjust(8, "0"))
    end
  end
end
"""


def test_a_rails_row_by_row_backfill_is_reported_unless_the_ddl_transaction_is_off() -> None:
    path = "db/migrate/20240102000000_fill_codes.rb"
    found = _backfills(path, _RAILS_ROW_LOOP.format(opt_out=""))
    assert [(f.line, f.rule_id) for f in found] == [(3, "RAILS-BACKFILL")]
    assert _backfills(path, _RAILS_ROW_LOOP.format(opt_out="  disable_ddl_transaction!\n\n")) == []


_FLYWAY_ROW_LOOP = """package db.migration;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

public class V40__Normalise_phone_numbers extends BaseJavaMigration {
{opt_out}
    @Override
    public void migrate(Context context) throws Exception {
        var conn = context.getConnection();
        try (PreparedStatement read = conn.prepareStatement("SELECT id, phone FROM customers{where}");
             PreparedStatement write = conn.prepareStatement("UPDATE customers SET phone_e164 = ? WHERE id = ?")) {
            ResultSet rows = read.executeQuery();
            while (rows.next()) {
                write.setString(1, Phones.toE164(rows.getString(2)));
                write.setLong(2, rows.getLong(1));
                write.executeUpdate();{commit}
            }
        }
    }
}
"""
_FLYWAY_PATH = "src/main/java/db/migration/V40__Normalise_phone_numbers.java"


def _flyway(opt_out: str = "", where: str = "", commit: str = "") -> list[tuple[int, int | None, str]]:
    text = _FLYWAY_ROW_LOOP.replace("{opt_out}", opt_out).replace("{where}", where).replace("{commit}", commit)
    return [(f.line or 0, f.end_line, f.rule_id) for f in _backfills(_FLYWAY_PATH, text)]


def test_a_flyway_java_migration_writing_every_row_in_a_loop_is_reported() -> None:
    assert _flyway() == [(16, 19, "JAVA-MIG-BACKFILL")]
    assert _flyway(where=" WHERE phone_e164 IS NULL") == [(16, 19, "JAVA-MIG-BACKFILL")]


def test_a_flyway_row_loop_with_a_batched_jdbc_template_write_is_reported() -> None:
    text = """package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

public class V41__Fill_slugs extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        try (var st = context.getConnection().createStatement();
             var rs = st.executeQuery("SELECT id, title FROM articles")) {
            List<Object[]> batch = new ArrayList<>();
            while (rs.next()) {
                batch.add(new Object[] {Slugs.of(rs.getString(2)), rs.getLong(1)});
                if (batch.size() == 1000) {
                    jdbc.batchUpdate("UPDATE articles SET slug = ? WHERE id = ?", batch);
                    batch.clear();
                }
            }
        }
    }
}
"""
    found = _backfills("src/main/java/db/migration/V41__Fill_slugs.java", text)
    assert [(f.line, f.end_line, f.rule_id) for f in found] == [(13, 16, "JAVA-MIG-BACKFILL")]


def test_a_flyway_row_loop_outside_a_transaction_limited_or_committing_is_quiet() -> None:
    no_tx = "    @Override\n    public boolean canExecuteInTransaction() {\n        return false;\n    }\n"
    assert _flyway(opt_out=no_tx) == []
    assert _flyway(where=" WHERE id BETWEEN ? AND ?") == []
    assert _flyway(where=" WHERE region = 'EU' LIMIT 500") == []
    assert _flyway(commit="\n                conn.commit();") == []


def test_a_row_loop_over_a_table_the_migration_creates_is_quiet() -> None:
    text = _FLYWAY_ROW_LOOP.replace("{opt_out}", "").replace("{where}", "").replace("{commit}", "")
    text = text.replace("        var conn = context.getConnection();\n", (
        "        var conn = context.getConnection();\n"
        "        conn.createStatement().execute(\"CREATE TABLE customers (id bigint, phone text)\");\n"))
    assert _backfills(_FLYWAY_PATH, text) == []


SEQUEL_PATH = "db/migrations/063_orders_region.rb"


@pytest.mark.parametrize(("line", "reported"), [
    ('from(:orders).update(region: "eu")', True),
    ('self[:orders].update(region: "eu")', True),
    ('from(:orders).where(region: nil).update(region: "eu")', True),
    ('from(:orders).where(import_id: 42).update(region: "eu")', False),
    ('from(:orders).exclude(region: nil).update(region: "eu")', False),
    ('from(:orders).where(region: nil).limit(1000).update(region: "eu")', False),
    ('from(:new_orders).update(region: "eu")', False),
])
def test_a_sequel_dataset_update_of_a_whole_table(line: str, reported: bool) -> None:
    text = ("Sequel.migration do\n  up do\n    create_table(:new_orders) do\n      primary_key :id\n"
            f"    end\n    {line}\n  end\n\n  down do\n    {line}\n  end\nend\n")
    found = [(f.line, f.rule_id) for f in _backfills(SEQUEL_PATH, text)]
    assert found == ([(6, "RAILS-BACKFILL")] if reported else [])


@pytest.mark.parametrize(("where", "reported"), [
    ("{ channel: null }", True),
    ("{}", True),
    ("{ channel: null }, { transaction }", True),
    ("{ import_batch_id: 42 }", False),
    ("{ channel: null, import_batch_id: 42 }", False),
])
def test_a_sequelize_bulk_update_whose_where_keeps_every_old_row(where: str, reported: bool) -> None:
    text = ("module.exports = {\n  async up(queryInterface) {\n"
            f'    await queryInterface.bulkUpdate("orders", {{ channel: "web" }}, {where});\n'
            "  },\n  async down() {},\n};\n")
    found = [(f.line, f.rule_id) for f in _backfills("migrations/20261203-fill.js", text)]
    assert found == ([(3, "JS-MIG-BACKFILL")] if reported else [])
