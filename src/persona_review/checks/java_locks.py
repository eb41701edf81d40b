"""Java locks (`java.util.concurrent.locks`: `Lock`, `ReentrantLock`, a `ReadWriteLock`'s `readLock()` or
`writeLock()`), or a `Semaphore`'s permit (`acquire()` ... `release()`), taken without the documented idiom:
`lock.lock();` followed at once by `try { ... } finally { lock.unlock(); }`. When the method's own `unlock()`
sits anywhere else, an exception (or an early return) between the two leaves the lock held, and every later
caller waits on it forever.

Read on brace blocks, one method at a time (`_java_methods.method_block`: a method a hunk cuts gives no
finding). Reported on the acquiring statement (`lock()`, `lockInterruptibly()`, a `tryLock()` whose result is
dropped, or `if (!lock.tryLock()) { return; }`, also with the result kept in a flag first) when the method
also unlocks the same receiver, code that can fail runs in between (or every release sits in a branch), and
neither the `try` right after the acquisition (other locks taken first allowed) nor a `try` around it releases
the lock in its `finally`. A method that never unlocks hands the lock on (to a caller or a matching release
method) and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import Block, Blocks, blocks_of
from persona_review.checks._java_methods import method_block
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_RECEIVER = r"(?P<lock>(?:this\.)?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\.(?:readLock|writeLock)\(\))?)"
_ACQUIRE = lazy_re(
    rf"^\s*{_RECEIVER}\.(?:(?P<how>lock|lockInterruptibly|tryLock)\(\)"
    rf"|(?P<permit>acquire|acquireUninterruptibly)\(\s*\w*\s*\))\s*;\s*$"
)
"""`lock.lock();`, or a `Semaphore`'s `permits.acquire();` (released by `release()`: the same rule holds)."""
_TRY_OR_LEAVE = lazy_re(
    rf"^\s*if\s*\(\s*!\s*{_RECEIVER}\.tryLock\([^;]*\)\s*\)\s*(?:\{{\s*)?(?:return\b[^;]*;|throw\b[^;]*;)?"
)
_TRY_FLAG = lazy_re(
    rf"^\s*(?:final\s+)?(?:boolean\s+|var\s+)?(?P<flag>[A-Za-z_$][\w$]*)\s*=\s*{_RECEIVER}\.tryLock\([^;]*\)\s*;\s*$"
)
"""`boolean acquired = lock.tryLock();`, the outcome kept in a flag that the next statement tests."""
_TRY_IF = lazy_re(rf"^\s*if\s*\(\s*{_RECEIVER}\.tryLock\([^;]*\)\s*\)\s*\{{\s*$")
"""`if (lock.tryLock()) {`: the lock is held in the block that follows."""
_FAILS = lazy_re(r"[\w$)\]]\s*\(|\breturn\b|\bthrow\b|\bnew\b|\[")
"""What can throw or leave: a call, a return or throw, an allocation, an array index."""
_CONTROL = lazy_re(r"\b(?:if|while|for|switch|catch|synchronized)\s*\(")


