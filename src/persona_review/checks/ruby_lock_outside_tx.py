"""Rails: a row lock (`lock!`, `Model.lock.find`) taken outside a transaction.

    def redeem!(code)
      voucher = Voucher.lock.find_by!(code: code)     # SELECT ... FOR UPDATE, in autocommit
      raise Exhausted if voucher.used >= voucher.limit
      voucher.update!(used: voucher.used + 1)
    end

Outside a transaction each statement commits on its own, so the `FOR UPDATE` lock ends as soon as the
`SELECT` returns: two requests read the same `used` and both write it (a voucher redeemed past its limit,
a balance debited twice). The lock only holds until the end of a transaction: `Voucher.transaction do ...
end` around the read and the write, or `voucher.with_lock do ... end`.

Reported, on the locking line: `x.lock!`, or a query chain with `.lock` / `.lock(...)` that loads records
(`find`, `find_by`, `first`, `take`, `last`, ...) in a method known from its `def`, with no enclosing
`transaction do`/`with_lock do` block, when the same method writes (`save`, `update`, `increment!`,
`destroy`, ...) below it. Left alone: `lock!` on a mutex (`lock.lock!`, `mutex.lock!`), and a method that
also holds a mutex or advisory lock (a Redis mutex around the work protects it; the row lock is only
redundant there).
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import enclosing_headers, indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_LOCK = lazy_re(
    r"\.lock!|&:lock!|\.lock(?:\s*\([^()]*\))?\s*\.\s*(?:\w+\s*(?:\([^()]*\))?\s*\.\s*)*"
    r"(?:find|find_by!?|first!?|last!?|take!?|find_each|each|to_a|pluck|find_sole_by|sole)\b"
)
_TRANSACTION = lazy_re(r"\b(?:transaction|with_lock|lock_and_process)\b")
_DEF = lazy_re(r"^\s*def\s+")
_MUTEX_RECEIVER = lazy_re(r"(?i)(?:lock|mutex|semaphore|lease)\s*(?:&)?\.lock!")
_OTHER_LOCK = lazy_re(
    r"(?i)mutex|redlock|semaphore|lock_manager|\.synchronize\b|\b\w*lock\w*\.(?:lock!?|acquire|try_lock)\b"
    r"|\badvisory_lock\b|\bwith_advisory_lock\b"
)
_WRITE = lazy_re(
    r"\.(?:save!?|update!?|update_columns?|update_all|increment!|decrement!|toggle!|destroy!?|delete)\b"
)


@register(
    CheckSpec(
        id="RB-LOCK-OUTSIDE-TX",
        checklist_item="DATA-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"ruby"}),
        title="Row lock taken outside a transaction: released as soon as it is taken",
        explanation=(
            "`lock!` and `.lock.find` issue `SELECT ... FOR UPDATE`; outside a transaction that statement "
            "commits on its own and the lock ends at once, so concurrent requests read the same row and both "
            "write it. Take the lock inside `Model.transaction do ... end` with the write, or use "
            "`record.with_lock do ... end`."
        ),
    ),
    needs=(".lock", ":lock!"),
)
def lock_outside_tx(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no in sorted(ctx.added):
        bare = lexed.bare.get(no, "")
        if "lock" not in bare:
            continue
        found = _LOCK.search(bare)
        if found is None or _TRANSACTION.search(bare) or _MUTEX_RECEIVER.search(bare):
            continue  # `lock.lock!` on a Redis mutex is no row lock
        method = _method_outside_tx(lexed, no)
        if method is None or not _writes_after(lexed, method, no) or _holds_other_lock(lexed, method):
            continue
        yield Hit(no, message=(
            f"`{found.group().strip()}` takes a row lock outside any transaction (no `transaction do` or "
            f"`with_lock` around it in the method on line {method}): the `SELECT ... FOR UPDATE` commits on "
            "its own and the lock is gone before the write below, so concurrent requests both write. Wrap "
            "the read and the write in `transaction do ... end`, or use `with_lock do ... end`."
        ))


def _method_outside_tx(lexed: Lexed, no: int) -> int | None:
    """The `def` line of the method around `no` when no transaction block encloses `no` in it."""
    for header, text in enclosing_headers(lexed, no):
        if _TRANSACTION.search(text):
            return None
        if _DEF.match(text):
            return header
    return None


def _holds_other_lock(lexed: Lexed, method: int) -> bool:
    """Does the method take a mutex or advisory lock (so the row lock is redundant, not the protection)?"""
    base = indent_of(lexed.bare[method])
    no = method + 1
    while no in lexed.bare:
        text = lexed.bare[no]
        if text.strip() and indent_of(text) <= base:
            return False
        if _OTHER_LOCK.search(text):
            return True
        no += 1
    return False


def _writes_after(lexed: Lexed, method: int, after: int) -> bool:
    """Does the method whose `def` is on `method` write a record below line `after` (before its `end`)?"""
    base = indent_of(lexed.bare[method])
    no = after + 1
    while no in lexed.bare:
        text = lexed.bare[no]
        if text.strip():
            if indent_of(text) <= base:
                return False
            if _WRITE.search(text):
                return True
        no += 1
    return False
