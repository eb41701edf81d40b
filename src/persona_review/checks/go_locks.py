"""Go mutexes left locked by an early return: `mu.Lock()`, a `return` on some branch, and the function's own
`mu.Unlock()` further down that this branch never reaches. The next caller blocks on the mutex forever.

Read on brace blocks (`_blocks`): the lock statement, the later unlock in the same block (the function
releases the lock itself, so it is not handing it to its caller), and each `return` in between, in that
block or nested in it, that no unlock on its own path precedes. An unlock counts for a return when it sits
in the return's block or one around it, between the lock and the return; one in a sibling branch does not.
A `defer` unlock anywhere in the function, a return inside a function literal, and a function not known
entire give no finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from persona_review.checks._blocks import Block, Blocks, blocks_of
from persona_review.checks._go_funcs import functions
from persona_review.checks._lexing import lex
from persona_review.checks._spans import reaches
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_LOCK = lazy_re(r"^\s*(?P<mutex>[A-Za-z_][\w.]*(?:\[[^\]\n]*\])?)\.(?P<kind>R?Lock)\(\)\s*;?\s*$")
_RETURN = lazy_re(r"^\s*(?:\}\s*else\s*\{\s*)?return\b")


def _unlock_pattern(mutex: str, kind: str) -> re.Pattern[str]:
    release = "RUnlock" if kind == "RLock" else "Unlock"
    return re.compile(rf"(?<![\w.]){re.escape(mutex)}\.{release}\(\)")


@register(
    CheckSpec(
        id="GO-LOCK-HELD-ON-RETURN",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="Early return with the mutex still locked",
        explanation=(
            "This return leaves the function between `Lock()` and the `Unlock()` further down, so the mutex "
            "stays locked: the next goroutine that locks it blocks forever, and requests pile up behind it "
            "until the service stops answering. Unlock before returning, or take the lock with "
            "`mu.Lock(); defer mu.Unlock()` (or move the locked part into its own function that does)."
        ),
    ),
    needs=("Lock()",),
)
def lock_held_on_return(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    funcs = functions(ctx)
    # Each known line under the innermost function holding it, in one pass over the file.
    by_function: dict[int, list[int]] = {}
    for no in sorted(lexed.bare):
        brace = _function_of(blocks, no, funcs)
        if brace is not None and funcs[brace].first < no < funcs[brace].last:
            by_function.setdefault(brace, []).append(no)
    for own in by_function.values():
        texts = {no: lexed.bare.get(no, "") for no in own}
        if not any("Lock()" in t for t in texts.values()):
            continue
        for no in own:
            lock = _LOCK.match(texts[no])
            if lock is None:
                continue
            mutex, kind = lock.group("mutex"), lock.group("kind")
            unlock = _unlock_pattern(mutex, kind)
            if any(unlock.search(t) and re.match(r"^\s*defer\b", t) for t in texts.values()):
                continue
            for index, hit in enumerate(_early_returns(blocks, own, texts, no, unlock=unlock, mutex=mutex)):
                message = _message(lexed.code.get(hit.line, "").strip(), mutex)
                if index == 0 and reaches(ctx, no, hit.line):
                    yield Hit(no, hit.line, message)  # the lock and the first return that leaves it held
                else:
                    yield Hit(hit.line, None, message)



def _function_of(blocks: Blocks, line: int, funcs: Mapping[int, object]) -> int | None:
    """The brace id of the innermost function whose body holds `line`."""
    brace = blocks.owner.get(line)
    while brace is not None:
        if brace in funcs:
            return brace
        brace = blocks.parent.get(brace)
    return None



def _early_returns(blocks: Blocks, own: list[int], texts: dict[int, str], lock_line: int, *,
                   unlock: re.Pattern[str], mutex: str) -> Iterator[Hit]:
    home = blocks.owner.get(lock_line)
    if home is None:
        return
    block: Block | None = blocks.blocks.get(home)
    if block is None:
        return
    after = [no for no in own if lock_line < no < block.last]
    release = next((no for no in after if unlock.search(texts[no]) and blocks.owner.get(no) == home), None)
    if release is None:
        return  # never released in this block: the lock is handed on (or released by a caller)
    for no in after:
        if no >= release:
            break
        again = _LOCK.match(texts[no])
        if again is not None and again.group("mutex") == mutex:
            return  # locked again before the release: a pattern this reading does not follow
        if not _RETURN.match(texts[no]):
            continue
        chain = blocks.open_at(no)
        if home not in chain:
            continue
        path = set(chain[: chain.index(home) + 1])
        released = any(unlock.search(texts[u]) and blocks.owner.get(u) in path for u in after if u < no)
        if not released:
            yield Hit(no)


def _message(statement: str, mutex: str) -> str:
    shown = statement if len(statement) <= 60 else statement[:57] + "..."
    return (f"`{shown}` leaves the function with `{mutex}` locked: the `Unlock()` further down never runs "
            "on this path, so the next goroutine that locks it blocks forever and requests pile up behind it "
            f"until the service stops answering. Call `{mutex}.Unlock()` before returning, or lock with "
            f"`{mutex}.Lock(); defer {mutex}.Unlock()`.")
