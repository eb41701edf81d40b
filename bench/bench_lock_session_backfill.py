"""Are the Redis-lock, session-store and backfill checks linear in the size of a file?

Each (alone, with the lexing and parsing it needs) is run on a synthetic file of N and of 4N lines made of
what it reads (locks taken and deleted, many unrelated `.get(...)` calls, `session({...})` calls,
`UPDATE`s in migration strings and SQL files), every function with findings, reviewed as a new file.
Printed per check: CPU time on both files (best of --repeat) and their ratio; a linear check is near 4x,
and a ratio above --limit is flagged.

    python bench/bench_lock_session_backfill.py [--lines 2000] [--repeat 3] [--limit 6]
"""

from __future__ import annotations

import argparse
import time

from persona_review.checks.registry import Registry, load_all
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

_PY_LOCK = """def job_{i}(r, lock_key, token, cache):
    if r.set(lock_key, token, nx=True, ex=30):
        value = cache.get("a{i}", None) or cache.get("b{i}") or {{}}.get("c")
        try:
            work(value)
        finally:
            r.delete(lock_key)
    r.setnx("lock:{i}", 1)
"""
_JS_LOCK = """async function job{i}(redis, lockKey, token, cache) {{
  await redis.set(lockKey, token, 'PX', 30000, 'NX');
  const value = cache.get('a{i}') || cache.get('b{i}');
  await redis.del(lockKey);
  await redis.set(`lock:{i}`, '1', {{ NX: true }});
}}
"""
_GO_LOCK = """func Job{i}(ctx context.Context, rdb *redis.Client, lockKey string, m map[string]string) {{
	rdb.SetNX(ctx, lockKey, "1", 30*time.Second)
	_ = m["a{i}"]
	rdb.Get(ctx, "other{i}")
	rdb.Del(ctx, lockKey)
	rdb.SetNX(ctx, "lock:{i}", "1", 0)
}}
"""
_JS_SESSION = """app{i}.use(session({{ secret: process.env.S{i}, resave: false, saveUninitialized: false }}));
app{i}.use(session({{ secret: 's', store: new RedisStore({{ client }}) }}));
"""
_ALEMBIC = """    op.execute("UPDATE users_{i} SET status = 'active'")
    op.execute("UPDATE users_{i} SET status = 'x' WHERE id BETWEEN 1 AND 1000")
    op.execute(\"\"\"
        INSERT INTO archive_{i}
        SELECT * FROM users_{i}
    \"\"\")
"""
_SQL = """UPDATE users_{i} SET plan = 'free';
UPDATE users_{i} SET plan = 'x' WHERE id >= 1 AND id < 5000;
INSERT INTO history_{i} SELECT * FROM users_{i};
"""

# (check ids, path, header, block)
CASES: list[tuple[tuple[str, ...], str, str, str]] = [
    (("PY-REDIS-LOCK-RELEASE", "PY-REDIS-LOCK-NO-EXPIRY"), "jobs/locks.py", "import redis\n\n", _PY_LOCK),
    (("JS-REDIS-LOCK-RELEASE", "JS-REDIS-LOCK-NO-EXPIRY"), "src/locks.js",
     "const Redis = require('ioredis');\n", _JS_LOCK),
    (("GO-REDIS-LOCK-RELEASE", "GO-REDIS-LOCK-NO-EXPIRY"), "internal/locks.go", "package locks\n\n",
     _GO_LOCK),
    (("JS-SESSION-MEMORY-STORE",), "src/app.js", "const session = require('express-session');\n",
     _JS_SESSION),
    (("ALEMBIC-BACKFILL",), "alembic/versions/0002_fill.py",
     "from alembic import op\n\nrevision = '2'\ndown_revision = '1'\n\n\ndef upgrade():\n", _ALEMBIC),
    (("SQL-BACKFILL",), "db/migrations/002_fill.sql", "ALTER TABLE t ADD COLUMN c int;\n", _SQL),
]


def _file(header: str, block: str, lines: int) -> str:
    per = block.count("\n")
    return header + "".join(block.format(i=i) for i in range(max(1, lines // per)))


def _only(ids: tuple[str, ...]) -> Registry:
    """A registry of the checks `ids` alone."""
    registry = Registry()
    for spec, func in load_all().checks:
        if spec.id in ids:
            registry.add(spec, func)
    assert {spec.id for spec in registry.specs()} == set(ids), ids
    return registry


def _cpu(text: str, path: str, registry_ids: tuple[str, ...], repeat: int) -> float:
    registry = _only(registry_ids)
    best = float("inf")
    for _ in range(repeat):
        ctx = context_for_text(path, text)  # a new context: nothing the checks cache carries over
        start = time.process_time()
        outcome = run_checks([ctx], registry=registry)
        best = min(best, time.process_time() - start)
        assert any(f.rule_id in registry_ids for f in outcome.findings), (path, "no finding")
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=float, default=6.0)
    args = parser.parse_args()
    worst = 0.0
    print(f"{'file (its checks alone, incl. lexing)':40} {'N lines':>9} {'4N lines':>9} {'ratio':>6}")
    for ids, path, header, block in CASES:
        small = _cpu(_file(header, block, args.lines), path, ids, args.repeat)
        large = _cpu(_file(header, block, 4 * args.lines), path, ids, args.repeat)
        ratio = large / small if small > 0 else 0.0
        worst = max(worst, ratio)
        flag = "  SUPER-LINEAR" if ratio > args.limit else ""
        print(f"{path:40} {small:8.3f}s {large:8.3f}s {ratio:5.1f}x{flag}")
    print(f"worst ratio {worst:.1f}x (linear: about 4x; limit {args.limit}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
