"""SQL inside Go (goose, Exec in a migrations folder) and Java (Flyway) migration code (issue 9, item 4):
string literals, Go raw strings, Java text blocks and `+` concatenation, on their own source lines."""

from __future__ import annotations

import pytest

from .helpers import rules

GOOSE = "db/migrations/20240501120000_change_orders.go"
FLYWAY = "src/main/java/db/migration/V7__change_orders.java"


def goose(statement: str, register: str = "goose.AddMigration(upChange, downChange)") -> str:
    return (
        "package migrations\n\n"
        'import (\n\t"database/sql"\n\n\t"github.com/pressly/goose/v3"\n)\n\n'
        f"func init() {{\n\t{register}\n}}\n\n"
        "func upChange(tx *sql.Tx) error {\n"
        f"\t_, err := tx.Exec({statement})\n"
        "\treturn err\n}\n"
    )


def flyway(statement: str, extra: str = "") -> str:
    return (
        "package db.migration;\n\n"
        "import org.flywaydb.core.api.migration.BaseJavaMigration;\n"
        "import org.flywaydb.core.api.migration.Context;\n\n"
        "public class V7__change_orders extends BaseJavaMigration {\n"
        f"{extra}"
        "    public void migrate(Context context) throws Exception {\n"
        "        try (var statement = context.getConnection().createStatement()) {\n"
        f"            statement.execute({statement});\n"
        "        }\n    }\n}\n"
    )


GO_LINE = 14
JAVA_LINE = 9

# (SQL, item): each is run from Go and from Java, flagged on the Exec/execute line.
SQL_CASES = [
    ("ALTER TABLE orders DROP COLUMN note", "MIG-01"),
    ("ALTER TABLE orders ADD COLUMN code text NOT NULL", "MIG-02"),
    ("CREATE INDEX orders_code_idx ON orders (code)", "MIG-03"),
    ("ALTER TABLE orders ALTER COLUMN total TYPE bigint USING total::bigint", "MIG-04"),
    ("ALTER TABLE orders RENAME COLUMN total TO amount", "MIG-05"),
    ("ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id)", "MIG-06"),
    ("ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (code)", "MIG-07"),
    ("ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid()", "MIG-08"),
    ("CREATE INDEX CONCURRENTLY orders_code_idx ON orders (code)", "MIG-12"),
    ("ALTER TABLE orders ADD COLUMN payload json", "MIG-00"),
]
CLEAN = "ALTER TABLE orders ADD COLUMN note text"


@pytest.mark.parametrize(("sql", "item"), SQL_CASES)
def test_go_and_java_run_the_sql_rules(sql: str, item: str) -> None:
    assert rules(GOOSE, goose(f'"{sql}"')) == {(GO_LINE, item)}
    assert rules(FLYWAY, flyway(f'"{sql}"')) == {(JAVA_LINE, item)}


def test_near_misses_stay_clean() -> None:
    assert rules(GOOSE, goose(f'"{CLEAN}"')) == set()
    assert rules(FLYWAY, flyway(f'"{CLEAN}"')) == set()
    concurrent = '"CREATE INDEX CONCURRENTLY orders_code_idx ON orders (code)"'
    assert rules(GOOSE, goose(concurrent, "goose.AddMigrationNoTx(upChange, downChange)").replace("tx.Exec", "db.Exec")) == set()
    no_tx = "    public boolean canExecuteInTransaction() { return false; }\n"
    assert rules(FLYWAY, flyway(concurrent, no_tx)) == set()


def test_go_raw_string_maps_each_line() -> None:
    text = goose("`\n\t\tALTER TABLE orders\n\t\t\tADD COLUMN note text;\n\t\tCREATE INDEX orders_note ON orders (note);`")
    assert rules(GOOSE, text) == {(17, "MIG-03")}


def test_java_text_block_and_concatenation_map_their_lines() -> None:
    block = flyway('"""\n                ALTER TABLE orders\n                  DROP COLUMN note\n                """')
    assert rules(FLYWAY, block) == {(10, "MIG-01")}
    joined = flyway('"ALTER TABLE orders " +\n                "DROP COLUMN note"')
    assert rules(FLYWAY, joined) == {(JAVA_LINE, "MIG-01")}


def test_a_table_the_migration_creates_is_left_alone() -> None:
    text = goose('"CREATE TABLE items (id bigint, code text); CREATE INDEX items_code ON items (code)"')
    assert rules(GOOSE, text) == set()


def test_sql_that_is_not_executed_or_not_a_migration_is_not_read() -> None:
    logged = goose('"CREATE INDEX orders_code_idx ON orders (code)"').replace("tx.Exec", "log.Println")
    assert rules(GOOSE, logged) == set()
    service = goose('"CREATE INDEX orders_code_idx ON orders (code)"').replace("goose.AddMigration", "register")
    assert rules("internal/orders/store.go", service) == set()


def test_the_down_function_is_not_reviewed() -> None:
    text = goose('"ALTER TABLE orders ADD COLUMN note text"') + (
        "\nfunc downChange(tx *sql.Tx) error {\n"
        '\t_, err := tx.Exec("ALTER TABLE orders DROP COLUMN note")\n'
        "\treturn err\n}\n"
    )
    assert rules(GOOSE, text) == set()


def test_sql_after_a_leading_comment_is_read() -> None:
    text = goose("`\n\t\t-- index the codes\n\t\tCREATE INDEX orders_code_idx ON orders (code);`")
    assert rules(GOOSE, text) == {(16, "MIG-03")}


