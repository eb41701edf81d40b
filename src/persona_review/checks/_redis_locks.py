"""Redis locks taken with `SET ... NX` (or `SETNX`) and how they are given back, read from a file's code.

Two hazards, per acquisition:
- **released without an owner check**: the key set with NX is later deleted by a plain `DEL` of the same
  key. If the holder ran past the lock's expiry, another worker took the lock meanwhile, and this `DEL`
  removes *their* lock: a third worker gets in and two run the critical section at once. Quiet when the
  file compares the stored token first (a `GET` or `WATCH` of the same key just before the delete), holds
  a Lua compare-and-delete (`GET`, then `DEL` when the token matches), or passes the key to a script
  (`eval(script, 1, key)`, a redis-py `register_script` object called with `keys=[key]`, go-redis
  `script.Run(ctx, rdb, []string{key})`); a script about other keys says nothing about the release.
- **taken without an expiry**: `SETNX`, or `SET NX` with no `EX`/`PX`/`EXAT`/`PXAT`/`KEEPTTL` (go-redis
  `SetNX` with a TTL of 0, `SetArgs` without `TTL`/`ExpireAt`): a holder that crashes keeps the lock forever.
  Quiet when an expiry is set on the same key within the next few lines (`EXPIRE key`).
  A lock that never expires is not judged for its release: only its holder can delete it.

The same commands sent raw are read too: redis-rb/redis-client `call("SET", key, token, "NX")` (or
`call(:set, ...)`), redis-py `execute_command("SET", ...)`, ioredis `call("set", ...)`, go-redis
`Do(ctx, "set", ...)`: the command is the first literal argument, its options the literal words after the
value (`"NX"`, `"EX", 30`).

An NX set counts as a lock when the code says so: a lock word in the call, or in the lines shortly before
it (the key's or the function's name); other NX sets write flags meant to stay. Library locks (redis-py
`Lock`, redlock, redsync) never appear as an NX set and are not read. Keys are compared as written (white
space removed): `set(lock_key, ...)` and `delete(lock_key)` are one lock. Read from hunks alone, a release
is not judged (the script or the `GET` that makes it safe can be anywhere in the file), nor a missing
expiry whose next lines the hunk does not show.

One pass over the file's code (comments blanked) finds the calls; each call's arguments are read by
matching brackets, at most `_MAX_CALL` characters, so the work is linear in the file's size.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from persona_review.checks._lexing import lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

Dialect = Literal["python", "js", "go", "ruby"]

_MAX_CALL = 2000
_EXPIRE_WITHIN = 3
"""Lines after a `SETNX` within which an `EXPIRE` of the same key counts as its expiry."""
_LOCK_CONTEXT = 12
_COMPARE_WITHIN = 8
"""Lines before a delete within which a `GET` of the key counts as the owner check."""
"""Lines before an NX set read for the words that make it a lock (`_lockish`)."""
_FUNCTION_START = lazy_re(
    r"^\s*(?:async\s+)?def\s|^\s*func\s|\bfunction\b|=>\s*\{?\s*$|^\s*(?:async\s+)?\w+\s*\([^)]*\)\s*\{\s*$"
)
_LOCK_WORD = lazy_re(
    r"(?:(?<![A-Za-z])|(?<=[a-z])(?=[A-Z]))(?i:locks?|locked|locking|mutex|leader|lease|semaphore|exclusive|"
    r"singleton|in_?progress|running)(?![a-z])"
)
"""A word that makes an NX set a lock, at the start of a word or of a camelCase part (`lock_key`,
`jobLock`, `LOCK_PREFIX`), not inside one (`clock`, `release`, `blocked`)."""
_CALL = lazy_re(
    r"\.\s*(set|setnx|setNX|SetNX|SetArgs|delete|unlink|del|Del|Unlink|get|Get|expire|pexpire|expireat|"
    r"pexpireat|Expire|PExpire|ExpireAt|watch|Watch|call|execute_command|Do)\s*(?:<[^<>()\n]*>\s*)?\("
)
"""The calls read, TypeScript type arguments allowed (`kv.get<string>(key)`)."""
_COMPARE_AND_DELETE = lazy_re(
    r"(?is)redis\.call\s*\(\s*[\"'](?:get)[\"'].{0,400}?redis\.call\s*\(\s*[\"'](?:del|unlink)[\"']"
)
"""A Lua compare-and-delete in the file: `GET` the key, `DEL` it only when it holds this worker's token."""
_SCRIPT_CALL = lazy_re(r"(?i)\beval(?:sha)?(?:_?ro)?\s*\(|\.run\s*\(|\bkeys\s*[=:]\s*\[|\[\]string\s*\{")
"""A line that runs a script on some keys (`eval(script, 1, key)`, `script(keys=[key])`, go-redis
`script.Run(ctx, rdb, []string{key})`): when the lock's key is among them, the script releases it."""
_PY_NX = lazy_re(r"^nx\s*=\s*True$")
_PY_EXPIRY = lazy_re(r"^(?:ex|px|exat|pxat|keepttl)\s*=\s*(?!None$|False$)")
_RB_NX = lazy_re(r"^(?::nx\s*=>|nx:)\s*true$")
_RB_EXPIRY = lazy_re(r"^(?::(?:ex|px|exat|pxat|keepttl)\s*=>|(?:ex|px|exat|pxat|keepttl):)\s*(?!nil$|false$)")
"""redis-rb's keyword options: `nx: true`, `ex: 30` (or the `:nx => true` hash-rocket form)."""
_JS_NX_WORD = lazy_re(r"""(?i)^["'`]nx["'`]$""")
_JS_EXPIRY_WORD = lazy_re(r"""(?i)^["'`](?:ex|px|exat|pxat|keepttl)["'`]$""")
_JS_NX_OPTION = lazy_re(r"""(?i)\bnx\s*:\s*true\b|\bcondition\s*:\s*["'`]nx["'`]""")
"""node-redis `{ NX: true }` (v5: `condition: 'NX'`), Upstash's `{ nx: true }`."""
_JS_EXPIRY_OPTION = lazy_re(r"""(?i)\b(?:ex|px|exat|pxat|keepttl|expiration)\s*:""")
_GO_NX_MODE = lazy_re(r"""(?i)\bMode\s*:\s*"NX\"""")
_GO_EXPIRY_FIELD = lazy_re(r"\b(?:TTL|ExpireAt|KeepTTL)\s*:")
_RAW = frozenset({"call", "execute_command", "Do"})
"""Methods that send a command given as words (`call("SET", key, token, "NX")`)."""
_RAW_COMMAND = lazy_re(
    r"""^(?:["'`]|:)(set|setnx|del|unlink|get|expire|pexpire|expireat|pexpireat|watch)["'`]?$""",
    re.IGNORECASE)
