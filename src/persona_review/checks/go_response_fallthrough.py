"""Go: an error response written inside an `if` that does not return, so the handler goes on.

    user, err := store.Get(id)
    if err != nil {
        http.Error(w, "not found", http.StatusNotFound)
    }                                   // no return: the handler carries on
    json.NewEncoder(w).Encode(user)     // "superfluous response.WriteHeader"; user is nil

Writing a response does not leave the handler. Reported: inside an `if` block of an HTTP handler, an error
response (`http.Error(w, ...)`, `w.WriteHeader(4xx/5xx)`, gin/echo `c.JSON(4xx/5xx, ...)`,
`c.AbortWithStatusJSON(...)`, `c.AbortWithError(...)`, or a helper named for errors that takes the writer,
`writeError(w, ...)`) with no `return` after it in the block, when the lines that run after the block write
the response again or use a value the failed call returned. Quiet when the `if` ends the function, is
followed by `else`, or the path after it leaves before doing either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import Blocks, blocks_of
from persona_review.checks._fallthrough import (
    FUNCTION_GO,
    LEAVES_GO,
    continuation,
    if_block,
    leaves_within,
    quoted,
)
from persona_review.checks._go_funcs import enclosing_functions
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import indent_of, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_HTTP_ERROR = lazy_re(r"^\s*http\.Error\(\s*(?P<w>\w+)\s*,")
_WRITE_HEADER = lazy_re(r"^\s*(?P<w>\w+)\.WriteHeader\(\s*(?P<status>[\w.]+)\s*\)")
_GIN_WRITE = lazy_re(
    r"^\s*(?P<w>\w+)\.(?P<how>JSON|IndentedJSON|PureJSON|XML|String|AbortWithStatusJSON|AbortWithStatus"
    r"|AbortWithError|HTML)\(\s*(?P<status>[\w.]+)\s*[,)]"
)
_ERROR_HELPER = lazy_re(
    r"^\s*(?!(?:slog|log|logrus|zap|klog|glog)\.)(?P<name>(?:[\w]+\.)?\w*(?:[Ee]rror|[Ee]rr|[Ff]ail|[Aa]bort|BadRequest|NotFound|Unauthori[sz]ed"
    r"|Forbidden|InternalServer)\w*)\(\s*(?P<w>\w+)\s*[,)]"
)
_NOT_ERROR_STATUSES = frozenset({
    "Continue", "SwitchingProtocols", "Processing", "EarlyHints", "OK", "Created", "Accepted",
    "NonAuthoritativeInfo", "NoContent", "ResetContent", "PartialContent", "MultiStatus", "AlreadyReported",
    "IMUsed", "MultipleChoices", "MovedPermanently", "Found", "SeeOther", "NotModified", "UseProxy",
    "TemporaryRedirect", "PermanentRedirect",
})
"""A helper that writes an error answer (`respondError(w, ...)`, `c.AbortWithError(...)`); a logging package's
call (`slog.ErrorContext(ctx, ...)`) only logs."""
_IF = lazy_re(r"^\s*(?:\}\s*else\s+)?if\b")
_ERR_TEST = lazy_re(r"\b(?P<err>err\w*|e)\s*!=\s*nil\b")
_ASSIGNED = lazy_re(r"^\s*(?P<names>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*:?=[^=]")
_WRITER_NAMES = frozenset({"w", "rw", "writer", "resp"})
_CONTEXT_NAMES = frozenset({"c", "ctx"})
_GIN_RESPONDS = (
    r"\b{w}\.(?:JSON|IndentedJSON|PureJSON|SecureJSON|AsciiJSON|JSONP|XML|YAML|TOML|ProtoBuf|String|HTML"
    r"|Data|DataFromReader|File|FileAttachment|Redirect|Render|Status|AbortWith\w+|NoContent|Blob|Stream"
    r"|SSEvent)\("
    r"|\b[\w.]*(?i:resp|respond|response|ok|success|json|render|write|send|error|fail|abort)\w*\(\s*{w}\s*[,)]"
)
_HTTP_RESPONDS = r"\b{w}\.(?:Write|WriteHeader)\(|\(\s*{w}\s*[,)]"
_HTTP_STATUS_AGAIN = (
    r"\b{w}\.WriteHeader\(|\bhttp\.(?:Error|Redirect)\(\s*{w}\b"
    r"|\(\s*{w}\s*,.*(?:\bhttp\.Status\w+|\b[1-5]\d\d\b)"
)
"""After a bare `WriteHeader(status)`, writing the body is the point (the status was set for it): only a
second status counts as writing again."""


@register(
    CheckSpec(
        id="GO-RESPONSE-NO-RETURN",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="Error response written without `return`: the handler goes on",
        explanation=(
            "`http.Error`, `WriteHeader` and gin's `c.JSON`/`c.AbortWithStatusJSON` write the response but "
            "do not leave the handler (gin's `Abort` only stops the handlers after this one). The code "
            "after the `if` runs on the failure path: it writes a second status and body "
            "(\"superfluous response.WriteHeader call\", two JSON documents in one response) or "
            "dereferences the nil result of the call that failed and panics. Add `return` after the error "
            "response."
        ),
    ),
    needs=("http.Error", "WriteHeader", ".JSON(", ".Abort", "rror(", "rr(", "ail(", ".String(", ".XML("),
)
def response_no_return(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    for no, _code, bare in lines_of(lexed):
        if no not in ctx.added or "(" not in bare:
            continue
        writer = _error_write(ctx, no, bare)
        if writer is None:
            continue
        name, gin, status_only = writer
        block = if_block(lexed, blocks, no, _IF)
        if block is None or leaves_within(lexed, no + 1, block.last - 1, LEAVES_GO):
            continue
        header = lexed.bare.get(block.first, "")
        failed = _failed_values(lexed, block.first, header)
        again = _GIN_RESPONDS if gin else _HTTP_STATUS_AGAIN if status_only else _HTTP_RESPONDS
        responds = re.compile(again.format(w=re.escape(name)))
        shown = _goes_on(lexed, blocks, block.last, indent_of(header), responds=responds, failed=failed)
        if shown is not None:
            yield Hit(no, message=(
                f"`{quoted(lexed.code[no])}` writes the error response but the handler does not return: "
                f"{shown}. Add `return` after it."))


def _error_write(ctx: FileContext, no: int, bare: str) -> tuple[str, bool, bool] | None:
    """(writer name, whether it is a gin/echo context, whether only the status was written) when line
    `no` writes an error response."""
    funcs = enclosing_functions(ctx, no)
    func = funcs[0] if funcs else None
    http_writer = func.param_of_type("http.ResponseWriter") if func else None
    context = func.param_of_type("*gin.Context", "echo.Context") if func else None
    if func is not None and http_writer is None and context is None:
        return None
    if match := _HTTP_ERROR.match(bare):
        return match.group("w"), False, False
    if (match := _WRITE_HEADER.match(bare)) and _error_status(match.group("status")):
        w = match.group("w")
        if w == http_writer or (func is None and w in _WRITER_NAMES):
            return w, False, True
    if (match := _GIN_WRITE.match(bare)) and (
        match.group("how").startswith("Abort") or _error_status(match.group("status"))
    ):
        c = match.group("w")
        if c == context or (func is None and c in _CONTEXT_NAMES):
            return c, True, False
    if (match := _ERROR_HELPER.match(bare)) and not _is_logger(match.group("name")):
        w = match.group("w")
        if w == http_writer or (func is None and w in _WRITER_NAMES):
            return w, False, False
        if w == context or (func is None and w in _CONTEXT_NAMES):
            return w, True, False
    return None


_LOGGER_NAMES = frozenset({"l", "lg", "zap", "zerolog", "logrus", "slog", "klog", "glog", "hclog"})


def _is_logger(call: str) -> bool:
    """Is `call` (`log.Errorf`, `logger.Error`) a logging call? It records the error; it answers no one, even
    handed the request's context first (`log.Error(ctx, err)`)."""
    receiver, _, _method = call.rpartition(".")
    word = receiver.lower()
    return word in _LOGGER_NAMES or word.endswith(("log", "logger", "logging"))


