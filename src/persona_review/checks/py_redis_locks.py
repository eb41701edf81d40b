"""Python (redis-py): Redis locks released without an owner check, or taken without an expiry (see
`_redis_locks`)."""

from __future__ import annotations

from persona_review.checks._redis_locks import register_lock_checks

register_lock_checks(
    "PY", "python", frozenset({"python"}),
    ("nx=True", "nx = True", "setnx", "\"NX\"", "'NX'", "\"nx\"", "'nx'", "SETNX"),
    release_with="(a Lua script run with `register_script`), or use a lock library (redis-py's "
    "`r.lock(name, timeout=...)`)",
    take_with="`r.set(key, token, nx=True, px=30_000)`",
)