_RAW_NX = lazy_re(r"""^(?:["'`]nx["'`]|:nx)$""", re.IGNORECASE)
_RAW_EXPIRY = lazy_re(
    r"""^(?:["'`](?:ex|px|exat|pxat|keepttl)["'`]|:(?:ex|px|exat|pxat|keepttl))$""", re.IGNORECASE)
_SPLAT = lazy_re(r"^(?:\*|\.\.\.)")
_LITERAL = lazy_re(r"""^(?:["'`].*["'`]|-?\d[\d_.]*|true|false|True|False|None|null|undefined)$""")


@dataclass(frozen=True, slots=True)
class _Call:
    method: str
    offset: int
    line: int
    end_line: int
    args: list[str]
    shown: str
    raw: bool = False
    """Sent as words (`call("SET", ...)`): `method` is the command, `args` the words after it."""


@dataclass(frozen=True, slots=True)
class _Lock:
    call: _Call
    key: str
    expires: bool | None
    """True/False as the call shows; None when it passes options the file does not show."""


def lock_hits(ctx: FileContext, dialect: Dialect, want: Literal["release", "expiry"]) -> list[Hit]:
    found = ctx.cached(f"redis_locks.{dialect}", lambda: _scan(ctx, dialect))
    return found[0] if want == "release" else found[1]


