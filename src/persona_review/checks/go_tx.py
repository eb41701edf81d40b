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
the usual guard is `defer tx.Rollback()` right after `Begin` (a no-op once committed). Reported (from the
`Begin` to the `return`): `tx, err := x.Begin(...)`/`BeginTx(...)`/`Beginx(...)`, or GORM's and sqlx's
single-valued `tx := db.Begin()`/`db.MustBegin()`, in a function known whole
that defers no `tx.Rollback`, hands `tx` to no other function (a helper may end it) and returns, somewhere
between the line after `Begin`'s own error check and `tx.Commit()`, while `tx` is open: with no
`tx.Rollback` above that `return` in its block (error paths that roll back by hand are fine; the one
that forgets is not). The finding spans from `Begin` to that `return` when they are close.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._go_funcs import enclosing_functions, in_deferred_func
from persona_review.checks._lexing import lex
from persona_review.checks._spans import indent_of, reaches
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_BEGIN = lazy_re(
    r"^\s*(?P<tx>[A-Za-z_]\w*)\s*,\s*(?P<err>\w+)\s*:?=\s*(?P<call>[\w.()]*\.(?:Begin|BeginTx|Beginx|BeginTxx|MustBegin))\s*\("
)
# GORM's `tx := db.Begin()` (a `*gorm.DB` whose failure is `tx.Error`) and sqlx's `tx := db.MustBegin()`
# return the transaction alone.
_BEGIN_SINGLE = lazy_re(
    r"^\s*(?P<tx>[A-Za-z_]\w*)\s*:?=\s*(?P<call>[\w.()]*\.(?:Begin|MustBegin))\s*\(\s*\)\s*$"
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
        begun = _BEGIN.match(bare) or _BEGIN_SINGLE.match(bare)
        if begun is None:
            continue
        enclosing = enclosing_functions(ctx, no)
        if not enclosing:
            continue  # the function is not known whole
        func = enclosing[0]
        tx = re.escape(begun.group("tx"))
        body = [(line, lexed.bare.get(line, "")) for line in range(no + 1, func.last + 1)]
        rollback = re.compile(rf"(?<![\w.]){tx}\.Rollback\s*\(")
        rollbacks = [index for index, (_line, text) in enumerate(body) if rollback.search(text)]
        if any(_DEFER.match(text) or in_deferred_func(lexed, line)
               for line, text in (body[index] for index in rollbacks)):
            continue  # `defer tx.Rollback()`, or a deferred closure that rolls back: every path is covered
        handed = re.compile(rf"[(,]\s*{tx}\s*[,)]|=\s*{tx}\s*$")
        if any(handed.search(text) for _line, text in body):
            continue  # handed on: whoever gets it may end it
        commit = next((line for line, text in body if re.search(rf"(?<![\w.]){tx}\.Commit\s*\(", text)), None)
        if commit is None:
            continue
        err = begun.groupdict().get("err") or f"{begun.group('tx')}.Error"
        checked = _own_error_check(body, err)
        commits = re.compile(rf"(?<![\w.]){tx}\.Commit\s*\(")
        early = next(
            (line for index, (line, text) in enumerate(body)
             if checked < line < commit and _RETURN.search(text) and not commits.search(text)
             and not (rollbacks and _rolled_back_before(body, index, rollback))),
            None,
        )
        if early is not None:
            # From `Begin` to the `return` that leaves it open, when both fit in one short range and
            # `Begin` is the change's own; else on `Begin`, or on the `return` when only it is changed.
            if no in ctx.added:
                line, end = no, (early if reaches(ctx, no, early) else None)
            else:
                line, end = early, None
            yield Hit(line, end, message=(
                f"`{begun.group('tx')}` from `{begun.group('call')}` is not rolled back on every path: the "
                f"`return` on line {early} leaves it open, holding its connection and locks."))



def _own_error_check(body: list[tuple[int, str]], err: str = "err") -> int:
    """The last line of `Begin`'s own `if err != nil { return ... }` (whose `return` precedes a usable
    transaction), or the line before the body when there is none."""
    for index, (line, text) in enumerate(body[:3]):
        if re.match(rf"^\s*if\s+(?:err|{re.escape(err)})\s*!=\s*nil\s*(?:\{{|$)", text):
            for later, later_text in body[index:index + 6]:
                if later_text.strip().startswith("}"):
                    return later
            return line
    return body[0][0] - 1 if body else 0


_DEFER = lazy_re(r"^\s*defer\b")
_LOOK_BACK = 8
"""How many lines above a `return` (within its block) a `Rollback` on the same path is looked for."""


def _rolled_back_before(body: list[tuple[int, str]], index: int, rollback: re.Pattern[str]) -> bool:
    """Does the `return` at `body[index]` follow a `Rollback` on its own path: a line above it in its block,
    or the block's opening line (`if err := tx.Rollback(); err != nil {`)?"""
    if rollback.search(body[index][1]):
        return True  # `return errors.Join(err, tx.Rollback())`
    depth = indent_of(body[index][1])
    for _line, text in reversed(body[max(0, index - _LOOK_BACK):index]):
        if not text.strip():
            continue
        if rollback.search(text):
            return True
        if indent_of(text) < depth:
            return False
    return False
