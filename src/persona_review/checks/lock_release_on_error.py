"""A distributed lock released only when the work succeeds (Python, JavaScript/TypeScript, Go).

    lock = redis_client.lock(f"report:{tenant_id}", timeout=600)
    if not lock.acquire(blocking=False):
        return
    build_and_store(tenant_id)           # raises: the release below never runs
    lock.release()

When the work between taking a Redis (or Redlock, redsync) lock and releasing it fails, the release is
skipped and the lock stays taken until its expiry: every retry and every other worker finds it held and
gives up for that long (hours, with the usual job-length TTLs), or for ever without one. Reported, from the
taking to the release: a lock taken with `.lock(...)`+`.acquire(...)`, Redlock's `acquire(...)`/`lock(...)`,
or `SET key ... NX` (`set(key, v, nx=True)`, `'NX'`, `{ NX: true }`, Go's `SetNX(...)`), whose release
(`.release()`, `.unlock()`, `delete`/`del`/`Del` of the same key) is a plain statement after calls that can
fail, with no release in a `finally`, an `except`/`catch` or a `defer`; in Go, after an early `return`
between them that releases nothing. Left alone: a lock used as a context manager (`with lock:`), tests.
Ruby's form is RB-LOCK-NOT-RELEASED.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_TEST_PATH = lazy_re(
    r"(?:^|/)(?:tests?|spec|__tests__|testdata|testing)/|(?:_test|_spec|Test|Tests|\.test|\.spec)\.\w+$"
    r"|(?:^|/)test_[^/]*\.py$"
)
_LOCK_OBJECT = lazy_re(
    r"^\s*(?:(?:const|let|var)\s+)?(?P<name>[A-Za-z_$][\w$]*)\s*:?=\s*(?:await\s+)?[\w$.]*"
    r"(?:\.lock|[Rr]edlock\.(?:acquire|lock|using)|(?i:lock|mutex|semaphore)\w*\.acquire|NewMutex)\s*\("
)
"""`lock = r.lock(key, timeout=...)`, `const lock = await redlock.acquire([...], ttl)`,
`m := rs.NewMutex(k)`."""
_SETNX = lazy_re(
    r"\bset\s*\(\s*(?P<key>[\w$.]+)\s*,[^\n]*(?:\bnx\s*=\s*True|[\"']NX[\"']|\bNX\s*:\s*true|\bnx:\s*true)"
    r"|\bSetNX\s*\(\s*(?:ctx\s*,\s*)?(?P<gokey>[\w.]+)\s*,"
)
_TEST_OR_DEFER = lazy_re(r"^\s*(?:\}\s*)?(?:finally|except|catch|rescue|ensure)\b|^\s*defer\b|\bfinally\s*\(")
_CALL = lazy_re(r"[A-Za-z_$][\w$.]*\s*\(")
_LOG_OR_METRIC = lazy_re(r"(?i)^\s*(?:[\w$.]*\b(?:log|logger|console|metrics|statsd)\b[\w$.]*\.\w+\s*\()")
_RETURN = lazy_re(r"^\s*return\b")
_WINDOW = 60


@register(
    CheckSpec(
        id="ANY-LOCK-RELEASED-ONLY-ON-SUCCESS",
        checklist_item="ERR-06",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python", "javascript", "typescript", "go"}),
        title="Distributed lock released only when the work succeeds",
        explanation=(
            "The release is a plain statement after the work: when the work fails it never runs, and the "
            "lock stays taken until it expires, so every retry and every other worker skips the job for "
            "that long. Release it in `finally` (Python, JavaScript), with `defer` right after taking it "
            "(Go), or use the lock as a context manager."
        ),
    ),
    needs=(".lock(", "acquire(", "NX", "nx=", "nx:", "SetNX", "NewMutex"),
)
def lock_released_only_on_success(ctx: FileContext) -> Iterator[Hit]:
    if _TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    for no, bare in sorted(lexed.bare.items()):
        code = lexed.code.get(no, "")
        held = _held(bare, code)
        if held is None:
            continue
        release = _plain_release(ctx, lexed, no, held)
        if release is None:
            continue
        if not any(n in ctx.added for n in range(no, release + 1)):
            continue
        yield Hit(no, release if release - no <= 15 else None, message=(
            f"The lock taken here is released on line {release} only when everything before it succeeds: "
            "a failure in between leaves it held until it expires. Release it in `finally`/`defer`."))


def _held(bare: str, code: str) -> tuple[str, str] | None:
    """('object', name) for a lock object, ('key', key) for a `SET ... NX` key, or None."""
    setnx = _SETNX.search(code)
    if setnx is not None:
        return "key", setnx.group("key") or setnx.group("gokey")
    found = _LOCK_OBJECT.match(bare)
    if found is not None and "with " not in bare:
        return "object", found.group("name")
    return None


def _plain_release(ctx: FileContext, lexed: Lexed, no: int, held: tuple[str, str]) -> int | None:
    kind, name = held
    escaped = re.escape(name)
    if kind == "object":
        release = re.compile(rf"(?<![\w$.]){escaped}\s*\.\s*(?:release|unlock|Unlock|UnlockContext)\s*\(")
        used_as_manager = re.compile(rf"^\s*(?:async\s+)?with\s+{escaped}\b")
    else:
        release = re.compile(rf"\b(?:delete|del|Del|unlink|Unlink)\s*\(\s*(?:ctx\s*,\s*)?{escaped}\s*[,)]")
        used_as_manager = re.compile(r"(?!)")
    indent = indent_of(lexed.bare[no])
    lines: list[int] = []
    line = no + 1
    while line in lexed.bare and line - no < _WINDOW:
        text = lexed.bare[line]
        if text.strip() and indent_of(text) < indent and not text.strip().startswith(("}", ")", "except",
                                                                                        "finally", "catch")):
            break  # the function (or the block that took the lock) ends
        lines.append(line)
        line += 1
    if any(used_as_manager.search(lexed.bare.get(n, "")) for n in lines):
        return None
    releases = [n for n in lines if release.search(lexed.code.get(n, ""))]
    if not releases:
        return None
    for n in releases:
        if _guarded(lexed, n, no):
            return None
    first = releases[0]
    between = [n for n in lines if n < first]
    if ctx.language == "go":
        taken_check = _own_check(lexed, between)
        early = [n for n in between if n > taken_check and _RETURN.match(lexed.bare.get(n, ""))]
        return first if early else None
    work = [n for n in between if _CALL.search(lexed.bare.get(n, ""))
            and not _LOG_OR_METRIC.match(lexed.bare.get(n, "")) and "acquire" not in lexed.bare.get(n, "")]
    return first if work else None


def _guarded(lexed: Lexed, release: int, taken: int) -> bool:
    """Whether the release on line `release` runs on the failure path too: in a `finally`/`except`/`catch`
    block, or deferred."""
    text = lexed.bare.get(release, "")
    if _TEST_OR_DEFER.search(text):
        return True
    indent = indent_of(text)
    for line in range(release - 1, taken, -1):
        above = lexed.bare.get(line, "")
        if above.strip() and indent_of(above) < indent:
            if _TEST_OR_DEFER.search(above):
                return True
            indent = indent_of(above)
    return False


def _own_check(lexed: Lexed, lines: list[int]) -> int:
    """The last line of the lock's own `if err != nil || !ok { return ... }` right after taking it (Go)."""
    if not lines:
        return 0
    first = lines[0]
    if not re.match(r"^\s*if\b", lexed.bare.get(first, "")):
        return first - 1
    for n in lines:
        if lexed.bare.get(n, "").strip() == "}":
            return n
    return first