def _scan(ctx: FileContext, dialect: Dialect) -> tuple[list[Hit], list[Hit]]:
    calls = list(_calls(ctx, dialect))
    code = lex(ctx).code
    locks = [lock for call in calls
             if (lock := _lock(call, dialect)) is not None and _lockish(code, lock.call)]
    if not locks:
        return [], []
    expires: dict[str, list[tuple[int, int]]] = {}
    """key -> (offset, line) of each EXPIRE of it, in file order."""
    reads: dict[str, list[int]] = {}
    """key -> lines of each GET or WATCH of it, in file order."""
    deletes: list[tuple[_Call, frozenset[str]]] = []
    for call in calls:
        method = call.method.lower()
        if method.endswith(("expire", "expireat")):
            for key in _keys(call, dialect):
                expires.setdefault(key, []).append((call.offset, call.line))
        elif method in {"get", "watch"}:
            for key in _keys(call, dialect):
                reads.setdefault(key, []).append(call.line)
        elif method in {"delete", "del", "unlink"}:
            deletes.append((call, _keys(call, dialect)))
    expiry_hits: list[Hit] = []
    for lock in locks:
        if lock.expires is not False or _expired_after(expires.get(lock.key, []), lock.call) \
                or not _window_known(ctx, lock.call):
            continue
        how = "`SETNX`" if lock.call.method.lower() == "setnx" else "`SET NX` with no expiry"
        if dialect == "go" and lock.call.method == "SetNX":
            how = "`SetNX` with a TTL of 0"
        expiry_hits.append(Hit(
            lock.call.line, _end(lock.call),
            f"`{_short(lock.call.shown)}` takes the lock `{_short(lock.key)}` with {how}: if the holder "
            "crashes or is killed before it deletes the key, the lock is held forever and every later "
            "attempt waits or gives up.",
        ))
    release_hits: list[Hit] = []
    if ctx.whole_file and _COMPARE_AND_DELETE.search(ctx.known_text()) is None:
        scripted = "\n".join("".join(text.split()) for text in code.values() if _SCRIPT_CALL.search(text))
        taken: dict[str, list[_Lock]] = {}
        for lock in locks:
            if lock.expires is False or _passed_to_script(scripted, lock.key):
                continue  # never expires (only its holder deletes it), or a script gets the key
            taken.setdefault(lock.key, []).append(lock)
        starts = {key: [lock.call.offset for lock in held] for key, held in taken.items()}
        for call, keys in deletes:
            lock = _last_before(taken, starts, keys, call.offset)
            if lock is None or _read_before(reads.get(lock.key, []), call.line):
                continue
            release_hits.append(Hit(
                call.line, _end(call),
                f"`{_short(call.shown)}` releases the lock `{_short(lock.key)}` (taken with NX on line "
                f"{lock.call.line}) without checking that this worker still holds it: if the lock "
                "expired and another worker took it, this deletes their lock and a third one gets in.",
            ))
    return release_hits, expiry_hits


def _lockish(code: dict[int, str], call: _Call) -> bool:
    """Whether the NX set is a lock by what the code says: a lock word in the call or the code shortly
    before it in the same function (the key's name, the function's name). `SET NX` also writes flags and
    first-seen marks that are meant to stay (a paused queue, a document's first version), not locks."""
    if any(_LOCK_WORD.search(code.get(no, "")) for no in range(call.line, call.end_line + 1)):
        return True
    for no in range(call.line - 1, call.line - _LOCK_CONTEXT - 1, -1):
        text = code.get(no, "")
        if _LOCK_WORD.search(text):
            return True
        if _FUNCTION_START.search(text):
            return False  # the lines before belong to another function
    return False


def _passed_to_script(scripted: str, key: str) -> bool:
    """Whether `key` (white space removed) is a whole argument on one of the script-running lines."""
    return bool(scripted) and re.search(rf"(?<![\w$.]){re.escape(key)}(?![\w$(])", scripted) is not None


def _read_before(lines: list[int], line: int) -> bool:
    """Whether the key is read (`GET`, to compare its token) or `WATCH`ed on one of `lines` (sorted) shortly
    before the delete on `line`: a compare-then-delete (racy, but an owner check), not a blind release."""
    at = bisect_left(lines, line - _COMPARE_WITHIN)
    return at < len(lines) and lines[at] <= line


def _expired_after(expires: list[tuple[int, int]], call: _Call) -> bool:
    """Whether one of `expires` (offset, line; in file order) follows the `SETNX` `call` within
    `_EXPIRE_WITHIN` lines."""
    at = bisect_right(expires, (call.offset, 1 << 62))
    return at < len(expires) and expires[at][1] <= call.end_line + _EXPIRE_WITHIN


def _last_before(taken: dict[str, list[_Lock]], starts: dict[str, list[int]], keys: frozenset[str],
                 offset: int) -> _Lock | None:
    """The expiring lock on one of `keys` taken last before `offset`, if any."""
    best: _Lock | None = None
    for key in keys:
        if key not in starts:
            continue
        at = bisect_left(starts[key], offset)
        if at and (best is None or taken[key][at - 1].call.offset > best.call.offset):
            best = taken[key][at - 1]
    return best


