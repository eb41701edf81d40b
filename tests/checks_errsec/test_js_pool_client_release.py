"""JS-POOL-CLIENT-NOT-RELEASED: a pooled database client not released when a query fails."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "JS-POOL-CLIENT-NOT-RELEASED"
PATH = "src/repos/reservations.ts"

_CONFIRM = """import { pool } from "../db";

export async function confirmReservation(id: string): Promise<void> {
  %s
  await client.query("BEGIN");
  await client.query("UPDATE reservations SET status = 'confirmed' WHERE id = $1", [id]);
  await client.query("COMMIT");
  client.release();
}
"""


def _lines(text: str, path: str = PATH) -> list[int]:
    return [f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == RULE]


@pytest.mark.parametrize("checkout", [
    "const client = await pool.connect();",
    "const client: PoolClient = await this.pool.connect();",
    "const client = await db.writerPool.getConnection();",
    "const client = this.dataSource.createQueryRunner();",
])
def test_a_release_a_failing_query_skips_is_reported(checkout: str) -> None:
    assert _lines(_CONFIRM % checkout) == [4]


def test_a_client_never_released_is_reported() -> None:
    text = (_CONFIRM % "const client = await pool.connect();").replace("  client.release();\n", "")
    assert _lines(text) == [4]


def test_the_hunk_of_the_change_is_reported() -> None:
    text = (_CONFIRM % "const client = await pool.connect();").splitlines()[2:]
    lines = {33 + i: line for i, line in enumerate(text)}
    ctx = FileContext(PATH, "typescript", lines, frozenset(lines), whole_file=False)
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == RULE] == [34]


def test_a_release_in_finally_is_left_alone() -> None:
    text = """export async function confirm(id: string) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}
"""
    assert _lines(text) == []


def test_a_release_on_the_error_path_too_is_left_alone() -> None:
    text = """export async function confirm(id: string) {
  const conn = await pool.getConnection();
  try {
    await conn.query("UPDATE t SET a = 1");
  } catch (err) {
    conn.release();
    throw err;
  }
  conn.release();
}
"""
    assert _lines(text) == []


@pytest.mark.parametrize("tail", ["return client;", "this.client = client;", "clients.push(client);"])
def test_a_client_handed_on_is_left_alone(tail: str) -> None:
    text = f"async function open() {{\n  const client = await pool.connect();\n  {tail}\n}}\n"
    assert _lines(text) == []


def test_a_release_right_after_a_sync_step_is_left_alone() -> None:
    text = """async function ping() {
  const client = await pool.connect();
  const started = Date.now();
  client.release();
  return Date.now() - started;
}
"""
    assert _lines(text) == []


def test_a_function_cut_off_by_the_hunk_is_left_alone() -> None:
    text = (_CONFIRM % "const client = await pool.connect();").splitlines()[2:7]
    lines = {33 + i: line for i, line in enumerate(text)}
    ctx = FileContext(PATH, "typescript", lines, frozenset(lines), whole_file=False)
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == RULE] == []


def test_a_non_pool_connect_is_left_alone() -> None:
    assert _lines(_CONFIRM % "const client = await redis.connect();") == []


def test_the_finding_reaches_the_release_a_failure_skips() -> None:
    # The release sits in the `try` after the commit; the `catch` rolls back and rethrows without it.
    text = """import { pool } from "../db";

export async function inTransaction(work) {
  const conn = await pool.connect();
  await conn.query("BEGIN");
  try {
    const out = await work(conn);
    await conn.query("COMMIT");
    conn.release();
    return out;
  } catch (err) {
    await conn.query("ROLLBACK");
    throw err;
  }
}
"""
    found = [(f.line, f.end_line) for f in run_checks([context_for_text(PATH, text)]).findings
             if f.rule_id == RULE]
    assert found == [(4, 9)]


_RESERVE = """\
import { pool } from "../db";

export async function reserveStock(sku: string, qty: number) {
  const client = await pool.connect();
  if (qty <= 0) {
    return { reserved: 0 };
  }
  try {
    await client.query("BEGIN");
    await client.query("UPDATE stock SET reserved = reserved + $1 WHERE sku = $2", [qty, sku]);
    await client.query("COMMIT");
    return { reserved: qty };
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}
"""


def test_a_return_before_the_try_whose_finally_releases_the_client_is_reported() -> None:
    got = [f for f in run_checks([context_for_text("src/stock/reserve.ts", _RESERVE)]).findings
           if f.rule_id == RULE]
    assert [(f.line, f.end_line) for f in got] == [(4, 6)]
    moved = _RESERVE.replace("  const client = await pool.connect();\n", "").replace(
        "  try {\n", "  const client = await pool.connect();\n  try {\n")
    assert [f for f in run_checks([context_for_text("src/stock/reserve.ts", moved)]).findings
            if f.rule_id == RULE] == []
    callback = _RESERVE.replace("  if (qty <= 0) {\n    return { reserved: 0 };\n  }\n",
                                "  const valid = items.filter((i) => {\n    return i.qty > 0;\n  });\n")
    assert [f for f in run_checks([context_for_text("src/stock/reserve.ts", callback)]).findings
            if f.rule_id == RULE] == []