@register(
    CheckSpec(
        id="JAVA-LOCK-HELD",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="Lock not released in a `finally`",
        explanation=(
            "The lock is released by a plain statement further down, so an exception (or an early return) "
            "in between leaves it held: every later thread that takes it blocks forever, and the requests "
            "they serve pile up until the service stops answering. Follow `lock()` at once with "
            "`try { ... } finally { lock.unlock(); }`."
        ),
    ),
    needs=(".lock()", ".lockInterruptibly()", ".tryLock(", ".acquire(", ".acquireUninterruptibly("),
)
def lock_held(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    for no, code, bare in lines_of(lexed):
        if "ock" not in bare and "acquire" not in bare:
            continue
        acquired = _ACQUIRE.match(bare)
        after: int | None = no
        if acquired is None:
            acquired = _TRY_OR_LEAVE.match(bare)
            if acquired is not None:
                after = _end_of_if(blocks, lexed, no)
            elif (acquired := _TRY_IF.match(bare)) is None:
                acquired = _TRY_FLAG.match(bare)
                if acquired is None:
                    continue
                after = _flag_tested(blocks, lexed, no, acquired.group("flag"))
        if after is None:
            continue
        receiver = acquired.group("lock")
        if receiver.rsplit(".", 1)[-1].lower().endswith("pool"):
            continue  # a connection pool's lock()/unlock() pair, not a java.util.concurrent lock
        method = method_block(ctx, no)
        if method is None:
            continue
        semaphore = "permit" in acquired.re.groupindex and acquired.group("permit") is not None
        release = "release" if semaphore else "unlock"
        unlock = re.compile(rf"(?<![\w$.]){re.escape(receiver)}\.{release}\(\s*\w*\s*\)")
        releases = [n for n in range(after + 1, method.last) if unlock.search(lexed.bare.get(n, ""))]
        if not releases:
            continue  # the lock is handed on: released by a caller or another method
        if _released_in_finally(blocks, lexed, no, after, method, receiver=receiver, unlock=unlock):
            continue
        held = _next_code_line(lexed, no, method.last) if _TRY_IF.match(bare) else no
        around = _chain(blocks, held or no)  # for `if (lock.tryLock()) {`, the block the lock is held in
        some_paths = all(blocks.owner.get(n) not in around for n in releases)
        between = [lexed.bare.get(n, "") for n in range(after + 1, releases[0])]
        if not some_paths and not any(_FAILS.search(_CONTROL.sub(" ", text)) for text in between):
            continue  # released on every path, and nothing between the lock and its release can fail
        yield Hit(no, None, _message(code.strip(), receiver, release))


def _chain(blocks: Blocks, line: int) -> set[int | None]:
    """Ids of the blocks open at `line` (None for the top level): a release in one of them, after the lock,
    runs on every path that gets there."""
    out: set[int | None] = {None}
    brace = blocks.owner.get(line)
    while brace is not None:
        out.add(brace)
        brace = blocks.parent.get(brace)
    return out


def _end_of_if(blocks: Blocks, lexed: Lexed, line: int) -> int | None:
    """The last line of `if (!lock.tryLock()) { ... }` when its body leaves (return or throw), else None."""
    own = [b for b in blocks.all() if b.first == line]
    if not own:
        body = lexed.bare.get(line, "")
        return line if re.search(r"\)\s*(?:return|throw)\b", body) else None
    block = own[0]
    text = "\n".join(lexed.bare.get(n, "") for n in range(block.first, block.last + 1))
    return block.last if re.search(r"\b(?:return|throw)\b", text) else None


def _flag_tested(blocks: Blocks, lexed: Lexed, line: int, flag: str) -> int | None:
    """For `flag = lock.tryLock();`: the last line of the `if (!flag) { return; }` that follows it at once,
    after which the lock is held; None when the flag is used another way."""
    test = _next_code_line(lexed, line, line + 3)
    if test is None or not re.match(rf"^\s*if\s*\(\s*!\s*{re.escape(flag)}\s*\)", lexed.bare.get(test, "")):
        return None
    return _end_of_if(blocks, lexed, test)


def _next_code_line(lexed: Lexed, line: int, last: int) -> int | None:
    for n in range(line + 1, last):
        if lexed.bare.get(n, "").strip():
            return n
    return None


def _released_in_finally(blocks: Blocks, lexed: Lexed, line: int, after: int, method: Block, *,
                         receiver: str, unlock: re.Pattern[str]) -> bool:
    """Whether a `try` starting right after the acquisition, or one around it, unlocks in its `finally`."""
    start = _next_code_line(lexed, after, method.last)
    while start is not None:  # past other locks taken first: `a.lock(); b.lock(); try { ... } finally`
        other = _ACQUIRE.match(lexed.bare.get(start, ""))
        if other is None or other.group("lock") == receiver:
            break
        start = _next_code_line(lexed, start, method.last)
    tries = []
    if start is not None and re.match(r"^\s*try\s*(?:\{|$)", lexed.bare.get(start, "")):
        tries += [b for b in blocks.all() if b.first in (start, _next_code_line(lexed, start, method.last))
                  and re.search(r"\btry\s*$", b.header)]
    tries += [b for b in blocks.enclosing(line)
              if re.search(r"\btry\s*$", b.header) and b.first > method.first]
    for block in tries:
        final = _finally_after(blocks, lexed, block, method)
        if final is not None and any(unlock.search(lexed.bare.get(n, ""))
                                     for n in range(final.first, final.last + 1)):
            return True
    return False


def _finally_after(blocks: Blocks, lexed: Lexed, block: Block, method: Block) -> Block | None:
    """The `finally` block of the `try` whose body is `block` (past any `catch` blocks), with the keyword
    after the closing brace or on the next line, and its brace there or on the line after."""
    current = block
    for candidate in blocks.all():
        if candidate.first < current.last or candidate.first > method.last or candidate.depth != block.depth:
            continue
        near = {current.last}
        follower = _next_code_line(lexed, current.last, method.last)
        if follower is not None:
            near |= {follower, _next_code_line(lexed, follower, method.last) or follower}
        if candidate.first not in near:
            return None  # something else follows the try
        if re.search(r"\bfinally\s*$", candidate.header):
            return candidate
        if re.search(r"\bcatch\s*\([^)]*\)\s*$", candidate.header):
            current = candidate
            continue
        return None
    return None


def _message(statement: str, receiver: str, release: str = "unlock") -> str:
    shown = statement if len(statement) <= 60 else statement[:57] + "..."
    what, take = ("permit", "acquire") if release == "release" else ("lock", "lock")
    return (f"`{shown}` is not followed by a `try` whose `finally` calls `{receiver}.{release}()`: an "
            f"exception or an early return before the `{release}()` further down leaves the {what} held, and "
            f"every later thread that takes it blocks forever. Write `{receiver}.{take}(); try {{ ... }} "
            f"finally {{ {receiver}.{release}(); }}`.")