def _error_status(status: str) -> bool:
    if status.isdigit():
        return 400 <= int(status) <= 599
    head, _, name = status.rpartition(".")
    return head == "http" and name.startswith("Status") and name[6:] not in _NOT_ERROR_STATUSES


def _failed_values(lexed: Lexed, if_line: int, header: str) -> set[str]:
    """Names assigned with the error an `if err != nil` tests, on the statement just before it."""
    test = _ERR_TEST.search(header)
    if test is None or ";" in header:
        return set()
    previous = if_line - 1
    while previous in lexed.bare and not lexed.bare[previous].strip():
        previous -= 1
    assigned = _ASSIGNED.match(lexed.bare.get(previous, ""))
    if assigned is None:
        return set()
    names = {n.strip() for n in assigned.group("names").split(",")}
    if test.group("err") not in names:
        return set()
    return names - {test.group("err"), "_"}


def _goes_on(
    lexed: Lexed, blocks: Blocks, last: int, floor: int, *, responds: re.Pattern[str], failed: set[str]
) -> str | None:
    """What the lines after the `if` do on the failure path, said for the message, if they write the
    response again or use a failed value."""
    live = set(failed)
    for no, text, _outer in continuation(lexed, blocks, last, floor, exits=LEAVES_GO, function=FUNCTION_GO):
        if responds.search(text):
            return f"line {no} writes the response again"
        for name in sorted(live):
            use = re.search(rf"(?<![\w.]){re.escape(name)}\b(?!\s*(?:,\s*\w+\s*)*:?=[^=])", text)
            if use is not None:
                return f"line {no} uses `{name}`, which the failed call left unset"
            if re.search(rf"(?<![\w.]){re.escape(name)}\b", text):
                live.discard(name)  # assigned anew before any use
    return None
