"""PY/JS/GO-REDIS-LOCK-RELEASE and -NO-EXPIRY: Redis locks released by a plain delete, or taken without an
expiry. The fixtures mark releases with `data-expect:` (a data-integrity check, which the error-handling and
security fixture test does not run) and missing expiries with `expect:`."""

from __future__ import annotations

import re

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category

from .helpers import DATA

_DATA_MARK = re.compile(r"(?:#|//)\s*data-expect:\s*([A-Z0-9-]+)\s*$")


def _found(path: str, text: str, suffix: str) -> set[tuple[int, str]]:
    outcome = run_checks([context_for_text(path, text)], categories=(Category.DATA_INTEGRITY,))
    return {(f.line or 0, f.rule_id or "") for f in outcome.findings if (f.rule_id or "").endswith(suffix)}


@pytest.mark.parametrize("name", ["redis_locks.py", "redis_locks.js", "redis_locks.go"])
def test_releases_without_an_owner_check_are_reported_where_the_delete_is(name: str) -> None:
    text = (DATA / name).read_text()
    want = {(no, m.group(1)) for no, line in enumerate(text.splitlines(), start=1)
            if (m := _DATA_MARK.search(line))}
    assert want
    assert _found(name, text, "-REDIS-LOCK-RELEASE") == want


def test_the_message_names_the_delete_the_key_and_where_the_lock_was_taken() -> None:
    text = (DATA / "redis_locks.py").read_text()
    outcome = run_checks([context_for_text("locks.py", text)], categories=(Category.DATA_INTEGRITY,))
    (finding,) = [f for f in outcome.findings if f.rule_id == "PY-REDIS-LOCK-RELEASE"]
    assert "`r.delete(lock_key)` releases the lock `lock_key` (taken with NX on line 12)" in (finding.body or "")


_PY_LOCK = (
    "import redis\n"
    "r = redis.Redis()\n"
    "def run(lock_key, token):\n"
    "    if r.set(lock_key, token, nx=True, ex=60):\n"
    "        work()\n"
    "        {release}\n"
)


@pytest.mark.parametrize("release", [
    "release(keys=[lock_key], args=[token])\nrelease = r.register_script(SCRIPT)",
    "r.eval(SCRIPT, 1, lock_key, token)\n        r.delete(lock_key)",
    "r.evalsha(sha, 1, lock_key, token)\n        r.delete(lock_key)",
    "r.watch(lock_key)\n        r.delete(lock_key)",
    "r.delete(other_key)",
])
def test_a_compare_and_delete_or_another_key_stays_quiet(release: str) -> None:
    assert _found("locks.py", _PY_LOCK.replace("{release}", "r.delete(lock_key)"), "-RELEASE") == {
        (6, "PY-REDIS-LOCK-RELEASE")}
    assert _found("locks.py", _PY_LOCK.replace("{release}", release), "-RELEASE") == set()


def test_a_delete_before_the_lock_is_taken_is_not_its_release() -> None:
    code = ("import redis\nr = redis.Redis()\ndef run(lock_key, token):\n    r.delete(lock_key)\n"
            "    r.set(lock_key, token, nx=True, ex=60)\n")
    assert _found("locks.py", code, "-RELEASE") == set()


_CAD = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end"


def test_a_compare_and_delete_script_in_the_file_or_a_script_given_the_key_stays_quiet() -> None:
    js = ("const Redis = require('ioredis');\nconst redis = new Redis();\n"
          f"redis.defineCommand('unlock', {{ numberOfKeys: 1, lua: \"{_CAD}\" }});\n"
          "async function f(lockKey, token) {\n  await redis.set(lockKey, token, 'PX', 100, 'NX');\n"
          "  await redis.del(lockKey);\n}\n")
    go = ("package x\n\nvar unlock = redis.NewScript(script)\n\n"
          "func f(ctx context.Context, rdb *redis.Client, lockKey string) {\n"
          "\trdb.SetNX(ctx, lockKey, \"1\", time.Second)\n\tunlock.Run(ctx, rdb, []string{lockKey}, \"1\")\n"
          "\trdb.Del(ctx, lockKey)\n}\n")
    assert _found("locks.js", js, "-RELEASE") == set()
    assert _found("locks.go", go, "-RELEASE") == set()
    assert _found("locks.js", js.replace(_CAD, "return 1"), "-RELEASE") == {(6, "JS-REDIS-LOCK-RELEASE")}
    assert _found("locks.go", go.replace("[]string{lockKey}", "[]string{counterKey}"), "-RELEASE") == {
        (8, "GO-REDIS-LOCK-RELEASE")}


def test_a_script_about_other_keys_says_nothing_about_the_release() -> None:
    code = ("import redis\nr = redis.Redis()\nreset = r.register_script(RESET)\n"
            "def run(lock_key, counter_key, token):\n    if r.set(lock_key, token, nx=True, ex=9):\n"
            "        reset(keys=[counter_key])\n        r.delete(lock_key)\n")
    assert _found("locks.py", code, "-RELEASE") == {(7, "PY-REDIS-LOCK-RELEASE")}


