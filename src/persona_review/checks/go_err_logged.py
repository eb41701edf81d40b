"""Go: an error that is only logged, after which the code goes on to use what the failed call returned.

    resp, err := client.Get(url)
    if err != nil {
        log.Printf("fetch: %v", err)
    }
    defer resp.Body.Close()   // nil pointer: the process panics on the first failed request

Reported (from the call to its `if`): `a, b, err := f(...)` followed at once by `if err != nil { ... }`
whose block holds only logging calls (no `return`, `continue`, `break`, `panic`, `Fatal`, no new value
for the results), with no `else`, and a later line of the same block that reads one of the call's other
results before assigning it again or testing it against nil. Calls whose other results stay meaningful
next to an error (`n, err := w.Write(...)`, readers and scanners reporting how much they did) are left
alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import brace_block, bracket_span, indent_of, statement_span
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_RESULTS_WITH_ERR = lazy_re(
    r"^\s*(?P<names>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*,\s*(?P<err>err|e|[a-z]\w*Err)\s*:?=\s*"
    r"(?P<call>[A-Za-z_][\w.]*(?:\([^()]*\))?(?:\.[A-Za-z_]\w*)*)\s*\("
)
_LOG_CALL = lazy_re(
    r"^\s*(?:(?:log|slog|klog|glog|logrus|zap|fmt)\.|(?:[\w.]*\.)?[\w]*(?:[lL]og|[lL]ogger|[lL]gr)\w*\.)"
    r"(?P<method>\w+)\s*\("
)
_LOGGER_TYPED = lazy_re(
    r"(?<![\w.])(?P<name>[A-Za-z_]\w*)\s+\*?(?:zap\.(?:Sugared)?Logger|slog\.Logger|logrus\.(?:Logger|Entry|"
    r"FieldLogger|Ext1FieldLogger)|zerolog\.Logger|log\.Logger|hclog\.Logger|logr\.Logger)\b"
)
"""A field, parameter or variable declared with a logger's type (`lg *zap.Logger`), whatever its name."""
_METHOD_CALL = lazy_re(r"^\s*(?:[\w.]*\.)?(?P<recv>\w+)\.(?P<method>\w+)\s*\(")
_NOT_LOGGING = lazy_re(r"^(?:Fatal|Panic|Exit)", re.IGNORECASE)
_STOPS = lazy_re(
    r"\b(?:return|continue|break|goto|panic|os\.Exit|runtime\.Goexit)\b|\.(?:Fatal|Panic|Exit)\w*\s*\(|"
    r"\bt\.(?:FailNow|Skip)"
)
_PARTIAL_RESULTS = frozenset({
    "Write", "WriteString", "WriteTo", "WriteAt", "Read", "ReadFrom", "ReadAt", "ReadFull", "ReadAtLeast",
    "Copy", "CopyN", "CopyBuffer", "Fprint", "Fprintf", "Fprintln", "Print", "Printf", "Println", "Scan",
    "Scanf", "Scanln", "Sscan", "Sscanf", "Sscanln", "Fscan", "Fscanf", "Fscanln", "ReadString", "ReadBytes",
    "ReadLine", "ReadRune", "ReadSlice", "Discard", "Peek",
})
"""Calls whose other results mean something next to an error: how many bytes were written or read."""
_LOOKAHEAD = 40
"""Lines after the `if` searched for a use of a result."""


