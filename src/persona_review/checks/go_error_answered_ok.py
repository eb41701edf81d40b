"""Go handlers that answer a failed call with a success status.

    if err := h.svc.Cancel(ctx, id); err != nil {
        c.Logger().Errorf("cancel order %s: %v", id, err)
        return c.NoContent(http.StatusNoContent)         // the client is told the order is cancelled
    }

Reported: in the block of `if err != nil {` (or `if x := f(); err != nil {`; the condition is the plain
nil test, so `errors.Is(err, ErrNotFound)` branches that treat "already gone" as done are left alone), a
statement at the block's own level that answers a 2xx status: `c.NoContent`/`c.Status`/`c.String`/
`c.JSON`/`ctx.JSON`/`w.WriteHeader` with `http.StatusOK`/`StatusNoContent`/`StatusCreated`/
`StatusAccepted` or 200-204, or `json.NewEncoder(w).Encode(...)` of an error body with no `WriteHeader`
before it (net/http then answers 200). A JSON answer counts only when its body is a map literal keyed
`"error"` that carries no code of its own (`"code"`: APIs that put their status in the body); a body
built by a helper may carry one. A bodyless answer is left alone when the line after the block answers
another 2xx (the status tells the outcomes apart, as in a chunk-upload probe). A block with a comment
line before the answer is left alone: the success is on purpose (answering 204 whether or not an account
exists keeps emails from being enumerated).
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._handler_comments import comment_line_in
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import brace_block, indent_of, lines_of, statement_span
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_IF_ERR = lazy_re(
    r"^\s*(?:\}\s*else\s+)?if\s+(?:[^;{]*;\s*)?(?P<err>[A-Za-z_]*[eE]rr\w*)\s*!=\s*nil\s*\{\s*$"
)
_CODES = {"http.StatusOK": "200", "http.StatusCreated": "201", "http.StatusAccepted": "202",
          "http.StatusNoContent": "204"}
_SUCCESS = (
    r"(?:http\.Status(?:OK|NoContent|Created|Accepted)\b|20[0-4]\b)"
)
_ANSWER = lazy_re(
    r"^\s*(?:return\s+)?(?:[\w.]+\.)?(?P<how>NoContent|Status|String|JSON|IndentedJSON|AbortWithStatusJSON|"
    r"AbortWithStatus|WriteHeader|SendStatus)\s*\(\s*(?P<status>" + _SUCCESS + ")"
)
_ERROR_BODY = lazy_re(
    r"(?:gin\.H|echo\.Map|fiber\.Map|map\[string\][\w{}]+)\s*\{\s*[\"'](?:error|err|errors)[\"']\s*:"
)
_OWN_CODE = lazy_re(r"[\"'](?:code|status|errcode|err_code|success|ok)[\"']|\bCode\s*:|\bSuccess\s*:")
_ENCODE = lazy_re(
    r"^\s*(?:_\s*=\s*|return\s+|if\s+err\w*\s*:?=\s*)?json\.NewEncoder\(\s*(?P<w>w|rw|writer|res|resp)\s*\)"
    r"\.Encode\("
)
_STATUS_SET = lazy_re(r"\.WriteHeader\s*\(|\bhttp\.Error\s*\(")
_WITH_BODY = frozenset({"JSON", "IndentedJSON", "AbortWithStatusJSON", "String"})
_STOPS = lazy_re(r"^\s*(?:return|panic\(|continue\b|break\b)")


@register(
    CheckSpec(
        id="GO-ERROR-ANSWERED-OK",
        checklist_item="ERR-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="Failed call answered with a success status",
        explanation=(
            "The call failed, yet the handler answers 2xx: the client believes the work was done, never "
            "retries, and error-rate alerts never see it; only a log line knows. Answer the status that "
            "says what failed (`http.StatusInternalServerError`, `StatusNotFound` for a missing record, "
            "...), or return the error to the framework's error handler."
        ),
    ),
    needs=("!= nil",),
)
def error_answered_ok(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "nil" not in bare or _IF_ERR.match(bare) is None:
            continue
        block = brace_block(lexed, no, bare.rfind("{"))
        if block is None:
            continue
        level: int | None = None
        status_set = False
        for line in range(no + 1, block.last + 1):
            text = lexed.bare.get(line, "")
            if not text.strip() or text.strip() == "}":
                continue
            status_set = status_set or _STATUS_SET.search(text) is not None
            level = indent_of(text) if level is None else level
            if indent_of(text) != level:
                continue
            encoded = _ENCODE.match(text)
            if encoded is not None:
                statement = statement_span(lexed, line)
                if not status_set and _ERROR_BODY.search(statement.code) and not _OWN_CODE.search(
                        statement.code) and not comment_line_in(ctx, lexed, no, line) and line in ctx.added:
                    yield Hit(line, None, message=(
                        f"`{encoded.group('w')}` gets an error body with no `WriteHeader` before it, so "
                        f"this `if {_err_name(bare)} != nil` branch answers 200: call "
                        f"`{encoded.group('w')}.WriteHeader(...)` with an error status first."))
                break
            found = _ANSWER.match(text)
            if found is not None and comment_line_in(ctx, lexed, no, line):
                break
            if found is not None:
                statement = statement_span(lexed, line)
                if found.group("how") in _WITH_BODY and (
                    _ERROR_BODY.search(statement.code) is None or _OWN_CODE.search(statement.code)
                ):
                    break
                if found.group("how") not in _WITH_BODY and _other_success_after(lexed, block.last,
                                                                                found.group("status")):
                    break
                if line in ctx.added:
                    yield Hit(line, None, message=(
                        f"The `if {_err_name(bare)} != nil` branch answers a success status here: the "
                        "client is told the request worked though the call failed. Answer an error "
                        "status (or return the error)."))
                break
            if _STOPS.match(text):
                break


def _other_success_after(lexed: Lexed, last: int, status: str) -> bool:
    """Whether the first statement after the block (ending on line `last`) answers another 2xx status than
    `status`: the status itself tells the outcomes apart (a chunk-upload probe answers 200 for "have it"
    and 204 for "send it")."""
    for no in range(last + 1, last + 4):
        text = lexed.bare.get(no)
        if text is None:
            return False
        if text.strip():
            found = _ANSWER.match(text)
            return found is not None and _CODES.get(found.group("status"), found.group("status")) \
                != _CODES.get(status, status)
    return False


def _err_name(header: str) -> str:
    found = _IF_ERR.match(header)
    return found.group("err") if found is not None else "err"
