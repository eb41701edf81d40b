"""Knex, Sequelize and TypeORM migrations (issue 9, item 4): builder calls and raw SQL strings."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.findings import Category

from .helpers import hunk_context, review, rules

KNEX = "db/migrations/20240501120000_change_orders.js"
SEQUELIZE = "migrations/20240501120000-change-orders.js"
TYPEORM = "src/migrations/1714564800000-ChangeOrders.ts"


def knex(body: str, config: str = "") -> str:
    inner = "\n".join(f"    {line}" for line in body.strip("\n").splitlines())
    return f"{config}exports.up = async function (knex) {{\n  await knex.schema.alterTable('orders', (table) => {{\n{inner}\n  }});\n}};\n"


def sequelize(call: str) -> str:
    return f"module.exports = {{\n  async up(queryInterface, Sequelize) {{\n    await queryInterface.{call};\n  }},\n}};\n"


def typeorm(call: str) -> str:
    return (
        'import { MigrationInterface, QueryRunner } from "typeorm";\n\n'
        "export class ChangeOrders1714564800000 implements MigrationInterface {\n"
        "    public async up(queryRunner: QueryRunner): Promise<void> {\n"
        f"        await queryRunner.{call};\n"
        "    }\n}\n"
    )


# (path, text, flagged line, item, clean text)
CASES = [
    (KNEX, knex("table.dropColumn('note');"), 3, "MIG-01", knex("table.string('note');")),
    (KNEX, knex("table.string('code').notNullable();"), 3, "MIG-02", knex("table.string('code').notNullable().defaultTo('x');")),
    (KNEX, knex("table.index(['code']);"), 3, "MIG-03", knex("table.string('code');")),
    (KNEX, knex("table.text('code').alter();"), 3, "MIG-04", knex("table.text('code');")),
    (KNEX, knex("table.renameColumn('total', 'amount');"), 3, "MIG-05", knex("table.decimal('amount');")),
    (KNEX, knex("table.foreign('user_id').references('users.id');"), 3, "MIG-06", knex("table.integer('user_id');")),
    (KNEX, knex("table.unique(['code']);"), 3, "MIG-07", knex("table.string('slug');")),
    (KNEX, knex("table.bigIncrements('seq');"), 3, "MIG-08", knex("table.bigInteger('seq');")),
    (KNEX, knex("table.json('meta');"), 3, "MIG-00", knex("table.jsonb('meta');")),
    (SEQUELIZE, sequelize("removeColumn('Orders', 'note')"), 3, "MIG-01", sequelize("addColumn('Orders', 'note', { type: Sequelize.TEXT })")),
    (
        SEQUELIZE,
        sequelize("addColumn('Orders', 'code', { type: Sequelize.STRING, allowNull: false })"),
        3,
        "MIG-02",
        sequelize("addColumn('Orders', 'code', { type: Sequelize.STRING, allowNull: false, defaultValue: 'x' })"),
    ),
    (SEQUELIZE, sequelize("addIndex('Orders', ['code'])"), 3, "MIG-03", sequelize("addIndex('Orders', ['code'], { concurrently: true })")),
    (SEQUELIZE, sequelize("changeColumn('Orders', 'total', { type: Sequelize.BIGINT })"), 3, "MIG-04", sequelize("describeTable('Orders')")),
    (SEQUELIZE, sequelize("renameColumn('Orders', 'total', 'amount')"), 3, "MIG-05", sequelize("describeTable('Orders')")),
    (
        SEQUELIZE,
        sequelize("addConstraint('Orders', { fields: ['user_id'], type: 'foreign key', references: { table: 'Users', field: 'id' } })"),
        3,
        "MIG-06",
        sequelize("describeTable('Orders')"),
    ),
    (SEQUELIZE, sequelize("addConstraint('Orders', { fields: ['code'], type: 'unique' })"), 3, "MIG-07", sequelize("describeTable('Orders')")),
    (
        SEQUELIZE,
        sequelize("sequelize.query('ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid()')"),
        3,
        "MIG-08",
        sequelize("sequelize.query('ALTER TABLE orders ADD COLUMN token uuid')"),
    ),
    (TYPEORM, typeorm('query(`ALTER TABLE "orders" DROP COLUMN "note"`)'), 5, "MIG-01", typeorm('query(`ALTER TABLE "orders" ADD "note" text`)')),
    (
        TYPEORM,
        typeorm('query(`ALTER TABLE "orders" ADD "code" character varying NOT NULL`)'),
        5,
        "MIG-02",
        typeorm('query(`ALTER TABLE "orders" ADD "code" character varying NOT NULL DEFAULT \'x\'`)'),
    ),
    (
        TYPEORM,
        typeorm('query(`CREATE INDEX "IDX_orders_code" ON "orders" ("code") `)'),
        5,
        "MIG-03",
        typeorm('query(`CREATE TABLE "items" ("id" SERIAL NOT NULL)`)'),
    ),
    (TYPEORM, typeorm('dropColumn("orders", "note")'), 5, "MIG-01", typeorm('hasColumn("orders", "note")')),
    (
        TYPEORM,
        typeorm('addColumn("orders", new TableColumn({ name: "code", type: "varchar", isNullable: false }))'),
        5,
        "MIG-02",
        typeorm('addColumn("orders", new TableColumn({ name: "code", type: "varchar", isNullable: true }))'),
    ),
    (
        TYPEORM,
        typeorm('createIndex("orders", new TableIndex({ columnNames: ["code"] }))'),
        5,
        "MIG-03",
        typeorm('hasColumn("orders", "code")'),
    ),
    (TYPEORM, typeorm('createForeignKey("orders", new TableForeignKey({ columnNames: ["user_id"] }))'), 5, "MIG-06", typeorm('hasTable("orders")')),
    (TYPEORM, typeorm('createUniqueConstraint("orders", new TableUnique({ columnNames: ["code"] }))'), 5, "MIG-07", typeorm('hasTable("orders")')),
]


@pytest.mark.parametrize(("path", "flagged", "line", "item", "clean"), CASES)
def test_flagged_and_near_miss(path: str, flagged: str, line: int, item: str, clean: str) -> None:
    assert (line, item) in rules(path, flagged)
    assert rules(path, clean) == set()


def test_nothing_inside_create_table_and_nothing_on_a_table_the_migration_creates() -> None:
    text = """
    exports.up = async (knex) => {
      await knex.schema.createTable('widgets', (table) => {
        table.increments('id');
        table.string('name').notNullable();
        table.index(['name']);
        table.unique(['name']);
      });
      await knex.schema.alterTable('widgets', (table) => {
        table.index(['name', 'id']);
      });
      await knex.raw('CREATE INDEX widgets_x ON widgets (name)');
    };
    """
    assert rules(KNEX, text) == set()


def test_the_table_is_named_in_the_finding() -> None:
    (finding,) = review(KNEX, knex("table.index(['code']);"))
    assert "orders" in finding.title + finding.body and "table.index" in finding.title


def test_concurrently_in_a_knex_transaction_unless_the_migration_opts_out() -> None:
    body = "exports.up = (knex) => knex.raw('CREATE INDEX CONCURRENTLY orders_code ON orders (code)');\n"
    assert rules(KNEX, body) == {(1, "MIG-12")}
    opted_out = "exports.config = { transaction: false };\n" + body
    assert rules(KNEX, opted_out) == set()


def test_template_literal_sql_keeps_its_lines() -> None:
    text = typeorm('query(`\n            ALTER TABLE "orders"\n            DROP COLUMN "note"\n        `)')
    assert rules(TYPEORM, text) == {(6, "MIG-01")}


def test_a_hunk_of_an_alter_table_block() -> None:
    text = knex("table.string('a');\ntable.string('b');\ntable.index(['code']);\ntable.string('c');")
    ctx = hunk_context(KNEX, text, range(5, 6), context=3)
    found = run_checks([ctx], [Category.MIGRATION_SAFETY]).findings
    assert [(f.line, f.checklist_item) for f in found] == [(5, "MIG-03")]


def test_plain_application_code_is_not_a_migration() -> None:
    service = "export async function up(knex) { await knex.schema.alterTable('orders', (t) => { t.index(['a']); }); }\n"
    assert rules("src/services/orders.js", service) == set()


def test_the_reverting_function_is_not_reviewed() -> None:
    text = """
    module.exports = {
      up: function (queryInterface, Sequelize) {
        return queryInterface.addColumn('Users', 'nick', { type: Sequelize.STRING })
      },
      down: function (queryInterface, Sequelize) {
        return queryInterface.removeColumn('Users', 'nick')
      }
    }
    """
    assert rules(SEQUELIZE, text) == set()
    typeorm_down = typeorm('query(`ALTER TABLE "orders" ADD "note" text`)').replace(
        "    }\n}\n", '    }\n\n    public async down(queryRunner: QueryRunner): Promise<void> {\n'
        '        await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "note"`);\n    }\n}\n'
    )
    assert rules(TYPEORM, typeorm_down) == set()


def test_a_change_to_unbounded_text_and_a_unique_column() -> None:
    assert rules(SEQUELIZE, sequelize("changeColumn('Notes', 'title', { type: Sequelize.TEXT })")) == set()
    unique = sequelize("addColumn('Notes', 'alias', { type: Sequelize.STRING, unique: true })")
    assert rules(SEQUELIZE, unique) == {(3, "MIG-07")}


def test_tables_named_by_constants_are_not_taken_for_new_ones() -> None:
    text = """
    export async function up(knex) {
      await knex.schema.createTable(TableFolder, (table) => {
        table.increments('id');
      });
      await knex.schema.alterTable(TableNote, (table) => {
        table.integer('folder_id').references('id').inTable(TableFolder);
      });
    }
    """
    assert rules(KNEX, text) == {(6, "MIG-06")}


def test_a_typeorm_sqlite_table_rebuild_drops_and_renames_nothing() -> None:
    calls = [
        'query(`CREATE TABLE "temporary_note" ("id" integer PRIMARY KEY NOT NULL, "title" text)`)',
        'query(`INSERT INTO "temporary_note"("id", "title") SELECT "id", "title" FROM "note"`)',
        'query(`DROP TABLE "note"`)',
        'query(`ALTER TABLE "temporary_note" RENAME TO "note"`)',
    ]
    body = ";\n        await queryRunner.".join(calls)
    assert rules(TYPEORM, typeorm(body)) == set()
    assert rules(TYPEORM, typeorm(calls[2])) == {(5, "MIG-01")}


def test_a_table_named_by_a_variable_is_never_shown_empty() -> None:
    text = "exports.up = (knex) => knex.schema.alterTable(TableNote, (table) => {\n  table.index(['code']);\n});\n"
    (finding,) = review(KNEX, text)
    assert " on  " not in finding.body and "on ." not in finding.body and "``" not in finding.title
    assert "code" not in finding.body  # a column inside the block is not taken for the table


_KNEX_REBUILD_NEW = """exports.up = async (knex) => {
  await knex.schema.createTable('orders_new', (t) => {
    t.increments('id');
    t.string('code').notNullable();
  });
  await knex.raw('INSERT INTO orders_new (id, code) SELECT id, code FROM orders');
  await knex.schema.dropTable('orders');
  await knex.schema.renameTable('orders_new', 'orders');
};
"""

_KNEX_REBUILD_AWAY = """exports.up = async (knex) => {
  await knex.schema.renameTable('orders', 'orders_old');
  await knex.schema.createTable('orders', (t) => {
    t.increments('id');
    t.string('code').notNullable();
  });
  await knex.raw('INSERT INTO orders (id, code) SELECT id, code FROM orders_old');
  await knex.schema.dropTable('orders_old');
};
"""


@pytest.mark.parametrize("text", [_KNEX_REBUILD_NEW, _KNEX_REBUILD_AWAY], ids=["new-then-rename", "rename-away"])
def test_a_table_rebuild_written_with_the_builder_drops_and_renames_nothing(text: str) -> None:
    """SQLite changes a table by rebuilding it; a migration that writes the rebuild with Knex's builder
    (create, copy, drop, rename) ends with the table it began with, so no drop or rename is reported."""
    assert rules(KNEX, text) == set()


def test_a_drop_that_no_rename_replaces_is_still_reported() -> None:
    no_rename = _KNEX_REBUILD_NEW.replace("  await knex.schema.renameTable('orders_new', 'orders');\n", "")
    assert rules(KNEX, no_rename) == {(7, "MIG-01")}
    other_table = _KNEX_REBUILD_NEW.replace("dropTable('orders')", "dropTable('invoices')")
    assert rules(KNEX, other_table) == {(7, "MIG-01")}
    kept_old = _KNEX_REBUILD_AWAY.replace("dropTable('orders_old')", "dropTable('invoices')")
    assert (8, "MIG-01") in rules(KNEX, kept_old)


def test_a_chained_column_is_quoted_whole_in_the_title() -> None:
    (finding,) = review(KNEX, knex("table.string('code').notNullable();"))
    assert "`table.string('code').notNullable()` on `orders`" in finding.title
    (renamed,) = review(KNEX, knex("table.renameColumn('total', 'amount');"))
    assert "`table.renameColumn 'total', 'amount'` on `orders`" in renamed.title


@pytest.mark.parametrize(("text", "reported"), [
    (sequelize('addColumn("orders", "ref", { type: Sequelize.UUID, defaultValue: Sequelize.literal("gen_random_uuid()") })'),
     True),
    (sequelize('addColumn("orders", "seen", { type: Sequelize.DATE, defaultValue: Sequelize.literal("now()") })'), False),
    (sequelize('addColumn("orders", "seen", { type: Sequelize.DATE, defaultValue: Sequelize.fn("now") })'), False),
    (sequelize('addColumn("orders", "label", { type: Sequelize.STRING, defaultValue: "random()" })'), False),
    (typeorm('addColumn("orders", new TableColumn({ name: "ref", type: "uuid", default: "uuid_generate_v4()" }))'),
     True),
    (typeorm('addColumn("orders", new TableColumn({ name: "ref", type: "uuid", default: () => "gen_random_uuid()" }))'),
     True),
    (typeorm('addColumn("orders", new TableColumn({ name: "state", type: "varchar", default: "\'new\'" }))'), False),
])
def test_a_column_default_handed_to_the_database_as_sql(text: str, reported: bool) -> None:
    """Sequelize's `literal(…)` and TypeORM's `default` are SQL: a volatile function there fills every row
    under a rewrite. A plain Sequelize `defaultValue` string is a quoted constant."""
    path = TYPEORM if "TableColumn" in text else SEQUELIZE
    assert ("MIG-08" in {item for _, item in rules(path, text)}) is reported


@pytest.mark.parametrize(("column", "reported"), [
    ("table.uuid('ref').notNullable().defaultTo(knex.raw('gen_random_uuid()'));", True),
    ("table.uuid('ref').defaultTo(knex.fn.uuid());", True),
    ("table.timestamp('seen').notNullable().defaultTo(knex.fn.now());", False),
    ("table.string('state').notNullable().defaultTo(knex.raw(\"'new'\"));", False),
])
def test_a_knex_column_default_given_as_sql(column: str, reported: bool) -> None:
    assert ("MIG-08" in {item for _, item in rules(KNEX, knex(column))}) is reported


def test_a_constraint_validated_in_the_migration_that_adds_it_not_valid() -> None:
    body = ('  await knex.raw("ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID");\n'
            '  await knex.raw("ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check");\n')
    text = f"exports.up = async function (knex) {{\n{body}}};\n"
    assert (3, "MIG-06") in rules(KNEX, text)
    assert rules(KNEX, "exports.config = { transaction: false };\n" + text) == set()
