"""JS-SQL-STRING: SQL that splices only a table name the code's own object holds (`${this.tableName}`, set
by the constructor) is not reported, as the Python check does for `self.table_name`; a caller's value, a
column built alongside it, and a table field the file sets from a request still are."""

from __future__ import annotations

from persona_review.checks._js_sql_fixed import only_own_table_names
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category

_CODE = """export class Repo {
  constructor(private readonly db: Pool, private readonly tableName: string) {}
  count(): string {
    return `SELECT COUNT(*) FROM ${this.tableName}`;
  }
  async remove(id: string) {
    await this.db.query(`DELETE FROM ${this.tableName} WHERE id = $1`, [id]);
  }
  async byName(name: string) {
    await this.db.query(`SELECT * FROM users WHERE name = '${name}'`);
  }
  sum(): string {
    return `SELECT SUM(x) FROM ${this.dbTableName}, json_each(${this.columnRef})`;
  }
  async old(days: number) {
    await this.db.query("DELETE FROM " + this.tableName + " WHERE age > " + days);
  }
}
"""


def _lines(code: str) -> list[int]:
    outcome = run_checks([context_for_text("repo.ts", code)], categories=(Category.SECURITY,))
    return sorted(f.line for f in outcome.findings if f.rule_id == "JS-SQL-STRING")


def test_own_table_names_are_quiet_and_other_values_are_reported() -> None:
    # 4 and 7 splice only the repository's table; 10 a caller's name; 13 also a column; 16 also a number
    # the caller passes.
    assert _lines(_CODE) == [10, 13, 16]


def test_a_table_field_the_file_sets_from_a_request_keeps_the_finding() -> None:
    code = _CODE.replace(
        "  count(): string {", "  pick(req: Request) {\n    this.tableName = req.query.table;\n  }\n  count(): string {"
    )
    assert 4 + 3 in _lines(code)


def test_which_values_count() -> None:
    file_code = "this.tableName = tableName;\nthis.schema = 'public';\n"
    assert only_own_table_names("`SELECT * FROM ${this.schema}.${this.tableName}`", file_code)
    assert only_own_table_names('"SELECT * FROM " + this.repo.tableName', file_code)
    assert not only_own_table_names("`SELECT * FROM ${this.table} WHERE a = ${a}`", file_code)
    assert not only_own_table_names("`SELECT * FROM ${this.tables[i]}`", file_code)
    assert not only_own_table_names("`SELECT 1`", file_code)
    assert not only_own_table_names("`SELECT * FROM ${this.tableName}`", "this.tableName = req.body.t;\n")


def test_the_message_names_the_value_that_is_not_the_table() -> None:
    outcome = run_checks([context_for_text("repo.ts", _CODE)], categories=(Category.SECURITY,))
    (sum_finding,) = [f for f in outcome.findings if f.line == 13]
    assert "`this.columnRef`" in sum_finding.title
    assert "dbTableName" not in sum_finding.title
