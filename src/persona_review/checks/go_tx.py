"""Go: a database transaction that an early `return` leaves open.

    tx, err := db.BeginTx(ctx, nil)
    if err != nil {
        return err
    }
    if _, err := tx.ExecContext(ctx, debit, id); err != nil {
        return err          // tx stays open: its connection (and its row locks) are held until it is GC'd
    }
    return tx.Commit()

A `*sql.Tx` holds one pooled connection, and the locks its statements took, until `Commit` or `Rollback`;
the usual guard is `defer tx.Rollback()` right after `Begin` (a no-op once committed). Reported: `tx, err
:= x.Begin(...)`/`BeginTx(...)`/`Beginx(...)` in a function known whole that never calls `tx.Rollback`,
hands `tx` to no other function (a helper may end it) and returns, somewhere between the line after
`Begin`'s own error check and `tx.Commit()`, while `tx` is open.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._go_funcs import enclosing_functions
from persona_review.checks._lexing import lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_BEGIN = lazy_re(
    r"^\s*(?P<tx>[A-Za-z_]\w*)\s*,\s*(?:err|_|\w+)\s*:?=\s*(?P<call>[\w.()]*\.(?:Begin|BeginTx|Beginx|BeginTxx|MustBegin))\s*\("
)
_RETURN = lazy_re(r"(?:^\s*|[{;]\s*)return\b")


@register(
    CheckSpec(
        id="GO-TX-NO-ROLLBACK",
        checklist_item="ERR-06",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="Transaction left open on an early return (no Rollback)",
        explanation=(
            "A `*sql.Tx` holds a pooled connection, and every lock its statements took, until `Commit` or "
            "`Rollback`. An error path that returns without rolling back leaves both held: under load the "
            "pool runs dry and other requests wait on the locks. Add `defer tx.Rollback()` right after the "
            "`Begin` error check (after `Commit` it does nothing)."
        ),
    ),
    needs=("Begin",),
)
def tx_no_rollback(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, bare in sorted(lexed.bare.items()):
        if "Begin" not in bare:
            continue
        begun = _BEGIN.match(bare)
        if begun is None:
            continue
        enclosing = enclosing_functions(ctx, no)
        if not enclosing:
            continue  # the function is not known whole
        func = enclosing[0]
        tx = re.escape(begun.group("tx"))
        body = [(line, lexed.bare.get(line, "")) for line in range(no + 1, func.last + 1)]
        handed = re.compile(rf"[(,]\s*{tx}\s*[,)]|=\s*{tx}\s*$")
        if any(handed.search(text) for _line, text in body):
            continue  # handed on: whoever gets it may end it
        rollback = re.compile(rf"(?<![\w.]){tx}\.Rollback\s*\(")
        rolled = [index for index, (_line, text) in enumerate(body) if rollback.search(text)]
        if rolled:
            if not _deferred(body, rolled):
                yield from _unguarded_returns(body, rolled, begun.group("tx"), tx)
            continue
        commit = next((line for line, text in body if re.search(rf"(?<![\w.]){tx}\.Commit\s*\(", text)), None)
        if commit is None:
            continue
        checked = _own_error_check(body)
        early = next(
            (line for line, text in body if checked < line < commit and _RETURN.search(text)
             and not re.search(rf"(?<![\w.]){tx}\.Commit\s*\(", text)),
            None,
        )
        if early is not None:
            yield Hit(no, message=(
                f"`{begun.group('tx')}` from `{begun.group('call')}` is never rolled back: the `return` on "
                f"line {early} leaves it open, holding its connection and locks."))


def _own_error_check(body: list[tuple[int, str]]) -> int:
    """The last line of `Begin`'s own `if err != nil { return ... }` (whose `return` precedes a usable
    transaction), or the line before the body when there is none."""
    for index, (line, text) in enumerate(body[:3]):
        if re.match(r"^\s*if\s+err\s*!=\s*nil\s*\{", text):
            for later, later_text in body[index:index + 6]:
                if later_text.strip().startswith("}"):
                    return later
            return line
    return body[0][0] - 1 if body else 0


def _deferred(body: list[tuple[int, str]], rolled: list[int]) -> bool:
    """Is one of the rollbacks deferred: `defer tx.Rollback()`, or inside a `defer func() {` opened at most
    five lines above it?"""
    for index in rolled:
        if re.match(r"^\s*defer\b", body[index][1]):
            return True
        if any(re.match(r"^\s*defer\s+func\s*\(", text) for _line, text in body[max(0, index - 5):index]):
            return True
    return False


def _unguarded_returns(body: list[tuple[int, str]], rolled: list[int], name: str, tx: str) -> Iterator[Hit]:
    """With rollbacks written out on some error paths (none deferred), the early returns before `Commit`
    that have none: the code rolls back on some failures and leaves the transaction open on these."""
    committed = re.compile(rf"(?<![\w.]){tx}\.Commit\s*\(")
    commit = next((i for i, (_line, text) in enumerate(body) if committed.search(text)), None)
    if commit is None:
        return
    checked = _own_error_check(body)
    for index in range(commit):
        line, text = body[index]
        if line <= checked or not _RETURN.search(text) or index in rolled:
            continue
        indent = len(text) - len(text.lstrip())
        guarded = False
        for earlier in range(index - 1, max(-1, index - 4), -1):
            previous = body[earlier][1]
            if previous.strip() and len(previous) - len(previous.lstrip()) < indent:
                guarded = earlier in rolled  # `if err := tx.Rollback(); err != nil {` opens the block
                break
            if earlier in rolled:
                guarded = True
                break
        if not guarded:
            yield Hit(line, message=(
                f"This `return` leaves `{name}` open: other error paths call `{name}.Rollback()`, this one "
                "does not, so its connection and locks stay held."))
