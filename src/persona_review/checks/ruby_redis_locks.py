"""Ruby (redis-rb): Redis locks released without an owner check, or taken without an expiry (see
`_redis_locks`)."""

from __future__ import annotations

from persona_review.checks._redis_locks import register_lock_checks

register_lock_checks(
    "RB", "ruby", frozenset({"ruby"}),
    ("setnx", "nx: true", "nx:true", ":nx =>", "\"NX\"", "'NX'", "\"nx\"", "'nx'", ":nx", "SETNX"),
    release_with="(a Lua script run with `redis.eval(script, keys: [key], argv: [token])`), or use a lock "
    "library (redlock-rb, `Redis::Lock`)",
    take_with="`redis.set(key, token, nx: true, px: 30_000)`",
)
