"""Python: `asyncio.gather(..., return_exceptions=True)` whose exceptions nobody looks at.

    await asyncio.gather(*(notify(u) for u in users), return_exceptions=True)   # every failure dropped

    results = await asyncio.gather(*calls, return_exceptions=True)
    for user, result in zip(users, results):
        cache[user.id] = result                 # an exception object cached as a result

With `return_exceptions=True` a failed awaitable's exception comes back as an item of the result list
instead of being raised. Reported: the awaited call as a statement or assigned to `_` (unless tasks
were cancelled in the lines above: cancel, then wait for the cancellations, is the shutdown idiom); or
assigned to a name, in a function known to its end, that nothing after it returns, passes on (other than to
`zip`, `enumerate`, `list`, `len`) or stores, with no exception class named after it
(`isinstance(r, Exception)`); or whose items a loop or comprehension reads as results (`for r in results`
... `r.count`) before any such check, whatever it hands on afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import bracket_span, indent_of, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_GATHER = lazy_re(r"^\s*(?:(?P<name>[A-Za-z_]\w*)\s*=\s*)?await\s+asyncio\.gather\s*\(")
_RETURN_EXCEPTIONS = lazy_re(r"\breturn_exceptions\s*=\s*True\b")
_DEF = lazy_re(r"^\s*(?:async\s+)?def\b")
_LOOKS_AT_EXCEPTIONS = lazy_re(r"\b\w*(?:Exception|Error)\b|\bexc_info\b|\btraceback\b")
"""A line that names an exception class (`isinstance(r, Exception)`, `BaseException`, `TimeoutError`)."""
_CANCEL = lazy_re(r"\.cancel\(\s*\)")
_HARMLESS_CALLS = ("zip", "enumerate", "list", "len", "tuple", "iter", "reversed", "sorted")


@register(
    CheckSpec(
        id="PY-GATHER-EXCEPTIONS-UNCHECKED",
        checklist_item="ERR-08",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python"}),
        title="`gather(return_exceptions=True)` results never checked for exceptions",
        explanation=(
            "With `return_exceptions=True`, a failed call does not raise: its exception comes back as an "
            "item of the result list. Nothing here looks for it, so every failure is silently dropped (or an "
            "exception object is used as a result). Check each item (`isinstance(r, BaseException)`) and "
            "log, retry or re-raise, or leave `return_exceptions` off so the first failure raises."
        ),
    ),
    needs=("return_exceptions",),
)
def gather_exceptions_unchecked(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "gather" not in bare:
            continue
        match = _GATHER.match(bare)
        if match is None:
            continue
        span = bracket_span(lexed, no, match.end() - 1)
        if not span.closed or not _RETURN_EXCEPTIONS.search(span.code):
            continue
        name = match.group("name")
        if name in {None, "_"}:
            if _cancelled_above(lexed, no):
                continue  # cancel, then wait for the cancellations: the exceptions are the expected ones
            yield Hit(no, span.last, severity=Severity.MEDIUM, message=(
                f"The results of `gather({_head(span.code)}, return_exceptions=True)` are thrown away, and "
                f"with them every exception it caught: a failed call goes unnoticed."))
            continue
        assert name is not None
        after = _rest_of_function(lexed, no, span.last)
        if after is None or not _ignored(after, name):
            continue
        yield Hit(no, span.last, message=(
            f"`{name}` holds the exceptions of the calls that failed, and nothing after this checks for them "
            f"(no `isinstance({name[0]}, BaseException)`): failures pass as results."))


def _head(call: str) -> str:
    """The call's first argument, shortened for a message: `*(send(u) for u in users)`."""
    first = call.strip()[1:].split(",", 1)[0].strip().splitlines()[0] if call.strip() else ""
    return first if len(first) <= 40 else first[:37] + "..."


def _cancelled_above(lexed: Lexed, line: int) -> bool:
    """Whether a `.cancel()` call sits in the 12 lines above `line` (within its function), or may: a line
    there is out of view (a hunk that starts just above)."""
    for no in range(line - 1, max(0, line - 13), -1):
        text = lexed.bare.get(no)
        if text is None:
            return True
        if _DEF.match(text):
            return False
        if _CANCEL.search(text):
            return True
    return False


def _rest_of_function(lexed: Lexed, line: int, last: int) -> list[str] | None:
    """The lines after `last` to the end of the function holding `line`, or None when that end is unseen."""
    indent = indent_of(lexed.bare[line])
    def_indent = None
    for no in range(line - 1, max(0, line - 400), -1):
        text = lexed.bare.get(no)
        if text is None:
            return None
        if text.strip() and indent_of(text) < indent:
            indent = indent_of(text)
            if _DEF.match(text):
                def_indent = indent
                break
    if def_indent is None:
        return None
    out: list[str] = []
    no = last + 1
    while True:
        text = lexed.bare.get(no)
        if text is None:
            return out if lexed.whole_file else None
        if text.strip() and indent_of(text) <= def_indent:
            return out
        out.append(text)
        no += 1


def _ignored(after: list[str], name: str) -> bool:
    word = re.compile(rf"\b{re.escape(name)}\b")
    # returned or yielded; passed to a call (other than zip, enumerate, ...); stored in an attribute
    handed_on = re.compile(
        rf"^\s*(?:return|yield)\b.*\b{re.escape(name)}\b|"
        rf"(?<![\w.])(?!(?:{'|'.join(_HARMLESS_CALLS)})\s*\()[\w.]+\s*\([^()]*\b{re.escape(name)}\b|"
        rf"^\s*[\w.]+\.\w+\s*=.*\b{re.escape(name)}\b"
    )
    iterated = re.compile(rf"\bfor\s+(\w+)\s+in\s+{re.escape(name)}\b")
    items: set[str] = set()
    for text in after:
        if _LOOKS_AT_EXCEPTIONS.search(text):
            return False
        items.update(iterated.findall(text))
        if any(re.search(rf"(?<![\w.]){re.escape(item)}\.\w+", text) for item in items):
            return True  # an item read as a result (`r.count`): an exception there has no such attribute
        if word.search(text) and handed_on.search(text):
            return False
    return True