def test_typescript_type_arguments_do_not_hide_the_owner_check() -> None:
    code = ("async function release(kv, lockKey, token) {\n"
            "  await kv.set(lockKey, token, { nx: true, px: 800 });\n"
            "  const current = await kv.get<string>(lockKey);\n"
            "  if (current === token) await kv.del(lockKey);\n}\n")
    assert _found("locks.ts", code, "-RELEASE") == set()
    assert _found("locks.ts", code.replace("kv.get<string>(lockKey)", "kv.get<string>(other)"), "-RELEASE") == {
        (4, "JS-REDIS-LOCK-RELEASE")}


def test_an_expire_far_from_the_setnx_does_not_count_as_its_expiry() -> None:
    filler = "".join(f"    step{i}()\n" for i in range(15))
    code = ("import redis\nr = redis.Redis()\ndef run(lock_name):\n    r.setnx(lock_name, 1)\n" + filler
            + "    r.expire(lock_name, 30)\n")
    outcome = run_checks([context_for_text("locks.py", code)], categories=(Category.ERROR_HANDLING,))
    assert [(f.line, f.rule_id) for f in outcome.findings] == [(4, "PY-REDIS-LOCK-NO-EXPIRY")]


def test_nx_sets_that_are_not_locks_are_not_judged() -> None:
    code = ("import redis\nr = redis.Redis()\ndef lock_all():\n    pass\n"
            "def mark_seen(doc):\n    r.setnx(doc, 1)\n    r.set(doc, 1, nx=True, ex=5)\n    r.delete(doc)\n")
    outcome = run_checks([context_for_text("seen.py", code)],
                         categories=(Category.ERROR_HANDLING, Category.DATA_INTEGRITY))
    assert [f.rule_id for f in outcome.findings if "REDIS" in (f.rule_id or "")] == []


def test_a_call_that_does_not_close_is_skipped_without_error() -> None:
    code = "import redis\nr = redis.Redis()\nr.set(key, 1, nx=True\n" + "x = 1\n" * 5
    assert _found("locks.py", code, "-RELEASE") == set()



def _expiry_lines(path: str, code: str) -> list[tuple[int, str]]:
    outcome = run_checks([context_for_text(path, code)], categories=(Category.ERROR_HANDLING,))
    return [(f.line or 0, f.rule_id or "") for f in outcome.findings if "NO-EXPIRY" in (f.rule_id or "")]


@pytest.mark.parametrize(("path", "take", "rule"), [
    ("app/workers/rebuild_worker.rb", 'redis.call("SET", lock_key, jid, "NX")', "RB-REDIS-LOCK-NO-EXPIRY"),
    ("app/workers/rebuild_worker.rb", "redis.call(:set, lock_key, jid, :nx)", "RB-REDIS-LOCK-NO-EXPIRY"),
    ("app/workers/rebuild_worker.rb", 'redis.call("SETNX", lock_key, jid)', "RB-REDIS-LOCK-NO-EXPIRY"),
    ("worker/rebuild.py", 'r.execute_command("SET", lock_key, token, "NX")', "PY-REDIS-LOCK-NO-EXPIRY"),
    ("src/rebuild.ts", 'redis.call("set", lockKey, token, "NX")', "JS-REDIS-LOCK-NO-EXPIRY"),
])
def test_a_lock_sent_as_a_raw_command_without_an_expiry_is_reported(path: str, take: str, rule: str) -> None:
    if path.endswith(".rb"):
        code = f"def perform(id)\n  lock_key = \"rebuild:#{{id}}\"\n  return unless {take}\n  rebuild(id)\n  x\n  y\nend\n"
    elif path.endswith(".py"):
        code = f"def rebuild(id, token):\n    lock_key = f'rebuild:{{id}}'\n    if not {take}:\n        return\n    run(id)\n    done()\n"
    else:
        code = f"async function rebuild(id, token) {{\n  const lockKey = `rebuild:${{id}}`;\n  if (!(await {take})) return;\n  await run(id);\n  done();\n}}\n"
    assert _expiry_lines(path, code) == [(3, rule)]
    # the same command with an expiry word, or options the call does not show, stays quiet
    if path.endswith(".rb") and "SETNX" not in take:
        shown = take.replace('"NX")', '"NX", "EX", 600)').replace(":nx)", ":nx, :px, 600_000)")
        assert _expiry_lines(path, code.replace(take, shown)) == []
        assert _expiry_lines(path, code.replace(take, take.replace(")", ", *options)"))) == []


def test_a_go_raw_command_and_calls_that_send_no_lock_command_are_read_right() -> None:
    code = ('func rebuild(ctx context.Context, rdb *redis.Client, id string) error {\n'
            '\tlockKey := "rebuild:" + id\n'
            '\tok, err := rdb.Do(ctx, "set", lockKey, token, "nx").Bool()\n'
            '\tif err != nil || !ok {\n\t\treturn err\n\t}\n\treturn run(ctx, id)\n}\n')
    assert _expiry_lines("internal/rebuild.go", code) == [(3, "GO-REDIS-LOCK-NO-EXPIRY")]
    assert _expiry_lines("internal/rebuild.go", code.replace('"nx")', '"nx", "px", 30000)')) == []
    # `call` of a service object or a proc, `Do` of an HTTP request: no Redis command in them
    ruby = ('def perform(id)\n  lock_key = "rebuild:#{id}"\n  LockService.call(lock_key, "NX")\n'
            '  handler.call("SET", lock_key)\n  x\n  y\nend\n')
    assert _expiry_lines("app/workers/rebuild_worker.rb", ruby) == []