def _window_known(ctx: FileContext, call: _Call) -> bool:
    """Whether the lines where an `EXPIRE` of the lock's key would count are all known (a hunk may cut
    them off)."""
    last = call.end_line + _EXPIRE_WITHIN
    return ctx.whole_file or all(no in ctx.lines for no in range(call.line, last + 1))


def _end(call: _Call) -> int | None:
    return call.end_line if call.end_line > call.line else None


def _short(text: str) -> str:
    """`text` to quote in a code span: at most 50 characters, backticks (a JS template) shown as quotes."""
    text = text.replace("`", "'")
    return text if len(text) <= 50 else f"{text[:47]}..."


def _lock(call: _Call, dialect: Dialect) -> _Lock | None:
    """The lock `call` takes, if it is an NX set."""
    method, args = call.method, call.args
    if call.raw:
        return _raw_lock(call)
    if dialect == "python":
        if method == "setnx" and args:
            return _Lock(call, _norm(args[0]), False)
        if method == "set" and len(args) >= 2 and any(_PY_NX.match(a) for a in args[2:]):
            return _Lock(call, _norm(args[0]), any(_PY_EXPIRY.match(a) for a in args[2:]))
        return None
    if dialect == "ruby":
        if method == "setnx" and args:
            return _Lock(call, _norm(args[0]), False)
        if method == "set" and len(args) >= 3 and any(_RB_NX.match(a) for a in args[2:]):
            splat = any(a.startswith("**") for a in args[2:])
            expires = any(_RB_EXPIRY.match(a) for a in args[2:])
            return _Lock(call, _norm(args[0]), expires if expires or not splat else None)
        return None
    if dialect == "js":
        if method in {"setnx", "setNX"} and args:
            return _Lock(call, _norm(args[0]), False)
        if method != "set" or len(args) < 3:
            return None
        rest = args[2:]
        if any(_JS_NX_WORD.match(a) for a in rest):
            known = all(_LITERAL.match(a) or a.startswith("{") for a in rest)
            expires = any(_JS_EXPIRY_WORD.match(a) for a in rest)
            return _Lock(call, _norm(args[0]), expires if expires or known else None)
        for option in rest:
            if option.startswith("{") and _JS_NX_OPTION.search(option):
                shows_all = "..." not in option
                expires = _JS_EXPIRY_OPTION.search(option) is not None
                return _Lock(call, _norm(args[0]), expires if expires or shows_all else None)
        return None
    if method == "SetNX" and len(args) == 4:
        return _Lock(call, _norm(args[1]), args[3].strip() not in {"0", "0*time.Second"})
    if method == "SetArgs" and len(args) == 4 and _GO_NX_MODE.search(args[3]):
        shown = "{" in args[3]
        expires = _GO_EXPIRY_FIELD.search(args[3]) is not None
        return _Lock(call, _norm(args[1]), expires if expires or shown else None)
    return None


def _raw_lock(call: _Call) -> _Lock | None:
    """The lock a raw `SETNX`, or `SET key value NX`, takes: expiring when an expiry word follows; unknown
    when the options are spread from a list the call does not show (`*opts`)."""
    args = call.args
    if call.method == "setnx" and args:
        return _Lock(call, _norm(args[0]), False)
    if call.method != "set" or len(args) < 3 or not any(_RAW_NX.match(a) for a in args[2:]):
        return None
    if any(_RAW_EXPIRY.match(a) for a in args[2:]):
        return _Lock(call, _norm(args[0]), True)
    return _Lock(call, _norm(args[0]), None if any(_SPLAT.match(a) for a in args[2:]) else False)


def _raw(method: str, args: list[str], dialect: Dialect) -> tuple[str, list[str]] | None:
    """(command, the words after it) of a raw command call, or None when the call sends no lock command
    as a literal (`service.call(params)`, `client.Do(req)`)."""
    if method not in _RAW:
        return None
    words = args[1:] if dialect == "go" else args
    if not words:
        return None
    command = _RAW_COMMAND.match(words[0])
    return (command.group(1).lower(), words[1:]) if command else None


def _keys(call: _Call, dialect: Dialect) -> frozenset[str]:
    """The keys a delete, get, watch or expire call names (Go passes a context first)."""
    args = call.args[1:] if dialect == "go" and not call.raw else call.args
    if call.method.lower() in {"get", "expire", "pexpire", "expireat", "pexpireat"}:
        args = args[:1]
    return frozenset(_norm(a) for a in args)


def _norm(text: str) -> str:
    """The key as written, white space removed, without the keyword of a keyword argument (`name=key`)."""
    return _KEYWORD.sub("", "".join(text.split()))


