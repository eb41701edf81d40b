"""Java: a `catch` that throws a new exception built from the caught one's message, without the caught
exception as its cause.

    } catch (GatewayException e) {
        throw new PaymentFailedException("charge failed: " + e.getMessage());   // e's stack trace is gone
    }

Reported: `throw new X(...)` inside `catch (T e)` (the innermost catch around it) whose arguments read `e`
(`e.getMessage()`, `e.toString()`, `"..." + e`) but never pass `e` itself as an argument, in a catch that
does not log `e` with its trace either (`log.error("...", e)`). Exceptions named for a client error
(`BadRequestException`, `...ValidationException`, `IllegalArgumentException`, `ParseException`) are left
alone: a sweep of mature projects showed them turning a parse failure of the input into a 4xx, where the
parser's stack trace says nothing the message does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._catch import Catch, catches
from persona_review.checks._lexing import lex
from persona_review.checks._spans import bracket_span, split_args
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_THROW_NEW = lazy_re(r"\bthrow\s+new\s+(?P<type>[A-Za-z_][\w.]*)\s*(?:<[^>]*>)?\s*\(")


@register(
    CheckSpec(
        id="JAVA-EXCEPTION-CAUSE-DROPPED",
        checklist_item="ERR-01",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="Rethrown exception drops the original as its cause",
        explanation=(
            "The new exception copies the caught one's message but not the exception itself, so its stack "
            "trace and cause chain (which call failed, and why, down to the driver or socket error) are "
            "lost: the log shows only where it was rethrown. Pass the caught exception as the cause: "
            '`throw new X("...", e)` (add that constructor if the class lacks it).'
        ),
    ),
    needs=("catch",),
)
def exception_cause_dropped(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    found = [c for c in catches(lexed) if c.name]
    if not found:
        return
    for no, bare in sorted(lexed.bare.items()):
        if "throw" not in bare:
            continue
        thrown = _THROW_NEW.search(bare)
        if thrown is None:
            continue
        if _CLIENT_ERROR.search(thrown.group("type")):
            continue
        catch = _innermost(found, no)
        if catch is None or catch.name is None:
            continue
        name = catch.name
        args = split_args(bracket_span(lexed, no, thrown.end() - 1))
        mention = re.compile(rf"(?<![\w.]){re.escape(name)}\b")
        if not any(mention.search(_without_strings(arg)) for arg in args):
            continue
        if any(_passes(arg, name) for arg in args):
            continue
        if _logs_trace(catch, name):
            continue
        yield Hit(no, None, message=(
            f"`new {thrown.group('type')}(...)` copies `{name}`'s message but not `{name}` itself: its stack "
            f"trace and cause are lost. Pass `{name}` as the cause."))


_CLIENT_ERROR = lazy_re(
    r"BadRequest|Unprocessable|Validation|Invalid|IllegalArgument|NumberFormat|Parse|NotFound|Forbidden|"
    r"Unauthori[sz]ed|Authori[sz]|AccessDenied|Authentication|Conflict|Precondition"
)
_STRING = lazy_re(r'"(?:\\.|[^"\\])*"')


def _without_strings(text: str) -> str:
    return _STRING.sub('""', text)


def _passes(arg: str, name: str) -> bool:
    """Is the argument the exception itself (`e`, `(Throwable) e`, `e.getCause()`, `new Y(e)`)?"""
    text = " ".join(_without_strings(arg).split())
    if re.fullmatch(rf"(?:\(\s*[\w.]+\s*\)\s*)?{re.escape(name)}(?:\.get(?:Root)?Cause\(\))?", text):
        return True
    return re.search(rf"\(\s*(?:[^()]*,\s*)?{re.escape(name)}\s*\)", text) is not None


def _logs_trace(catch: Catch, name: str) -> bool:
    body = _without_strings(catch.body)
    logged = rf"\b\w*(?:log|LOG|Log)\w*\s*\.\s*\w+\s*\([^;]*,\s*{re.escape(name)}\s*\)"
    return re.search(logged, body) is not None


def _innermost(found: list[Catch], no: int) -> Catch | None:
    holding = [c for c in found if c.line <= no <= c.last]
    return max(holding, key=lambda c: c.line, default=None)
