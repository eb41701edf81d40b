"""A `catch` that throws a new exception built from the caught one's message, without the caught exception
as its cause (Java, JavaScript/TypeScript).

    } catch (GatewayException e) {
        throw new PaymentFailedException("charge failed: " + e.getMessage());   // e's stack trace is gone
    }

    } catch (err) {
        throw new Error(`charge failed: ${err.message}`);   // the same, without `{ cause: err }`
    }

Reported: `throw new X(...)` inside `catch (T e)` (the innermost catch around it) whose arguments read `e`
(`e.getMessage()`, `e.toString()`, `"..." + e`, `${err.message}`) but never pass `e` itself as an argument (or
as `{ cause: err }`), in a catch that does not log `e` with its trace either (`log.error("...", e)`,
`console.error(err)`), after a `try` that does not just parse text (`JSON.parse`, `new URL`: the message then
says the input is invalid, and the parser's trace adds nothing). Exceptions named for a client error
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
from persona_review.checks.base import FileContext, Hit
from persona_review.lazy_re import lazy_re

_THROW_NEW = lazy_re(r"\bthrow\s+new\s+(?P<type>[A-Za-z_][\w.]*)\s*(?:<[^>]*>)?\s*\(")


def dropped_causes(ctx: FileContext) -> Iterator[Hit]:
    """Each `throw new X(...)` in a named `catch` that reads the caught exception but drops it."""
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
        if not any(_reads_message(arg, name) for arg in args):
            continue
        if any(_passes(arg, name) for arg in args):
            continue
        if _logs_trace(catch, name) or _parses_input(lexed.bare, catch.line):
            continue
        fix = f"`{{ cause: {name} }}`" if ctx.language in ("javascript", "typescript") else f"`{name}`"
        yield Hit(no, None, message=(
            f"`new {thrown.group('type')}(...)` copies `{name}`'s message but not `{name}` itself: its stack "
            f"trace and cause are lost. Pass {fix} as the cause."))


_CLIENT_ERROR = lazy_re(
    r"BadRequest|BadData|UserInput|Unprocessable|Validation|Invalid|IllegalArgument|NumberFormat|Parse|NotFound|Forbidden|"
    r"Unauthori[sz]ed|Authori[sz]|AccessDenied|Authentication|Conflict|Precondition"
)
_STRING = lazy_re(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'')


def _without_strings(text: str) -> str:
    return _STRING.sub('""', text)


def _passes(arg: str, name: str) -> bool:
    """Does the argument carry the exception itself: `e`, `(Throwable) e`, `e.getCause()`, `new Y(e)`,
    `{ cause: err }`, `{ message, error }`? Not when it is only concatenated into a string (`"x: " + e`)."""
    text = " ".join(_TEMPLATE.sub("``", _without_strings(arg)).split())
    own = re.escape(name)
    if re.fullmatch(rf"(?:\(\s*[\w.]+\s*\)\s*)?{own}(?:\.get(?:Root)?Cause\(\))?", text):
        return True
    for found in re.finditer(rf"(?<![\w.$]){own}\b(?!\s*[.(\[])", text):
        before, after = text[:found.start()].rstrip(), text[found.end():].lstrip()
        if not before.endswith("+") and not after.startswith("+"):
            return True
    return False


_TEMPLATE = lazy_re(r"`[^`]*`")


def _reads_message(arg: str, name: str) -> bool:
    """Does the argument copy the exception's text: `e.getMessage()`, `e.toString()`, `err.message`,
    `(err as Error).message`, `${err}`, or `e` concatenated into a string?"""
    own = re.escape(name)
    text = _without_strings(arg)
    return re.search(
        rf"(?<![\w.$]){own}(?:\s+as\s+\w+\s*\))?\??\.(?:message|getMessage|getLocalizedMessage|toString)\b"
        rf"|\$\{{\s*{own}\s*\}}|\+\s*{own}\b(?!\s*[.(\[])|(?<![\w.$]){own}\s*\+",
        text,
    ) is not None


_PARSE = lazy_re(r"\bJSON\.parse\s*\(|\bnew\s+URL\s*\(|\bparse(?:Int|Float)\s*\(")
_PARSE_LOOK_BACK = 3


def _parses_input(bare: dict[int, str], catch_line: int) -> bool:
    """Does the `try` just above the `catch` parse text (`JSON.parse`, `new URL`)? Then the new error
    reports invalid input, and the parser's stack trace adds nothing to its message."""
    return any(_PARSE.search(bare.get(line, "")) for line in range(catch_line - _PARSE_LOOK_BACK, catch_line))


def _logs_trace(catch: Catch, name: str) -> bool:
    body = _without_strings(catch.body)
    logged = (rf"(?:\b\w*(?:log|LOG|Log)\w*|\bconsole)\s*\.\s*\w+\s*\([^;]*(?<![\w.$]){re.escape(name)}\b"
              rf"(?!\s*[.:])")
    return re.search(logged, body) is not None


def _innermost(found: list[Catch], no: int) -> Catch | None:
    holding = [c for c in found if c.line <= no <= c.last]
    return max(holding, key=lambda c: c.line, default=None)
