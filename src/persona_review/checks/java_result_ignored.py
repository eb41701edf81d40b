"""Java: the `false` a helper answers for a failure, dropped by its caller.

A method of the file that returns `boolean` and answers `false` from a `catch` says "it failed" by value,
not by exception:

    private boolean reserveStock(Order order) {
        try { ...; return true; }
        catch (DataAccessException e) { log.warn("reservation failed", e); return false; }
    }

    public Order checkout(long cartId) {
        Order order = orders.createFromCart(cartId);
        reserveStock(order);                  // the failure is dropped: the order is charged without stock
        ...

Reported, on the call: a call of such a method as a statement of its own, its answer not assigned,
tested, returned or passed on. A method whose name says the answer may be ignored (`try*`, `*Quietly`,
`*IfPossible`, `bestEffort*`) is left alone, and so are tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._catch import catches
from persona_review.checks._java_code import JAVA_TEST_PATH
from persona_review.checks._java_methods import method_block
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import bracket_span, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.java_spring_tx import declaration_of, signature_of
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_RETURN_FALSE = lazy_re(r"\breturn\s+(?:Boolean\.FALSE|false)\s*;")
_BOOLEAN_METHOD = lazy_re(r"\b(?:boolean|Boolean)\s+([A-Za-z_$][\w$]*)\s*\(")
_IGNORABLE = lazy_re(r"^try[A-Z]|Quietly$|IfPossible$|^bestEffort")
_CALL = lazy_re(r"^\s*(?:this\s*\.\s*)?([A-Za-z_$][\w$]*)\s*\(")


def _failing_helpers(ctx: FileContext, lexed: Lexed) -> dict[str, int]:
    """Boolean methods of the file that answer false from a catch -> the line of that catch."""
    helpers: dict[str, int] = {}
    for clause in catches(lexed):
        if not clause.complete or "return" not in clause.body or not _RETURN_FALSE.search(clause.body):
            continue
        method = method_block(ctx, clause.line)
        if method is None:
            continue
        found = _BOOLEAN_METHOD.search(signature_of(declaration_of(lexed, method)))
        if found is not None and not _IGNORABLE.search(found.group(1)):
            helpers.setdefault(found.group(1), clause.line)
    return helpers


@register(
    CheckSpec(
        id="JAVA-FAILURE-RESULT-IGNORED",
        checklist_item="ERR-02",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="A helper's `false` for a failure is dropped by its caller",
        explanation=(
            "The method catches its failure and answers `false` instead of throwing, so the caller is the "
            "only one who can act on it; called as a bare statement, the failure is dropped and the work "
            "after it goes on as if the step had succeeded (an order charged without stock reserved, a "
            "write reported done that never happened). Test the answer and stop (throw, roll back, answer "
            "an error), or let the helper throw."
        ),
    ),
    needs=("return false", "Boolean.FALSE"),
)
def failure_result_ignored(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    helpers = _failing_helpers(ctx, lexed)
    if not helpers:
        return
    for no, _code, bare in lines_of(lexed):
        if "(" not in bare or not any(name in bare for name in helpers):
            continue
        call = _CALL.match(bare)
        if call is None or call.group(1) not in helpers:
            continue
        span = bracket_span(lexed, no, call.end() - 1)
        if not span.closed:
            continue
        after = lexed.bare.get(span.last, "")[len(span.bare.rsplit("\n", 1)[-1]) :] if span.last != no else (
            bare[call.end() - 1 + len(span.bare) :]
        )
        if not re.match(r"\s*;", after):
            continue  # chained, or part of an expression
        name = call.group(1)
        yield Hit(no, message=(
            f"`{name}(...)` answers `false` when it fails (its catch on line {helpers[name]}), and this call "
            "drops the answer: the code below runs as if it had worked. Test it and stop on `false`, or "
            "let the helper throw."))
