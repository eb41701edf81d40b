"""JS-SQL-STRING: a template splice that builds only a list of bind placeholders (`?`, knex's `??`, pg's
`$1`, from `xs.map(() => '?').join()` or `Array(n).fill('?').join()`) splices no value: the values go in
the bindings. Quiet on the statement and on a query of a variable built that way; a value spliced in the
same statement, or a list whose items are the values themselves, is still reported."""

from __future__ import annotations

from persona_review.checks._js_sql_fixed import placeholder_lists_dropped
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category

_CODE = """const store = require('./store');
async function findMany(ids) {
  return store.query(`SELECT * FROM items WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
}
async function findManyPg(pool, keys) {
  return pool.query(`SELECT * FROM items WHERE key IN (${keys.map((_, n) => `$${n + 1}`).join(',')})`, keys);
}
async function viaVariable(pool, keys) {
  const text = `DELETE FROM items WHERE key IN (${keys.map((k, n) => '$' + (n + 1)).join(',')})`;
  return pool.query(text, keys);
}
async function sorted(pool, ids, column) {
  return pool.query(`SELECT * FROM items WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY ${column}`, ids);
}
async function quotedValues(pool, ids) {
  return pool.query(`SELECT * FROM items WHERE id IN (${ids.map((id) => `'${id}'`).join(',')})`);
}
async function columns(knex, names) {
  return knex.raw(`SELECT ${Array(names.length).fill('??').join(', ')} FROM items`, names);
}
"""


def _lines(code: str) -> list[int]:
    outcome = run_checks([context_for_text("items.js", code)], categories=(Category.SECURITY,))
    return sorted(f.line for f in outcome.findings if f.rule_id == "JS-SQL-STRING")


def test_placeholder_lists_are_quiet_and_spliced_values_are_reported() -> None:
    assert _lines(_CODE) == [13, 16]


def test_which_splices_are_placeholder_lists() -> None:
    assert placeholder_lists_dropped("`IN (${ids.map(() => '?').join(', ')})`") == "`IN ()`"
    assert placeholder_lists_dropped("`(${cols.map(() => \"??\").join()})`") == "`()`"
    assert placeholder_lists_dropped("`(${new Array(n).fill('?').join(',')})`") == "`()`"
    kept = "`IN (${ids.map((id) => id).join(',')})`"
    assert placeholder_lists_dropped(kept) == kept
    kept = "`IN (${ids.map(() => '?').join(sep)})`"
    assert placeholder_lists_dropped(kept) == kept


def test_tagged_templates_bind_their_fields() -> None:
    code = """export async function cleanup(prisma, cutoff, limit, name) {
  let deleted = 0;
  deleted = await prisma.$executeRaw`
    DELETE FROM "Attempt" WHERE "createdAt" < ${cutoff} LIMIT ${limit}
  `;
  const rows = await prisma.$queryRawUnsafe(`SELECT * FROM users WHERE name = '${name}'`);
  return [deleted, rows];
}
"""
    assert _lines(code) == [6]
