"""Go: a fixed index past the first into the result of `strings.Split`, `SplitN`, `Fields` (or `bytes`')
with no length check.

    parts := strings.SplitN(string(m.Key), ":", 2)
    tenant, meter := parts[0], parts[1]     // a key without ':' gives one part: index out of range

The split of a value that came from outside has as many parts as the input has separators. A message key,
header or path without one yields a single element and `parts[1]` panics: in a consumer the process
crashes and restarts onto the same message, in a handler without a recover middleware the server dies.

Reported on the first such index when nothing between the split and it looks at the number of parts
(`len(parts)`) or at the separator (`strings.Contains`/`Count`/`Index`/`Cut`, also in the few lines before
the split), and the value split came from outside: the split is in a function that serves a request, or
the value is (or was assigned a few lines above from) a request's path, query, form, header or route
parameter, or a consumed message's key, value or body. Configuration, command output and values the
program made itself are left alone: a malformed one is a bug found at once, not bad input at run time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._go_funcs import enclosing_functions
from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of, reaches
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_SPLIT = lazy_re(
    r"^\s*(?:var\s+)?(?P<var>[A-Za-z_]\w*)\s*:?=\s*(?P<call>(?:strings|bytes)\.(?:Split|SplitN|SplitAfter|SplitAfterN|Fields))"
    r"\s*\(\s*(?P<arg>[^,()]*(?:\([^()]*\))?[^,()]*)"
)
_INLINE = lazy_re(
    r"(?P<call>(?:strings|bytes)\.(?:Split|SplitN|SplitAfter|SplitAfterN|Fields))\s*\(\s*"
    r"(?P<arg>[^,()]*(?:\([^()]*\))?[^,()]*)(?:,[^()]*(?:\([^()]*\))?[^()]*)?\)\s*\[\s*(?P<n>[1-9])\s*\]"
)
"""`strings.Split(value, sep)[1]`: indexed on the spot."""
_LOOKAHEAD = 40
_LOOKBACK = 15
_SOURCE = lazy_re(
    r"\br\.(?:URL|Header|Form|PostForm|RequestURI|Host|RemoteAddr)\b|\.(?:FormValue|PostFormValue|PathValue|"
    r"GetHeader|QueryParam|URLParam|DefaultQuery|GetQuery|PostForm|Params|Param|Query)\s*\(|"
    r"\b(?:chi\.URLParam|mux\.Vars)\s*\(|\.Request\.(?:URL|Header)\b|"
    r"\b(?:m|msg|message|record|rec|delivery|d|event|evt)\.(?:Key|Value|Data|Body|Subject|Topic|Headers?)\b"
)
"""Where a value from outside comes from: a request (net/http, gin, echo, chi, gorilla, fiber) or a
consumed message (Kafka, NATS, AMQP, SQS records)."""


@register(
    CheckSpec(
        id="GO-SPLIT-INDEX-UNCHECKED",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"go"}),
        title="Split result indexed without checking how many parts there are",
        explanation=(
            "A split has as many parts as its input has separators: input without one gives a single part "
            "and `parts[1]` panics with index out of range, crashing a consumer or a handler on bad input. "
            "Check `len(parts)` first, or use `strings.Cut` and its `found` result."
        ),
    ),
    needs=("Split", "Fields"),
)
def split_index_unchecked(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    rows = list(lines_of(lexed))
    for index, (no, _code, bare) in enumerate(rows):
        if "Split" not in bare and "Fields" not in bare:
            continue
        inline = _INLINE.search(bare)
        if inline is not None:
            arg = inline.group("arg").strip()
            if arg and _from_outside(ctx, rows, index, arg) and not _checked_before(rows, index, arg):
                yield Hit(no, message=(
                    f"`{inline.group('call')}(...)[{inline.group('n')}]` assumes the value holds the "
                    "separator: input without one gives fewer parts and this index panics (index out of "
                    "range). Use `strings.Cut` and check its `found` result, or check the number of parts "
                    "first."))
            continue
        split = _SPLIT.match(bare)
        if split is None:
            continue
        code_arg = lexed.code.get(no, "")
        if re.match(r"\s*[\"`]", code_arg[split.start("arg") :]):
            continue  # a literal: its parts are known
        var = re.escape(split.group("var"))
        arg = split.group("arg").strip()
        if not _from_outside(ctx, rows, index, arg):
            continue
        indexed = re.compile(rf"(?<![\w.]){var}\[\s*(?P<n>[1-9])\s*\]")
        guard = re.compile(
            rf"\blen\(\s*{var}\s*\)|(?<![\w.]){var}\[\s*\w*[^\]\d\s]|\brange\s+{var}\b|"
            rf"(?:strings|bytes)\.(?:Contains\w*|Count|Index\w*|Cut\w*|HasPrefix|HasSuffix)\s*\(\s*{re.escape(arg)}\s*,"
            if arg else rf"\blen\(\s*{var}\s*\)"
        )
        if arg and _checked_before(rows, index, arg):
            continue  # the separator was looked for just before the split
        previous = no
        for later_no, _later_code, later in rows[index + 1 : index + 1 + _LOOKAHEAD]:
            if later_no != previous + 1:
                break  # a gap in the known lines may hold the check
            previous = later_no
            if re.match(rf"^\s*{var}\s*:?=", later) or re.match(r"^\s*func\b", later):
                break  # reassigned, or the next function
            if guard.search(later):
                break
            hit = indexed.search(later)
            if hit is None:
                continue
            name = split.group("var")
            message = (
                f"`{name}[{hit.group('n')}]` assumes `{split.group('call')}` on line {no} found a separator: "
                "input without one gives fewer parts and this index panics (index out of range). Check "
                f"`len({name})` first, or use `strings.Cut` and its `found` result.")
            yield Hit(no, later_no, message) if reaches(ctx, no, later_no) else Hit(later_no, None, message)
            break


def _checked_before(rows: list[tuple[int, str, str]], index: int, arg: str) -> bool:
    """In the five lines before the split, the value split is searched for the separator."""
    looked = re.compile(
        rf"(?:strings|bytes)\.(?:Contains\w*|Count|Index\w*|Cut\w*|HasPrefix|HasSuffix)\s*\(\s*{re.escape(arg)}\s*,"
    )
    return any(looked.search(b) for _n, _c, b in rows[max(0, index - 5) : index])


def _from_outside(ctx: FileContext, rows: list[tuple[int, str, str]], index: int, arg: str) -> bool:
    """The split value comes from a request or a message: the split is in a request handler, the value
    names a source itself, or it is a variable assigned from one in the lines above."""
    if any(f.is_handler for f in enclosing_functions(ctx, rows[index][0])):
        return True
    if _SOURCE.search(arg):
        return True
    name = re.fullmatch(r"(?:string\(\s*)?([A-Za-z_]\w*)\s*\)?", arg)
    if name is None:
        return False
    target = re.escape(name.group(1))
    assigned = re.compile(rf"^\s*(?:[\w\s,]*,\s*)?{target}\s*(?:,[\w\s,]*)?:?=(?!=)(?P<value>.*)")
    for _no, _code, bare in reversed(rows[max(0, index - _LOOKBACK) : index]):
        if re.match(r"^\s*func\b", bare):
            return False
        found = assigned.match(bare)
        if found is not None:
            return bool(_SOURCE.search(found.group("value")))
    return False
