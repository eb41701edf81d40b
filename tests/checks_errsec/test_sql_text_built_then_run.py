"""SQL text built on a statement of its own and run by a later call (`const sql = `...${orderBy}``, then
`pool.query(sql, ...)`): the hit on the building line is judged by the engine like one on the call itself.
It is dropped only when the text is built from literals alone (an allow-list lookup included), nothing
handed the pieces to a helper that could fill them, and every query call reading it gets that text.
Functions held by an object literal (a hapi route's `handler:`, a controller object's methods) are read by
the data flow as well."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

from .helpers import CATEGORIES, findings_for_snippet

_PATH = "lib/routes/orders.js"

ALLOW_LISTED = """\
const SORT_SQL = { newest: 'created_at DESC', total: 'total_cents DESC' };

module.exports = {
  method: 'GET',
  path: '/orders',
  handler: async (request) => {
    const orderBy = SORT_SQL[request.query.sort];
    const sql = `SELECT id FROM orders WHERE customer_id = $1 ORDER BY ${orderBy} LIMIT 20`;
    const { rows } = await request.server.app.pg.query(sql, [request.auth.credentials.id]);
    return rows;
  }
};
"""

SPLICED = """\
module.exports = {
  method: 'GET',
  path: '/orders',
  handler: async (request) => {
    const orderBy = request.query.sort;
    const sql = `SELECT id FROM orders WHERE customer_id = $1 ORDER BY ${orderBy} LIMIT 20`;
    const { rows } = await request.server.app.pg.query(sql, [request.auth.credentials.id]);
    return rows;
  }
};
"""

FILLED_BY_HELPER = """\
async function listOrders(req, res) {
  const where = ['customer_id = $1'];
  addFilters(where, req.query);
  const clause = where.join(' AND ');
  const sql = `SELECT id FROM orders WHERE ${clause} LIMIT 20`;
  const { rows } = await pool.query(sql, [req.user.id]);
  res.json(rows);
}
"""

CONTROLLER_OBJECT = """\
const ORDER = { name: 'name ASC', newest: 'created_at DESC' };

module.exports = {
  list: async (req, res) => {
    const order = ORDER[req.query.sort] || 'created_at DESC';
    const text = `SELECT id, name FROM products ORDER BY ${order}`;
    const { rows } = await db.query(text);
    res.json(rows);
  },
  search: async (req, res) => {
    const text = `SELECT id FROM products WHERE name = '${req.query.q}'`;
    const { rows } = await db.query(text);
    res.json(rows);
  }
};
"""


def test_allow_listed_text_built_before_the_query_is_quiet() -> None:
    assert "JS-SQL-STRING" not in findings_for_snippet(_PATH, ALLOW_LISTED)


def test_request_value_built_before_the_query_is_reported() -> None:
    assert "JS-SQL-STRING" in findings_for_snippet(_PATH, SPLICED)


def test_pieces_handed_to_a_helper_before_building_are_reported() -> None:
    assert "JS-SQL-STRING" in findings_for_snippet(_PATH, FILLED_BY_HELPER)


def test_controller_object_methods_are_judged_one_by_one() -> None:
    outcome = run_checks([context_for_text(_PATH, CONTROLLER_OBJECT)], categories=CATEGORIES)
    lines = {f.line for f in outcome.findings if f.rule_id == "JS-SQL-STRING"}
    assert lines and all(line > 10 for line in lines)  # only `search`, which pastes the query string


_REPOSITORY = "src/main/java/com/acme/audit/AuditRepository.java"

HELPER_QUOTES_A_VALUE = """\
package com.acme.audit;

public class AuditRepository {
    private final JdbcTemplate jdbc;

    private static String filterClause(AuditFilter filter) {
        StringBuilder where = new StringBuilder(" WHERE tenant_id = ?");
        if (filter.action() != null) {
            where.append(" AND action = '").append(filter.action()).append("'");
        }
        return where.toString();
    }

    public List<AuditEvent> search(long tenantId, AuditFilter filter) {
        return jdbc.query("SELECT id, action FROM audit_events" + filterClause(filter) + " LIMIT 500",
                AuditRepository::map, tenantId);
    }
}
"""


def _java_sql_lines(text: str) -> set[int]:
    outcome = run_checks([context_for_text(_REPOSITORY, text)], categories=CATEGORIES)
    return {f.line or 0 for f in outcome.findings if f.rule_id == "JAVA-SQL-STRING"}


def test_a_helper_pasting_a_value_between_sql_quotes_is_reported_on_that_line() -> None:
    assert _java_sql_lines(HELPER_QUOTES_A_VALUE) == {9}


def test_a_helper_adding_a_bound_marker_leaves_the_finding_on_the_call() -> None:
    bound = HELPER_QUOTES_A_VALUE.replace(
        """where.append(" AND action = '").append(filter.action()).append("'");""",
        """where.append(" AND action = ").append(filter.action().length());""")
    assert 9 not in _java_sql_lines(bound)
