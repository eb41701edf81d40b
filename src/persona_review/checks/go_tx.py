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
`Begin`'s own error check and `tx.Commit()`, while `tx` is open: no `defer tx.Rollback()` (or deferred
closure that rolls back), and no `tx.Rollback()` earlier in the returning block. The finding spans from
`Begin` to that `return` when they are close.
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
        rollback = re.compile(rf"(?<![\w.]){tx}\.Rollback\s*\(")
        if any(rollback.search(text) and _DEFERRED.match(text) for _line, text in body):
            continue  # `defer tx.Rollback()`: every path is covered
        if any(_DEFERRED.match(text) and _in_deferred_rollback(body, line, rollback) for line, text in body):
            continue  # a deferred closure that rolls back
        handed = re.compile(rf"[(,]\s*{tx}\s*[,)]|=\s*{tx}\s*$")
        if any(handed.search(text) for _line, text in body):
            continue  # handed on: whoever gets it may end it
        commit = next((line for line, text in body if re.search(rf"(?<![\w.]){tx}\.Commit\s*\(", text)), None)
        if commit is None:
            continue
        checked = _own_error_check(body)
        texts = dict(body)
        early = next(
            (line for line, text in body if checked < line < commit and _RETURN.search(text)
             and not re.search(rf"(?<![\w.]){tx}\.Commit\s*\(", text)
             and not _rolled_back_before(texts, line, rollback)),
            None,
        )
        if early is not None:
            # From `Begin` to the `return` that leaves it open, when both fit in one short range and
            # `Begin` is the change's own; else on `Begin`, or on the `return` when only it is changed.
            if no in ctx.added:
                line, end = no, (early if early - no <= _SPAN else None)
            else:
                line, end = early, None
            yield Hit(line, end, message=(
                f"`{begun.group('tx')}` from `{begun.group('call')}` is not rolled back on every path: the "
                f"`return` on line {early} leaves it open, holding its connection and locks."))


_DEFERRED = lazy_re(r"^\s*defer\b")
_SPAN = 10
"""Lines a finding may span from `Begin` to the early `return` (beyond it, it stays on `Begin`)."""


def _in_deferred_rollback(body: list[tuple[int, str]], line: int, rollback: re.Pattern[str]) -> bool:
    """Whether a `defer func() {` on `line` rolls the transaction back in its body (the next few lines)."""
    texts = [text for at, text in body if line <= at < line + 8]
    return bool(texts) and "func" in texts[0] and any(rollback.search(text) for text in texts)


def _rolled_back_before(texts: dict[int, str], line: int, rollback: re.Pattern[str]) -> bool:
    """Whether the `return` on `line` rolls back itself, or its block does before it: a `tx.Rollback()`
    above it at its own indentation, with no line indented less in between (the block's start ends the
    search)."""
    if rollback.search(texts[line]):
        return True  # `return errors.Join(err, tx.Rollback())`
    indent = _indent(texts[line])
    for above in range(line - 1, min(texts, default=line) - 1, -1):
        text = texts.get(above, "")
        if not text.strip():
            continue
        if _indent(text) < indent:
            return False
        if _indent(text) == indent and rollback.search(text):
            return True
    return False


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


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