@register(
    CheckSpec(
        id="GO-ERR-LOGGED-CONTINUES",
        checklist_item="ERR-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="Error only logged; the failed call's result is used after it",
        explanation=(
            "When a call returns an error its other results are zero values: a nil pointer, an empty struct, "
            "0. Logging the error and carrying on hands those to the next line, which panics on a nil "
            "pointer or writes wrong data, and the log line is the only trace. Return (or `continue`) after "
            "logging, or give the result a real fallback value inside the `if`."
        ),
    ),
    needs=("!= nil",),
)
def err_logged_continues(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    loggers: frozenset[str] | None = None
    for segment in lexed.segments:
        for index, no in enumerate(segment):
            bare = lexed.bare[no]
            if "=" not in bare:
                continue
            assigned = _RESULTS_WITH_ERR.match(bare)
            if assigned is None:
                continue
            call = assigned.group("call")
            method = call.split("(", 1)[0].rsplit(".", 1)[-1]
            if method in _PARTIAL_RESULTS:
                continue
            names = [name.strip() for name in assigned.group("names").split(",") if name.strip() != "_"]
            if not names:
                continue
            err = assigned.group("err")
            if loggers is None:
                loggers = _logger_names(lexed)
            found = _logged_only(lexed, segment, index, no, err, loggers=loggers)
            if found is None:
                continue
            if_line, block_end = found
            used = _first_use(lexed, segment, block_end, names, indent_of(lexed.bare[if_line]), err=err)
            if used is None:
                continue
            name, line = used
            yield Hit(
                no,
                if_line,
                message=(
                    f"The error from `{call.split('(', 1)[0]}` is only logged, and line {line} goes on to "
                    f"use `{name}`, which holds its zero value (nil for a pointer) after a failure."
                ),
            )


def _logger_names(lexed: Lexed) -> frozenset[str]:
    """Names the file's known lines declare with a logger's type."""
    return frozenset(m.group("name") for text in lexed.bare.values() if "Logger" in text
                     for m in _LOGGER_TYPED.finditer(text))


def _log_call(text: str, loggers: frozenset[str]) -> re.Match[str] | None:
    """A logging call: a logging package's function, a receiver named for a logger (`s.log`, `logger`,
    `lgr`), or one the file declares with a logger's type (`o.lg` of a `lg *zap.Logger` field)."""
    call = _LOG_CALL.match(text)
    if call is None and loggers:
        call = _METHOD_CALL.match(text)
        if call is not None and call.group("recv") not in loggers:
            return None
    return call


def _logged_only(lexed: Lexed, segment: list[int], index: int, no: int, err: str, *,
                 loggers: frozenset[str]) -> tuple[int, int] | None:
    """(the `if err != nil {` line, its closing line) when it follows the assignment at once and its block
    only logs, with no `else`; None otherwise. `err` is the error's name (`err`, `e`, `fetchErr`)."""
    end = statement_span(lexed, no).last
    after = [n for n in segment[index + 1 :] if n > end and lexed.bare[n].strip()]
    if not after or not re.match(rf"^\s*if\s+{err}\s*!=\s*nil\s*\{{\s*$", lexed.bare[after[0]]):
        return None
    if_line = after[0]
    block = brace_block(lexed, if_line, lexed.bare[if_line].index("{"))
    if block is None or not block.closed or block.last == if_line or _STOPS.search(block.bare):
        return None
    closing = lexed.bare[block.last]
    if "else" in closing[closing.rfind("}") :]:
        return None
    line = if_line + 1
    logged = False
    while line < block.last:
        text = lexed.bare.get(line)
        if text is None:
            return None
        if text.strip():
            call = _log_call(text, loggers)
            if call is None or _NOT_LOGGING.match(call.group("method")):
                return None
            span = bracket_span(lexed, line, call.end() - 1)
            if not span.closed:
                return None
            logged = True
            line = span.last
        line += 1
    return (if_line, block.last) if logged else None


def _first_use(
    lexed: Lexed, segment: list[int], block_end: int, names: list[str], indent: int, *,
    err: str = "err",
) -> tuple[str, int] | None:
    """The first line after `block_end`, in the same block, that reaches into one of `names` (`x.Field`,
    `x.Method()`, `x[i]`, `*x`: a nil pointer panics there, a zero struct gives wrong data) before a new
    value or a nil test. A line that reads `err` again first means the error is dealt with later: nothing
    is reported then. Passing a result on or returning it is not counted (a zero count or size is often
    the intended fallback)."""
    live = set(names)
    again = re.compile(rf"(?<![\w.]){err}\b")
    for no in segment:
        if no <= block_end:
            continue
        if no > block_end + _LOOKAHEAD:
            return None
        text = lexed.bare[no]
        if not text.strip():
            continue
        if indent_of(text) < indent:
            return None  # the block that holds the call has ended
        if again.search(text):
            return None
        for name in sorted(live):
            for found in re.finditer(rf"(?<![\w.]){re.escape(name)}\b", text):
                rest = text[found.end() :]
                if re.match(r"\s*(?:,\s*[\w\s,]*)?:?=(?!=)", rest):
                    live.discard(name)  # a new value first
                    break
                if _NIL_TEST.search(rest[:12]) or re.search(r"\bnil\s*[!=]=\s*$", text[: found.start()]):
                    live.discard(name)  # tested before it is used
                    break
                if rest.startswith((".", "[")) or text[: found.start()].rstrip().endswith("*"):
                    return name, no
        if not live:
            return None
    return None


_NIL_TEST = lazy_re(r"^\s*[!=]=\s*nil\b")