_KEYWORD = lazy_re(r"^(?:name|key)=(?!=)")


def _calls(ctx: FileContext, dialect: Dialect) -> Iterator[_Call]:
    """Every call of the methods `_CALL` names in the file's code, with its arguments split at top-level
    commas; a raw command call (`call("SET", ...)`) as the command it sends."""
    rows = lex(ctx).rows
    if not rows:
        return
    numbers = [no for no, _, _ in rows]
    text = "\n".join(code for _, code, _ in rows)
    starts: list[int] = []
    at = 0
    for _, code, _ in rows:
        starts.append(at)
        at += len(code) + 1
    for match in _CALL.finditer(text):
        args, end = _arguments(text, match.end())
        if end < 0:
            continue
        line = numbers[bisect_right(starts, match.start()) - 1]
        end_line = numbers[bisect_right(starts, end) - 1]
        receiver = _receiver(text, match.start())
        shown = " ".join(f"{receiver}{text[match.start():end + 1]}".split())
        if len(shown) > 80:
            shown = f"{receiver}.{match.group(1)}(...)"
        method = match.group(1)
        if method in _RAW:
            sent = _raw(method, args, dialect)
            if sent is None:
                continue
            yield _Call(sent[0], match.start(), line, end_line, sent[1], shown, raw=True)
            continue
        yield _Call(method, match.start(), line, end_line, args, shown)


_RECEIVER = lazy_re(r"[\w$.]*$")


def _receiver(text: str, dot: int) -> str:
    found = _RECEIVER.search(text, max(0, dot - 60), dot)
    return found.group() if found else ""


_CLOSE = {"(": ")", "[": "]", "{": "}"}


def _arguments(text: str, start: int) -> tuple[list[str], int]:
    """The top-level arguments of the call whose `(` ends just before `start`, and the offset of its `)`;
    -1 when it does not close within `_MAX_CALL` characters."""
    depth = 0
    quote = ""
    args: list[str] = []
    piece = start
    limit = min(len(text), start + _MAX_CALL)
    i = start
    while i < limit:
        char = text[i]
        if quote:
            if char == "\\":
                i += 2
                continue
            if char == quote:
                quote = ""
        elif char in "\"'`":
            quote = char
        elif char in _CLOSE:
            depth += 1
        elif char in ")]}":
            if depth == 0:
                if char != ")":
                    return [], -1
                last = text[piece:i].strip()
                if last:
                    args.append(last)
                return args, i
            depth -= 1
        elif char == "," and depth == 0:
            args.append(text[piece:i].strip())
            piece = i + 1
        i += 1
    return [], -1


def register_lock_checks(
    prefix: str, dialect: Dialect, languages: frozenset[str], needs: tuple[str, ...], *,
    release_with: str, take_with: str,
) -> None:
    """Register `<prefix>-REDIS-LOCK-RELEASE` and `<prefix>-REDIS-LOCK-NO-EXPIRY` for one language family:
    `release_with` names its compare-and-delete script and lock library, `take_with` its atomic set with an
    expiry. Called by the language's own module (`py_redis_locks`, ...), which the registry loads only for
    reviews of that language."""
    release = CheckSpec(
        id=f"{prefix}-REDIS-LOCK-RELEASE",
        checklist_item="DATA-04",
        category=Category.DATA_INTEGRITY,
        severity=Severity.HIGH,
        languages=languages,
        title="Redis lock deleted without checking this worker still holds it",
        explanation=(
            "A lock taken with SET NX and an expiry can expire while its holder is still working (a GC "
            "pause, a slow query); another worker then takes it, and the first worker's plain delete removes "
            "the second one's lock, so a third gets in and the critical section runs twice at once. Store a "
            f"unique token as the value and release with a compare-and-delete script {release_with}."
        ),
    )
    expiry = CheckSpec(
        id=f"{prefix}-REDIS-LOCK-NO-EXPIRY",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=languages,
        title="Redis lock taken without an expiry",
        explanation=(
            "SETNX (or SET NX without EX/PX) creates a key that never expires: if the process holding the "
            "lock crashes, is killed or loses its connection before the delete, nobody can take the lock "
            f"again until someone deletes the key by hand. Take it atomically with an expiry longer than the "
            f"work ({take_with}) and release it only if the stored token is still yours."
        ),
    )
    register(release, needs=needs)(lambda ctx: lock_hits(ctx, dialect, "release"))
    register(expiry, needs=needs)(lambda ctx: lock_hits(ctx, dialect, "expiry"))
