"""Go (go-redis): Redis locks released without an owner check, or taken without an expiry (see
`_redis_locks`)."""

from __future__ import annotations

from persona_review.checks._redis_locks import lock_hits
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity

_LANGUAGES = frozenset({"go"})
_NEEDS = ("SetNX", "SetArgs")


@register(
    CheckSpec(
        id="GO-REDIS-LOCK-RELEASE",
        checklist_item="DATA-04",
        category=Category.DATA_INTEGRITY,
        severity=Severity.HIGH,
        languages=_LANGUAGES,
        title="Redis lock deleted without checking this worker still holds it",
        explanation=(
            "A lock taken with SET NX and an expiry can expire while its holder is still working (a GC "
            "pause, a slow query); another worker then takes it, and the first worker's plain delete removes "
            "the second one's lock, so a third gets in and the critical section runs twice at once. Store a "
            "unique token as the value and release with a compare-and-delete script "
            "(a Lua script run with `redis.NewScript`), or use a "
            "lock library (redsync)."
        ),
    ),
    needs=_NEEDS,
)
def redis_lock_release(ctx: FileContext) -> list[Hit]:
    return lock_hits(ctx, "go", "release")


@register(
    CheckSpec(
        id="GO-REDIS-LOCK-NO-EXPIRY",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_LANGUAGES,
        title="Redis lock taken without an expiry",
        explanation=(
            "SETNX (or SET NX without EX/PX) creates a key that never expires: if the process holding the "
            "lock crashes, is killed or loses its connection before the delete, nobody can take the lock "
            "again until someone deletes the key by hand. Take it atomically with an expiry longer than the "
            "work (`SetNX(ctx, key, token, 30*time.Second)`)"
            " and release it only if the stored token is still yours."
        ),
    ),
    needs=_NEEDS,
)
def redis_lock_no_expiry(ctx: FileContext) -> list[Hit]:
    return lock_hits(ctx, "go", "expiry")
