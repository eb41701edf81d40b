"""JavaScript/TypeScript: `Promise.allSettled` whose rejections nobody reads.

    await Promise.allSettled(users.map((u) => mailer.send(u)));      // every failed send dropped

    const results = await Promise.allSettled(jobs.map(run));
    return results.map((r) => r.value);                             // a rejection becomes `undefined`

`allSettled` never rejects: each failure is an item `{ status: 'rejected', reason }` of its result. Reported:
the awaited call as a statement, or assigned to a name (or destructured) when nothing in the rest of the
enclosing block (known to its end) reads `status` or `reason`, compares with `'rejected'`/`'fulfilled'`, or
returns or passes the result on (other than to `console`/a logger). Quiet when the settled promises catch
their own failures (a `catch` inside the call).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import after_span, bracket_span, indent_of, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_SETTLED = lazy_re(
    r"^\s*(?:(?:const|let|var)\s+(?P<names>[A-Za-z_$][\w$]*|\[[^\]]*\])\s*(?::[^=]+)?=\s*)?"
    r"await\s+Promise\.allSettled\s*\("
)
_READS_OUTCOME = lazy_re(r"\b(?:status|reason|rejected|fulfilled)\b")
"""A line that looks at how a promise settled (in the code view: `'rejected'` is a string)."""
_CATCHES = lazy_re(r"\bcatch\b")
_LOGGER = lazy_re(r"^(?:console|log|logger|this\.logger|this\.log)\.")


@register(
    CheckSpec(
        id="JS-ALLSETTLED-UNCHECKED",
        checklist_item="ERR-08",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"javascript", "typescript"}),
        title="`Promise.allSettled` result never checked for rejections",
        explanation=(
            "`Promise.allSettled` never rejects: each failure comes back as `{ status: 'rejected', reason }` "
            "in its result. Nothing here reads it, so every failure is silently dropped (or read as an "
            "`undefined` value). Check each result's `status` and log, retry or report the `reason`s, or use "
            "`Promise.all` so the first failure throws."
        ),
    ),
    needs=("allSettled",),
)
def all_settled_unchecked(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "allSettled" not in bare:
            continue
        match = _SETTLED.match(bare)
        if match is None:
            continue
        span = bracket_span(lexed, no, match.end() - 1)
        if not span.closed:
            continue
        if after_span(lexed, span, match.end() - 1).strip(" ;"):
            continue  # chained on (`.then(...)`) or part of a larger expression
        if _CATCHES.search(span.bare):
            continue  # each promise handles its own failure: allSettled only waits
        names = match.group("names")
        if names is None:
            yield Hit(no, span.last, severity=Severity.MEDIUM, message=(
                f"The result of `Promise.allSettled({_head(span.code)})` is thrown away, and with it every "
                f"rejection: a failed promise goes unnoticed."))
            continue
        rest = _rest_of_block(lexed, no, span.last)
        if rest is None or not _ignored(rest, re.findall(r"[A-Za-z_$][\w$]*", names)):
            continue
        yield Hit(no, span.last, message=(
            f"Nothing after this reads the `status` or `reason` of `{names}`: the promises that rejected are "
            f"silently dropped."))


def _head(call: str) -> str:
    """The call's argument, shortened for a message: `users.map((u) => mailer.send(u))`."""
    inner = call.strip()[1:].strip()
    first = inner.splitlines()[0].strip() if inner else ""
    first = first[:-1] if first.endswith(")") and first.count(")") > first.count("(") else first
    return first if len(first) <= 40 else first[:37] + "..."


def _rest_of_block(lexed: Lexed, line: int, last: int) -> list[tuple[str, str]] | None:
    """(code, bare) of the lines after `last` to the end of the block holding `line`; None when unseen."""
    indent = indent_of(lexed.bare[line])
    out: list[tuple[str, str]] = []
    no = last + 1
    while True:
        bare = lexed.bare.get(no)
        if bare is None:
            return None
        if bare.strip() and indent_of(bare) < indent:
            return out
        out.append((lexed.code.get(no, bare), bare))
        no += 1


def _ignored(rest: list[tuple[str, str]], names: list[str]) -> bool:
    if not names:
        return False
    alternatives = "|".join(re.escape(n) for n in names)
    word = re.compile(rf"(?<![\w$.])(?:{alternatives})\b")
    handed_on = re.compile(
        rf"^\s*(?:return|yield)\s+(?:{alternatives})\s*;?\s*$|"
        rf"(?P<callee>[\w$.]+)\s*\([^()]*(?<![\w$.])(?:{alternatives})\b|"
        rf"[:=]\s*(?:{alternatives})\b(?!\s*[.\[])"
    )
    for code, bare in rest:
        if _READS_OUTCOME.search(code):
            return False
        if not word.search(bare):
            continue
        passed = handed_on.search(bare)
        if passed is not None and not _LOGGER.match(passed.group("callee") or ""):
            return False
    return True
