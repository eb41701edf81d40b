"""Following SQL text built from strings into the variables that hold it and the query calls that run it.

A variable is tainted from the statement that builds SQL into it until it is assigned again, a function
starts, or the known lines have a gap (a hunk boundary: what was built before it may not reach past it).
`scoped_lines` does the forgetting for any language; `sql_string_hits` is the whole check for the C-like
languages (Go, Java, JavaScript/TypeScript), whose builds `_cstyle.sql_builds` finds."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, NamedTuple

from persona_review.checks._lexing import Lexed
from persona_review.checks._spans import Span, bracket_span, lines_of, split_args
from persona_review.checks.base import Hit

if TYPE_CHECKING:
    # Only named in annotations: a Python-only review need not import the C-like languages' helpers.
    from persona_review.checks._cstyle import SqlBuild

Tainted = dict[str, int]
"""Variable -> the line that built the SQL it holds."""


class QueryCall(NamedTuple):
    """A call that runs a query, found on line `line`."""

    line: int
    before: str
    """The bare view of the line before the call's name (its receiver, if on the same line)."""
    span: Span
    """From the call's opening bracket to its match."""
    args: list[str]
    """Top-level arguments (code view), at least one."""


StatementHook = Callable[[int, str, Tainted], Hit | None]
"""Looks at a statement that builds no SQL (line, bare view): may taint or forget names, or report it."""
QueryJudge = Callable[[QueryCall, Mapping[str, int]], Hit | None]
"""Decides whether a query call (with at least one argument) runs built SQL."""


def scoped_lines(
    lexed: Lexed, function_start: Callable[[str], object], tainted: Tainted
) -> Iterator[tuple[int, str, str]]:
    """`lines_of(lexed)`, emptying `tainted` before each line that starts a function (`function_start` of its
    bare view is truthy) or follows a gap in the known lines."""
    previous = -2
    for no, code, bare in lines_of(lexed):
        if function_start(bare) or no != previous + 1:
            tainted.clear()
        previous = no
        yield no, code, bare


def forget_assigned(name_of: Callable[[str], str | None]) -> StatementHook:
    """A statement hook that forgets the variable a plain assignment (`name_of` of the bare view) gives a new
    value."""

    def hook(_no: int, bare: str, tainted: Tainted) -> Hit | None:
        name = name_of(bare)
        if name is not None:
            tainted.pop(name, None)
        return None

    return hook


def sql_string_hits(
    lexed: Lexed,
    builds: Iterable[SqlBuild],
    *,
    function_start: Callable[[str], object],
    statement: StatementHook,
    query_call: re.Pattern[str],
    judge: QueryJudge,
) -> Iterator[Hit]:
    """Hits for SQL built from strings: each build, then each line whose first `query_call` judged to run
    built SQL (a tainted variable or a string assembled in the call itself). Lines that build SQL are
    reported once, as builds; other statements go to `statement` before their query calls are judged. A
    loose build (lowercase keywords only) is not reported itself: it only taints its variable."""
    built = {b.line: b for b in builds}
    tainted: Tainted = {}
    out: list[Hit] = []
    reported: dict[int, int] = {}  # a reported build's line -> its place in `out`
    for no, _code, bare in scoped_lines(lexed, function_start, tainted):
        build = built.get(no)
        if build is not None:
            if build.variable:
                tainted[build.variable] = no
            if not build.loose:
                reported[no] = len(out)
                out.append(Hit(no, build.last))
            continue
        hit = statement(no, bare, tainted)
        call: QueryCall | None = None
        if hit is None and "(" in bare:
            hit, call = _first_query_hit(lexed, no, bare, tainted, query_call=query_call, judge=judge)
        if hit is None:
            continue
        at = _run_of_reported_build(lexed, call, tainted, reported)
        if at is None:
            out.append(hit)
        else:  # the text reported where it was built: one problem, stretched to the call when near
            found = out[at]
            if no - found.line <= RUN_NEAR and all(n in lexed.bare for n in range(found.line, no + 1)):
                out[at] = Hit(found.line, max(found.end_line or found.line, no))
    yield from out


RUN_NEAR = 6
"""How far below the line building a query's text the call running it may be for one finding to span both
(a comment over a few lines shows where the text is built and where it runs); further apart, the building
line alone is reported: that is where the fix goes."""


def _run_of_reported_build(
    lexed: Lexed, call: QueryCall | None, tainted: Tainted, reported: dict[int, int]
) -> int | None:
    """The place in the hits of the reported build whose variable the query call is given as a whole
    argument (`db.Query(q, args...)` after `q := fmt.Sprintf(...)`), if it is one."""
    if call is None:
        return None
    for arg in call.args:
        line = tainted.get(arg.strip())
        if line is not None and line in reported:
            return reported[line]
    return None


def _first_query_hit(
    lexed: Lexed, no: int, bare: str, tainted: Tainted, *, query_call: re.Pattern[str], judge: QueryJudge
) -> tuple[Hit | None, QueryCall | None]:
    for match in query_call.finditer(bare):
        span = bracket_span(lexed, no, match.end() - 1)
        args = split_args(span)
        if not args:
            continue
        call = QueryCall(no, bare[: match.start()], span, args)
        hit = judge(call, tainted)
        if hit is not None:
            return hit, call
    return None, None
