"""JavaScript/TypeScript (ioredis, node-redis): Redis locks released without an owner check, or taken
without an expiry (see `_redis_locks`)."""

from __future__ import annotations

from persona_review.checks._redis_locks import register_lock_checks

register_lock_checks(
    "JS", "js", frozenset({"javascript", "typescript"}), ("NX", "nx", "setnx", "setNX"),
    release_with="(a Lua script run with `eval` or `defineCommand`), or use a lock library (redlock)",
    take_with="`set(key, token, 'PX', 30000, 'NX')` or `{ NX: true, PX: 30000 }`",
)
