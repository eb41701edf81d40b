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
`"error"` that carries no code of its own (`"code"`: APIs that put their status in the body), or one that
says the work was done (`"verified": true`, `"status": "queued"`); a body built by a helper may carry one.
A bodyless answer is left alone when the line after the block answers another 2xx and the block logs no
error (the status tells the outcomes apart, as in a chunk-upload probe). A block with a comment
line before the answer is left alone: the success is on purpose (answering 204 whether or not an account
exists keeps emails from being enumerated).

Also reported (from the `if` through its block): an `if err != nil {` block that only logs (no `return`,
no answer, no new value), after the failure of a write, a send or a charge (`h.svc.Cancel(...)`,
`repo.Save(...)`, `client.Charge(...)` on the `if` line or the line before it), followed within a few
statements of the same block, before any `return`, by a 2xx answer, or by a write that records the work
as done (`UPDATE outbox SET sent_at = now()`, `MarkSent(...)`, `status = 'delivered'`): the failed work is
answered, or recorded, as done.
Calls whose failure is commonly best-effort (an audit record, a metric, a cache) do not name such work, and
a comment in the block saying so (best-effort, ignored, non-fatal) keeps it quiet.

And (`_go_marked_done`, Go's reading of ANY-FAILURE-MARKED-DONE): such a block that records the item the
failed call was given as done itself (`exp.Status = StatusDone`), or that logs and `continue`s a loop
followed after the loop by a marking of the batch (`MarkBatchSettled(ctx, batchID)`).
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._go_marked_done import marking_after_logged
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
_SUCCESS_BODY = lazy_re(
    r"[\"'](?:ok|success|verified|approved|sent|queued|done)[\"']\s*:\s*true\b|"
    r"[\"']status[\"']\s*:\s*[\"'](?:ok|success|queued|accepted|sent|done)[\"']"
)
"""A body that says the request worked: `gin.H{"verified": true}`, `{"status": "queued"}`."""
_ERROR_LOG = lazy_re(r"\.(?:Error|Errorf|ErrorContext|Errorw)\s*\(|\.Error\(\)")
_OWN_CODE = lazy_re(r"[\"'](?:code|status|errcode|err_code|success|ok)[\"']|\bCode\s*:|\bSuccess\s*:")
_ENCODE = lazy_re(
    r"^\s*(?:_\s*=\s*|return\s+|if\s+err\w*\s*:?=\s*)?json\.NewEncoder\(\s*(?P<w>w|rw|writer|res|resp)\s*\)"
    r"\.Encode\("
)
_STATUS_SET = lazy_re(r"\.WriteHeader\s*\(|\bhttp\.Error\s*\(")
_WITH_BODY = frozenset({"JSON", "IndentedJSON", "AbortWithStatusJSON", "String"})
_STOPS = lazy_re(r"^\s*(?:return|panic\(|continue\b|break\b)")
LOG_ONLY = lazy_re(
    r"^\s*(?:(?:log|slog|klog|glog|logrus|zap|fmt)\.|(?:[\w.]*\.)?\w*(?:[lL]og|[lL]ogger|[lL]gr)\w*(?:\(\))?\.)"
    r"\w+\s*\(|^\s*(?:[\w.]*\.)?(?:Error|Warn|Info)\(\)"
)
"""A logging statement: `log.Printf(...)`, `h.log.Warn(...)`, `s.logger.Error(...)`, zerolog's
`log.Error().Err(err)...`."""
_WORK_CALL = lazy_re(
    r"\.(?:Charge|Send|Save|Create|Cancel|Refund|Capture|Update|Delete|Publish|Submit|Pay|Transfer|Commit|"
    r"Enqueue|Process|Upload|Provision|Deliver|Insert|Upsert|Exec|Produce|Write|Pause|Resume|Activate|"
    r"Deactivate|Archive|Approve|Reject|Mark|Complete|Finalize|Confirm|Register|Subscribe|Unsubscribe|"
    r"Reserve|Assign|Import|Apply|Issue|Grant|Revoke|Book|Place|Close|Disable|Enable)\w*\s*\("
)
_MARKED_DONE = lazy_re(
    r"(?i)\bMark\w*(?:Sent|Done|Processed|Complete|Completed|Delivered|Published|Paid|Shipped|Synced)\s*\(|"
    r"\b(?:sent|processed|published|delivered|completed|synced)_at\s*=|"
    r"\bstatus\s*=\s*'(?:sent|done|processed|published|delivered|completed|paid|shipped|synced)'"
)
"""A statement that records work as done: `MarkSent(...)`, `SET sent_at = now()`, `status = 'sent'`."""
_BEST_EFFORT = lazy_re(
    r"(?i)best[- ]effort|non[- ]?fatal|must not fail|ignor|optional|not critical|doesn'?t matter"
)


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
        answer = _success_after_logged(ctx, lexed, no, block.last)
        marked = marking_after_logged(ctx, lexed, no, block.last, LOG_ONLY) if answer is None else None
        if marked is not None and any(n in ctx.added for n in range(no, marked + 1)):
            yield Hit(no, block.last if block.last - no <= 8 else None, message=(
                f"This `if {_err_name(bare)} != nil` block only logs the failure, and line {marked} records "
                "the work as done, though it failed: nobody retries it. Record a failed state (or return the "
                "error) instead."))
            continue
        if answer is not None:
            yield Hit(no, block.last if block.last - no <= 8 else None, message=(
                f"This `if {_err_name(bare)} != nil` block only logs the failure and goes on, and line "
                f"{answer} answers success or records the work as done, though it failed. Return the error "
                "(or answer an error status) in the block."))
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
                says_done = _SUCCESS_BODY.search(statement.code) is not None
                if found.group("how") in _WITH_BODY and not says_done and (
                    _ERROR_BODY.search(statement.code) is None or _OWN_CODE.search(statement.code)
                ):
                    break
                logged = any(_ERROR_LOG.search(lexed.bare.get(n, "")) for n in range(no + 1, line))
                if found.group("how") not in _WITH_BODY and not logged and _other_success_after(
                        lexed, block.last, found.group("status")):
                    break
                if line in ctx.added:
                    yield Hit(line, None, message=(
                        f"The `if {_err_name(bare)} != nil` branch answers a success status here: the "
                        "client is told the request worked though the call failed. Answer an error "
                        "status (or return the error)."))
                break
            if _STOPS.match(text):
                break


def _success_after_logged(ctx: FileContext, lexed: Lexed, no: int, last: int) -> int | None:
    """The line of a 2xx answer that follows, in the same block, an `if err != nil {` block (lines `no` to
    `last`) that only logs the failure of a write, send or charge; None otherwise."""
    if lexed.bare.get(last, "").strip() != "}":
        return None  # `} else {`: the error path goes elsewhere
    body = [lexed.bare.get(n, "") for n in range(no + 1, last)]
    statements = [t for t in body if t.strip()]
    if not statements or not LOG_ONLY.match(statements[0]):
        return None
    if any(_STOPS.match(t) or _ANSWER.match(t) or _STATUS_SET.search(t) or "=" in t.split("(")[0]
           for t in statements):
        return None
    if any(_BEST_EFFORT.search(ctx.lines.get(n, "")) for n in range(no - 3, last + 1)):
        return None
    header = lexed.bare.get(no, "")
    previous = lexed.bare.get(no - 1, "")
    if not (_WORK_CALL.search(header) or (";" not in header and _WORK_CALL.search(previous))):
        return None
    indent = indent_of(header)
    seen = 0
    for line in range(last + 1, last + 20):
        text = lexed.bare.get(line)
        if text is None:
            return None
        if not text.strip():
            continue
        if indent_of(text) < indent:
            return None
        if indent_of(text) > indent:
            continue
        found = _ANSWER.match(text) or _MARKED_DONE.search(lexed.code.get(line, ""))
        if found is not None:
            changed = line in ctx.added or any(n in ctx.added for n in range(no, last + 1))
            return line if changed else None
        if _STOPS.match(text) or _STATUS_SET.search(text):
            return None
        seen += 1
        if seen > 4:
            return None
    return None


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
