"""Liquibase changelogs in XML and YAML: each change element is read as the DDL Liquibase issues for it."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.findings import Category

from .helpers import hunk_context, rules

XML_PATH = "src/main/resources/db/changelog/changes/0007-orders.xml"
YAML_PATH = "src/main/resources/db/changelog/db.changelog-master.yaml"
CHANGE_LINE = 4


def xml(change: str, rollback: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">\n'
        '    <changeSet id="7" author="dev">\n'
        f"        {change}\n"
        f"{rollback}"
        "    </changeSet>\n"
        "</databaseChangeLog>\n"
    )


def yaml(change: str) -> str:
    body = "\n".join(f"            {line}" for line in change.splitlines())
    return (
        "databaseChangeLog:\n"
        "  - changeSet:\n"
        "      id: 7\n"
        "      author: dev\n"
        "      changes:\n"
        f"{body}\n"
    )


YAML_LINE = 6

# (XML element, the same change in YAML, item)
CASES = [
    ('<dropColumn tableName="orders" columnName="note"/>',
     "- dropColumn:\n    tableName: orders\n    columnName: note", "MIG-01"),
    ('<addColumn tableName="orders"><column name="code" type="text">'
     '<constraints nullable="false"/></column></addColumn>',
     "- addColumn:\n    tableName: orders\n    columns:\n      - column:\n          name: code\n"
     "          type: text\n          constraints:\n            nullable: false", "MIG-02"),
    ('<createIndex indexName="orders_code_idx" tableName="orders"><column name="code"/></createIndex>',
     "- createIndex:\n    indexName: orders_code_idx\n    tableName: orders\n    columns:\n"
     "      - column:\n          name: code", "MIG-03"),
    ('<modifyDataType tableName="orders" columnName="total" newDataType="bigint"/>',
     "- modifyDataType:\n    tableName: orders\n    columnName: total\n    newDataType: bigint", "MIG-04"),
    ('<renameColumn tableName="orders" oldColumnName="total" newColumnName="amount"/>',
     "- renameColumn:\n    tableName: orders\n    oldColumnName: total\n    newColumnName: amount", "MIG-05"),
    ('<addForeignKeyConstraint baseTableName="orders" baseColumnNames="user_id" constraintName="orders_user_fk"'
     ' referencedTableName="users" referencedColumnNames="id"/>',
     "- addForeignKeyConstraint:\n    baseTableName: orders\n    baseColumnNames: user_id\n"
     "    constraintName: orders_user_fk\n    referencedTableName: users\n    referencedColumnNames: id",
     "MIG-06"),
    ('<addUniqueConstraint tableName="orders" columnNames="code" constraintName="orders_code_key"/>',
     "- addUniqueConstraint:\n    tableName: orders\n    columnNames: code\n    constraintName: orders_code_key",
     "MIG-07"),
    ('<addColumn tableName="orders"><column name="token" type="uuid" defaultValueComputed="gen_random_uuid()"/>'
     "</addColumn>",
     "- addColumn:\n    tableName: orders\n    columns:\n      - column:\n          name: token\n"
     "          type: uuid\n          defaultValueComputed: gen_random_uuid()", "MIG-08"),
    ('<addColumn tableName="orders"><column name="payload" type="json"/></addColumn>',
     "- addColumn:\n    tableName: orders\n    columns:\n      - column:\n          name: payload\n"
     "          type: json", "MIG-00"),
]


@pytest.mark.parametrize(("element", "_yaml", "item"), CASES)
def test_xml_change_is_read_as_its_ddl(element: str, _yaml: str, item: str) -> None:
    assert rules(XML_PATH, xml(element)) == {(CHANGE_LINE, item)}


@pytest.mark.parametrize(("_element", "change", "item"), CASES)
def test_yaml_change_is_read_as_its_ddl(_element: str, change: str, item: str) -> None:
    assert rules(YAML_PATH, yaml(change)) == {(YAML_LINE, item)}


CLEAN_XML = [
    '<addColumn tableName="orders"><column name="note" type="text"><constraints nullable="true"/></column>'
    "</addColumn>",
    '<addColumn tableName="orders"><column name="state" type="text" defaultValue="new"/></addColumn>',
    '<addForeignKeyConstraint baseTableName="orders" baseColumnNames="user_id" constraintName="fk"'
    ' referencedTableName="users" referencedColumnNames="id" validate="false"/>',
]


@pytest.mark.parametrize("element", CLEAN_XML)
def test_safe_changes_are_quiet(element: str) -> None:
    assert rules(XML_PATH, xml(element)) == set()


def test_a_rollback_block_is_not_the_change() -> None:
    rollback = '        <rollback><dropColumn tableName="orders" columnName="note"/></rollback>\n'
    text = xml('<addColumn tableName="orders"><column name="note" type="text"/></addColumn>', rollback)
    assert rules(XML_PATH, text) == set()


def test_an_index_on_a_table_the_changelog_creates_is_quiet() -> None:
    change = (
        '<createTable tableName="carts"><column name="id" type="bigint"/></createTable>\n'
        '        <createIndex indexName="carts_id_idx" tableName="carts"><column name="id"/></createIndex>'
    )
    assert rules(XML_PATH, xml(change)) == set()


def test_a_hunk_of_a_yaml_changelog_is_read() -> None:
    text = yaml("- modifyDataType:\n    tableName: orders\n    columnName: total\n    newDataType: bigint")
    ctx = hunk_context(YAML_PATH, text, range(YAML_LINE, YAML_LINE + 4))
    found = run_checks([ctx], [Category.MIGRATION_SAFETY]).findings
    assert {(f.line, f.checklist_item) for f in found} == {(YAML_LINE, "MIG-04")}


def test_other_xml_and_yaml_are_not_changelogs() -> None:
    config = "spring:\n  jpa:\n    properties:\n      - createIndex:\n          tableName: orders\n"
    assert rules("src/main/resources/application.yaml", config) == set()


@pytest.mark.parametrize(("change", "item", "reported"), [
    ('<addColumn tableName="orders"><column name="user_id" type="BIGINT"><constraints foreignKeyName="fk_u" '
     'references="users(id)"/></column></addColumn>', "MIG-06", True),
    ('<addColumn tableName="orders"><column name="user_id" type="BIGINT"><constraints foreignKeyName="fk_u" '
     'references="users(id)" validateForeignKey="false"/></column></addColumn>', "MIG-06", False),
    ('<addColumn tableName="orders"><column name="note" type="TEXT"/></addColumn>', "MIG-06", False),
    ('<addPrimaryKey tableName="orders" columnNames="id" constraintName="pk_orders"/>', "MIG-07", True),
])
def test_a_column_foreign_key_and_a_primary_key(change: str, item: str, reported: bool) -> None:
    assert ((CHANGE_LINE, item) in rules(XML_PATH, xml(change))) is reported
