"""Checks added or widened for the h95 error families: async and reactive failures nobody reads (Reactor
writes subscribed without an error consumer or given an empty fallback, `exceptionally(ex -> null)`, Vert.x
chains with only `onSuccess`, dropped `run_in_executor`/pool futures, `map(async ...)` as a statement, `go`
statements and goroutine calls given a context), and resources left behind on an early return (Semaphore
permits, a file wrapped by a reader before its close)."""

from __future__ import annotations

import pytest

from .helpers import DATA, expected, findings_of

_FIXTURES = ["ReactiveWrites.java", "AsyncFutureChains.java", "PermitHolder.java", "py_dropped_futures.py",
             "map_async.ts", "goroutine_ctx.go"]


@pytest.mark.parametrize("name", _FIXTURES)
def test_fixture_matches_its_markers(name: str) -> None:
    text = (DATA / "whole_file_only" / name).read_text()
    assert expected(text)
    assert findings_of(name, text) == expected(text)


@pytest.mark.parametrize(("name", "path", "rule"), [
    ("ReactiveWrites.java", "src/test/java/com/acme/orders/OrderEventsTest.java", "JAVA-REACTIVE-ERROR-DROPPED"),
    ("py_dropped_futures.py", "scripts/reindex.py", "PY-TASK-DROPPED"),
])
def test_quiet_in_tests_and_tooling(name: str, path: str, rule: str) -> None:
    text = (DATA / "whole_file_only" / name).read_text()
    if rule == "PY-TASK-DROPPED":
        text = text.replace("    loop.run_in_executor(None, render, image_id)  # expect: PY-TASK-DROPPED\n", "")
    assert rule not in {found for _, found in findings_of(path, text)}


def test_pool_submit_needs_a_concurrent_futures_pool_in_the_file() -> None:
    text = """def enqueue(job):
    worker_pool.submit(job)
"""
    assert not findings_of("app/jobs.py", text)


def test_map_async_continuing_an_expression_above_is_quiet() -> None:
    text = """export function start(ids: string[]) {
  return Promise.all(
    ids.map(async (id) => save(id)),
  );
}

export function count(ids: string[]) {
  ids.map(async (id) => save(id)).length;
}
"""
    assert not findings_of("src/jobs.ts", text)


def test_semaphore_released_before_anything_can_fail_is_quiet() -> None:
    text = """package a;

public class Gate {
    private final Semaphore permits = new Semaphore(1);

    public void touch() throws InterruptedException {
        permits.acquire();
        counter++;
        permits.release();
    }
}
"""
    assert not findings_of("src/main/java/a/Gate.java", text)


def test_go_wrapper_kept_in_err_is_still_a_release() -> None:
    text = """package a

import "os"

func Write(path string) error {
\tf, err := os.Create(path)
\tif err != nil {
\t\treturn err
\t}
\terr = closeQuietly(f)
\tif err != nil {
\t\treturn err
\t}
\tdefer f.Close()
\treturn nil
}
"""
    assert "GO-RESOURCE-HELD-ON-RETURN" not in {rule for _, rule in findings_of("internal/a/w.go", text)}


def test_pooled_connection_left_checked_out_by_an_early_return() -> None:
    text = """async def balance(pool, account_id):
    conn = await pool.acquire()
    row = await conn.fetchrow("SELECT balance FROM accounts WHERE id = $1", account_id)
    if row is None:
        return None
    await pool.release(conn)
    return row["balance"]


async def balance_safe(pool, account_id):
    conn = await pool.acquire()
    try:
        row = await conn.fetchrow("SELECT balance FROM accounts WHERE id = $1", account_id)
        if row is None:
            return None
        return row["balance"]
    finally:
        await pool.release(conn)


def handed_on(db_pool):
    conn = db_pool.getconn()
    if conn.closed:
        return conn
    cache.remember(conn)
    return conn
"""
    found = sorted(line for line, rule in findings_of("app/accounts.py", text) if rule == "PY-LOCK-HELD-ON-RETURN")
    assert found == [2]


def test_poll_and_queue_loops() -> None:
    text = """import requests


def wait_for_export(job_id):
    while True:
        data = requests.get(f"{API}/exports/{job_id}", timeout=10).json()
        if data["state"] == "done":
            return data["url"]


def consume(q, client):
    while True:
        record = q.get()
        if record is STOP:
            break
        try:
            client.log(record.message, retry_count=record.retry_count)
        except Exception:
            log.exception("send failed")


def walk(api):
    cursor = None
    while True:
        page = requests.get(api, params={"cursor": cursor}, timeout=10).json()
        if not page["has_more"]:
            return
        cursor = page["next"]
"""
    found = sorted(line for line, rule in findings_of("app/exports.py", text) if rule == "ANY-RETRY-NO-BACKOFF")
    assert found == [5]