@pytest.mark.parametrize("call", [
    "tx.ExecContext(ctx, {sql})",
    "tx.ExecContext(\n\t\tctx,\n\t\t{sql},\n\t)",
    "db.ExecContext(context.Background(), {sql})",
])
def test_a_context_taking_exec_runs_its_second_argument(call: str) -> None:
    """goose's `…Context` migrations pass the context first: the SQL is the second argument."""
    text = goose('"x"').replace('tx.Exec("x")', call.format(sql='`CREATE INDEX orders_code_idx ON orders (code)`'))
    line = next(no for no, code in enumerate(text.splitlines(), 1) if "CREATE INDEX" in code)
    assert rules(GOOSE, text) == {(line, "MIG-03")}


def test_a_literal_after_another_first_argument_is_not_run() -> None:
    """Only a context is skipped: a string given second to a call that is not a `…Context` call is data."""
    text = goose('"x"').replace('tx.Exec("x")', 'log.Printf(prefix, "CREATE INDEX orders_code_idx ON orders (code)")')
    assert rules(GOOSE, text) == set()


def migration_list(fields: str) -> str:
    return (
        "package store\n\n"
        "type migration struct {\n\tVersion int\n\tName    string\n\tSQL     string\n}\n\n"
        "var migrations = []migration{\n"
        "\t{\n"
        "\t\tVersion: 7,\n"
        f"{fields}"
        "\t},\n"
        "}\n"
    )


@pytest.mark.parametrize("field", ["SQL", "Up", "UpSQL", "Script", "Query"])
def test_a_hand_rolled_migration_list_runs_its_sql_field(field: str) -> None:
    """A migration list that names its one direction `SQL:` (or darwin's `Script:`) applies that SQL."""
    text = migration_list(f'\t\t{field}: `ALTER TABLE events ALTER COLUMN id TYPE bigint`,\n')
    assert rules("internal/store/migrations.go", text) == {(12, "MIG-04")}


def test_sql_migrate_up_list_is_read_and_down_left_alone() -> None:
    text = migration_list(
        '\t\tUp:   []string{"ALTER TABLE events ALTER COLUMN id TYPE bigint"},\n'
        '\t\tDown: []string{"ALTER TABLE events DROP COLUMN note"},\n'
    )
    assert rules("internal/store/migrations.go", text) == {(12, "MIG-04")}


def test_a_sql_field_outside_a_migration_file_is_not_read() -> None:
    """The same struct in a file that is not a migration list (a query catalogue) is data, not a release."""
    text = migration_list('\t\tSQL: `ALTER TABLE events ALTER COLUMN id TYPE bigint`,\n')
    assert rules("internal/store/queries.go", text) == set()
    safe = migration_list('\t\tSQL: `ALTER TABLE events ADD COLUMN note text`,\n')
    assert rules("internal/store/migrations.go", safe) == set()


GORMIGRATE = '''
package store

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

func schemaSteps() []*gormigrate.Migration {
	return []*gormigrate.Migration{
		{
			ID: "0042_shipments",
			Migrate: func(tx *gorm.DB) error {
				if err := tx.Migrator().RenameColumn("shipments", "eta", "eta_at"); err != nil {
					return err
				}
				if err := tx.Migrator().CreateIndex(&Shipment{}, "Carrier"); err != nil {
					return err
				}
				return tx.Migrator().DropColumn("shipments", "legacy_ref")
			},
			Rollback: func(tx *gorm.DB) error {
				if err := tx.Migrator().RenameColumn("shipments", "eta_at", "eta"); err != nil {
					return err
				}
				return tx.Migrator().DropIndex(&Shipment{}, "Carrier")
			},
		},
	}
}
'''


def test_gorm_migrator_calls_in_a_migration_read_as_the_ddl_they_issue() -> None:
    # The forward half's rename, plain index build and drop; the Rollback undoes them and is left alone.
    assert rules("internal/store/schema_steps.go", GORMIGRATE) == {(13, "MIG-05"), (16, "MIG-03"), (19, "MIG-01")}


def test_gorm_migrator_outside_a_migration_is_not_a_migration() -> None:
    code = GORMIGRATE.replace("gormigrate.", "steps.").replace("Migrate: func", "Apply: func")
    assert rules("internal/store/schema_steps.go", code) == set()


def test_java_names_joined_between_literals_read_as_the_statement_they_build() -> None:
    # `"ALTER TABLE " + table + " ALTER COLUMN " + column + " TYPE bigint"`: a helper given the names
    statement = '"ALTER TABLE " + table + " ALTER COLUMN " + column + " TYPE bigint"'
    assert rules(FLYWAY, flyway(statement)) == {(JAVA_LINE, "MIG-04")}


def test_java_names_joined_into_a_harmless_statement_stay_quiet() -> None:
    statement = '"ALTER TABLE " + table + " ADD COLUMN " + column + " text"'
    assert rules(FLYWAY, flyway(statement)) == set()


def test_ddl_a_flyway_migration_builds_from_its_own_names_is_not_sql_injection() -> None:
    from persona_review.checks.runner import run_checks
    from persona_review.contexts import context_for_text

    def sql_string(path: str, code: str) -> list[int]:
        found = run_checks([context_for_text(path, code)]).findings
        return [f.line or 0 for f in found if f.rule_id == "JAVA-SQL-STRING"]

    code = flyway('"ALTER TABLE orders ADD COLUMN " + column + " text"')
    assert sql_string(FLYWAY, code) == []
    # the same statement in application code is reported
    assert sql_string("src/main/java/com/acme/Admin.java", code.replace("BaseJavaMigration", "Base")) == [JAVA_LINE]
