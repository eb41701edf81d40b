"""Go (go-redis): Redis locks released without an owner check, or taken without an expiry (see
`_redis_locks`)."""

from __future__ import annotations

from persona_review.checks._redis_locks import register_lock_checks

register_lock_checks(
    "GO", "go", frozenset({"go"}), ("SetNX", "SetArgs", "\"NX\"", "\"nx\"", "\"SETNX\"", "\"setnx\""),
    release_with="(a Lua script run with `redis.NewScript`), or use a lock library (redsync)",
    take_with="`SetNX(ctx, key, token, 30*time.Second)`",
)
