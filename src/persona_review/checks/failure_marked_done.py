"""Work that failed, recorded as done: an error handler that only logs, followed by the line that marks
the item finished.

    for req in pending_requests(session):
        try:
            req.location = upload_export(req, build_export(req))
        except Exception:
            logger.exception("export %s failed", req.id)
        req.status = "done"            # the failed export is recorded as finished: nobody retries it

A job, an outbox relay or an import that swallows the failure and then stores the item as done, sent or
complete loses the work for good: the status is what the retry, the reconciler and the user all read.
Reported, in Python, JavaScript/TypeScript, Java and Ruby (Go's `if err != nil { log }` is read by
GO-ERROR-ANSWERED-OK), from the handler to the marking: a `catch`/`except`/`rescue` whose body only logs or
passes (no return, rethrow, `continue`/`next`, nor a note of the failure: no `fail...`, retry, counter or
list it adds to), followed, within a few statements of the same block or of the blocks around it (the end
of a loop over rows, then the job's status), by a statement that marks done: a status set to a done value
(`"done"`, `'sent'`, `Status.COMPLETED`, `setStatus(ImportStatus.COMPLETED)`, `update(status: "done")`),
a `..._at` time of sending or processing (`sent_at = now()`, `setSentAt(...)`, `processed_at:`), or a
`mark_done`/`markSent`/`markAsProcessed` call. The marked item must be one the `try` worked on (its name
appears in the `try` or in the header of the loop around it). Left alone: a handler or `try` that says the
work is best-effort; a `try` that only does side work (a metric, an analytics or audit event, a cache, a
chat message); a handler of an error that means the work was done before (`AlreadyExists`, `Duplicate...`,
`Conflict`); tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_LANGUAGES = frozenset({"python", "javascript", "typescript", "java", "ruby"})
_TEST_PATH = lazy_re(
    r"(?:^|/)(?:tests?|spec|__tests__|testdata|testing)/|(?:_test|_spec|Test|Tests|\.test|\.spec)\.\w+$"
    r"|(?:^|/)test_[^/]*\.py$"
)
_HANDLER = lazy_re(r"^\s*(?:\}\s*)?(?:catch|except|rescue)\b")
_TRY = lazy_re(r"^\s*(?:try|begin)\b")
_OTHER_CLAUSE = lazy_re(r"^\s*(?:\}\s*)?(?:catch|except|rescue|finally|ensure|else)\b")
_CLEANUP = lazy_re(r"^\s*(?:\}\s*)?(?:finally|ensure)\b")
_LOG = lazy_re(
    r"(?i)^\s*(?:[\w$.]*\b(?:log|logger|logging|_log|slog|console|sentry|honeybadger|bugsnag|rollbar)\b"
    r"[\w$.]*\s*\.\s*\w+|(?:print|puts|warn|pp|p)\b|Rails\.error\.report|capture_?exception)"
    r"|^\s*[A-Z_]*LOG(?:GER)?\s*\.\s*\w+\s*\("
)
_PASS = lazy_re(r"^\s*(?:pass|\.\.\.)\s*;?\s*$")
_LEAVES = lazy_re(
    r"(?m)^\s*(?:return|continue|break|raise|throw|next|redo|retry|exit)\b|\bthrow\b|\braise\b|\bretry\b"
)
_NOTES_FAILURE = lazy_re(
    r"(?i)fail|\berrors?\s*(?:\.|\[|<<|\+=)|\.(?:append|push|add|increment|incr|inc)\s*\(|\+=|<<|retr|"
    r"dead|nack|reject|requeue"
)
"""A handler that keeps a note of the failure (a failed status, a list or count of errors, a retry)."""
_DONE_VALUE = (
    r"(?:done|sent|complete|completed|processed|published|delivered|succeeded|success|successful|paid|shipped|"
    r"synced|finished|exported|imported|uploaded|notified|fulfilled|refunded|charged|captured|settled|issued|"
    r"transferred|credited|redeemed|transcoded)"
)
_VERB_DONE = (
    r"(?:cancell?ed|canceled|voided|approved|activated|confirmed|provisioned)"
)
"""States that say one particular operation happened: they mark the item done only when the `try` made that
call (`cancel...` then "cancelled"). After another failure they are often the right answer: a failed charge
followed by `status = "cancelled"` records the failure."""
_MARKED_DONE = lazy_re(
    rf"(?i)\bstatus\b[\"']?\s*(?:=|:|=>)\s*(?:[\"']{_DONE_VALUE}[\"']|[\w.]*\.{_DONE_VALUE}\b|:{_DONE_VALUE}\b)"
    rf"|\bset_?status\s*\(\s*(?:[\"']{_DONE_VALUE}[\"']|[\w.]*\.{_DONE_VALUE}\b|:{_DONE_VALUE}\b)"
    rf"|(?:\b|(?<=_))(?:sent|processed|published|delivered|completed|synced|finished|exported|notified)_?at\b"
    rf"[\"']?\s*"
    rf"(?:=(?!=)|:|=>|\()"
    rf"|\bset(?:Sent|Processed|Published|Delivered|Completed|Synced|Finished|Exported|Notified)At\s*\("
    rf"|\bmark_?(?:as_?)?{_DONE_VALUE}!?\s*[(!]?"
    rf"|\b(?:processed|sent|delivered|published|done|completed)\b\s*(?:=(?!=)|:)\s*(?:true|True)\b"
)
"""A statement that records an item as done (the value is read in the code view, strings kept)."""
_VERB_MARKED = lazy_re(
    rf"(?i)\bstatus\b[\"']?\s*(?:=|:|=>)\s*(?:[\"'](?P<s1>{_VERB_DONE})[\"']|[\w.]*\.(?P<s2>{_VERB_DONE})\b"
    rf"|:(?P<s3>{_VERB_DONE})\b)"
    rf"|\bset_?status\s*\(\s*(?:[\"'](?P<s4>{_VERB_DONE})[\"']|[\w.]*\.(?P<s5>{_VERB_DONE})\b)"
    rf"|\bmark_?(?:as_?)?(?P<s6>{_VERB_DONE})!?\s*[(!]?"
)
_STEMS = {"cancel": "cancel", "void": "void", "approv": "approve", "activat": "activate",
          "confirm": "confirm", "provision": "provision"}
_SUCCESS_RESULT = lazy_re(
    r"^\s*return\s+(?:new\s+)?(?!ResponseEntity\b|HttpResponse\b)[A-Z][\w$]*\s*\.\s*"
    r"(?:ok|success|succeeded|successful|done|completed)\s*\("
)
"""A method that returns a success value of its own result type: `return RedemptionResult.ok(...)`,
`return Outcome.success(...)`."""
_BEST_EFFORT = lazy_re(
    r"(?i)best[- ]effort|non[- ]?fatal|must not fail|not critical|optional|ignor|doesn'?t matter"
)
_SIDE_WORK = lazy_re(
    r"(?i)slack|track|analytic|metric|stats|statsd|audit|telemetry|sentry|cache|gauge|counter"
)
_ALREADY = lazy_re(r"(?i)already|duplicate|exists|conflict|unique|integrity")
_CALL = lazy_re(r"([A-Za-z_$][\w$.]*)\s*\(")
_FUNCTION = lazy_re(
    r"^\s*(?:async\s+)?def\s|\bfunction\b|^\s*class\s|^\s*(?:public|private|protected|static)\s[^=;]*\([^;]*"
    r"\)\s*(?:throws\s+[\w.,\s]+)?\{\s*$"
)
_LOOP = lazy_re(r"^\s*(?:for|while|until|loop)\b|\.(?:each|find_each|each_with_index|forEach|map)\b")
_CLOSE_ONLY = lazy_re(r"^\s*[})\]]+\s*[);,]*\s*$|^\s*end\s*$")
_NAME = lazy_re(r"[A-Za-z_$][\w$]*")
_STATEMENTS = 5
"""How many statements after the handler are read for the marking."""
_RECEIVER = lazy_re(r"([A-Za-z_$][\w$]*)\s*(?:\.|\[|\()")


@register(
    CheckSpec(
        id="ANY-FAILURE-MARKED-DONE",
        checklist_item="ERR-02",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_LANGUAGES,
        title="Failed work recorded as done",
        explanation=(
            "The handler only logs the failure and the code goes on to mark the item done, sent or complete: "
            "the stored status now says the work happened, so no retry, reconciler or user ever looks at it "
            "again, and the failure survives only as a log line. On failure record a failed status (or "
            "leave it pending and rethrow) and skip the marking: `continue`, `return`, or mark done inside "
            "the `try` after the work."
        ),
    ),
    needs=("catch", "except", "rescue"),
)
def failure_marked_done(ctx: FileContext) -> Iterator[Hit]:
    if _TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    for no, bare in sorted(lexed.bare.items()):
        if _HANDLER.match(bare) is None:
            continue
        found = _marked_after(ctx, lexed, no)
        if found is None:
            continue
        marked, what = found
        if no not in ctx.added and marked not in ctx.added and not any(
                n in ctx.added for n in range(no, marked)):
            continue
        yield Hit(no, marked if marked - no <= 10 else None, message=(
            f"This handler only logs the failure, and line {marked} then records `{what}` as done: the "
            "failed work is stored as finished and never retried. Record the failure (or rethrow) and "
            "skip the marking."))


def _marked_after(ctx: FileContext, lexed: Lexed, no: int) -> tuple[int, str] | None:
    """(line, item) of the marking that follows the swallowing handler on line `no`, or None."""
    header = lexed.bare[no]
    indent = indent_of(header)
    body: list[int] = []
    line = no + 1
    while line in lexed.bare:
        text = lexed.bare[line]
        if text.strip() and indent_of(text) <= indent:
            break
        if text.strip():
            body.append(line)
        line += 1
    if line not in lexed.bare:
        return None
    if not _swallows(lexed, body):
        return None
    closing = lexed.bare[line]
    if ctx.language != "python" and _CLOSE_ONLY.match(closing) and indent_of(closing) == indent:
        line += 1  # the handler's own closing brace or `end`
    elif _CLEANUP.match(closing):
        line += 1  # a `finally`/`ensure` runs after the swallowed failure too: its marking counts
    elif _OTHER_CLAUSE.match(closing):
        return None  # another handler or an `else` (which runs only on success): not read
    if _ALREADY.search(header):
        return None  # the work was done before: marking it done is right
    tried = _try_body(lexed, no, indent)
    if tried is None:
        return None
    calls = [c for n in tried for c in _CALL.findall(lexed.bare.get(n, ""))]
    if calls and all(_SIDE_WORK.search(c) for c in calls):
        return None  # a metric, an audit or analytics event: not the work the item is about
    first = min(tried, default=no)
    if any(_BEST_EFFORT.search(ctx.lines.get(n, "")) for n in range(first, max(body) + 1)):
        return None  # said to be best-effort, in a comment or the log message
    names = _names(lexed, tried) | _loop_names(lexed, no)
    verbs = {verb for n in tried for callee in _CALL.findall(lexed.bare.get(n, ""))
             for stem, verb in _STEMS.items() if callee.rsplit(".", 1)[-1].lower().startswith(stem)}
    seen = 0
    while line in lexed.bare and seen < _STATEMENTS:
        text = lexed.bare[line]
        if not text.strip() or _CLOSE_ONLY.match(text):
            line += 1
            continue
        if _FUNCTION.search(text) or _OTHER_CLAUSE.match(text):
            return None
        statement = _statement(lexed, line)
        line = statement[-1] + 1
        code = "\n".join(lexed.code.get(n, "") for n in statement)
        marked = _marking_line(lexed, statement, verbs)
        if marked is not None:
            item = _marked_item(code, names)
            return (marked, item) if item is not None else None
        if any(_LEAVES.search(lexed.bare.get(n, "")) for n in statement):
            return None
        seen += 1
    return None


def _statement(lexed: Lexed, first: int) -> list[int]:
    """The lines of the statement that starts on line `first`: up to the line where its brackets close."""
    lines: list[int] = []
    depth = 0
    line = first
    while line in lexed.bare and len(lines) < 12:
        text = lexed.bare[line]
        lines.append(line)
        depth += sum(text.count(o) - text.count(c) for o, c in ("()", "[]", "{}"))
        if depth <= 0:
            break
        line += 1
    return lines


def _marking_line(lexed: Lexed, statement: list[int], verbs: set[str]) -> int | None:
    """The line of `statement` that records the item as done, or None."""
    for n in statement:
        code = lexed.code.get(n, "")
        if _MARKED_DONE.search(code):
            return n
        said = _VERB_MARKED.search(code)
        if said is not None and any(said.group(g) and said.group(g).lower().startswith(v[:4])
                                    for g in ("s1", "s2", "s3", "s4", "s5", "s6") for v in verbs):
            return n
    if _SUCCESS_RESULT.match(lexed.bare.get(statement[0], "")):
        return statement[0]
    return None


def _swallows(lexed: Lexed, body: list[int]) -> bool:
    """Whether the handler body only logs or passes: each statement a log call or `pass`."""
    if not body:
        return False
    depth = 0
    for line in body:
        text = lexed.bare.get(line, "")
        if _LEAVES.search(text) or (_NOTES_FAILURE.search(text) and not _LOG.match(text)):
            return False
        if depth <= 0 and not (_LOG.match(text) or _PASS.match(text) or _CLOSE_ONLY.match(text)):
            return False
        depth += sum(text.count(o) - text.count(c) for o, c in ("()", "[]", "{}"))
    return True


def _try_body(lexed: Lexed, handler: int, indent: int) -> list[int] | None:
    """The lines of the `try`/`begin` body that the handler on line `handler` belongs to."""
    lines: list[int] = []
    line = handler - 1
    while line in lexed.bare and handler - line < 200:
        text = lexed.bare[line]
        if text.strip() and indent_of(text) <= indent:
            if _TRY.match(text) or re.search(r"\btry\s*\{\s*$", text):
                return lines
            if _OTHER_CLAUSE.match(text):
                lines = []  # an earlier handler of the same `try`
            elif not _CLOSE_ONLY.match(text):
                return None
        elif text.strip():
            lines.append(line)
        line -= 1
    return None


def _names(lexed: Lexed, lines: list[int]) -> set[str]:
    return {name for n in lines for name in _NAME.findall(lexed.bare.get(n, ""))}


def _loop_names(lexed: Lexed, handler: int) -> set[str]:
    """Names in the header of the loop around the handler's `try` (`for req in pending:`)."""
    indent = indent_of(lexed.bare.get(handler, ""))
    for line in range(handler - 1, max(0, handler - 200), -1):
        text = lexed.bare.get(line)
        if text is None:
            return set()
        if not text.strip() or indent_of(text) >= indent:
            continue
        indent = indent_of(text)
        if _LOOP.search(text):
            return set(_NAME.findall(text))
        if _FUNCTION.search(text):
            return set()
    return set()


def _marked_item(code: str, names: set[str]) -> str | None:
    """The item the marking is about, when it is one the `try` (or its loop) worked on."""
    receiver: str
    for receiver in _RECEIVER.findall(code):
        if receiver in names and receiver not in {"self", "this", "session", "db", "Time", "datetime"}:
            return receiver
    name: str
    for name in _NAME.findall(code.split("(", 1)[1] if "(" in code else ""):
        if name in names and name not in {"self", "this", "now", "Instant", "new", "Date", "datetime"}:
            return name
    return None


_RB_ANSWER = lazy_re(
    r"^\s*(?:return\s+)?(?:render\b(?P<render>.*)|head\s+(?P<head>:\w+|\d{3})|redirect_to\b(?P<redirect>.*))$"
)
_RB_ERROR_STATUS = lazy_re(
    r"status:\s*(?::(?!ok\b|created\b|accepted\b|no_content\b)\w+|[45]\d\d)|\balert:|\berror\b"
)
_RB_ASSIGNED = lazy_re(r"^\s*(@?\w+)\s*=(?!=)")
_RB_SUCCESS_HEAD = lazy_re(r"^(?::ok|:created|:accepted|:no_content|20[0-4])$")
_RB_WORK = lazy_re(
    r"\.(?:charge|send|save|create|cancel|refund|capture|update|destroy|delete|publish|submit|pay|transfer|"
    r"deliver|enqueue|perform|process|sync|upload|provision|subscribe|unsubscribe|confirm|approve)\w*[!?]?"
    r"(?:\s*\(|\s+\S|\s*$)"
)


@register(
    CheckSpec(
        id="RB-ERROR-ANSWERED-OK",
        checklist_item="ERR-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"ruby"}),
        title="Failed work answered with a success status",
        explanation=(
            "The `rescue` only logs the failure and the action goes on to answer success (`render json:` "
            "with a 2xx or no status, `head :ok`, a redirect with a notice): the client, its retries and "
            "error-rate monitoring are told the work was done. Answer an error status in the `rescue` "
            "(`status: :bad_gateway`, `:unprocessable_entity`, ...) and return, or let the error reach the "
            "exception handler."
        ),
    ),
    needs=("rescue",),
)
def ruby_error_answered_ok(ctx: FileContext) -> Iterator[Hit]:
    """A `rescue` that only logs the failure of a write, send or charge its `begin` did, followed (or ended)
    by an answer that says the work was done. A comment or message saying the work is best-effort keeps it
    quiet."""
    if _TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    for no, bare in sorted(lexed.bare.items()):
        if _HANDLER.match(bare) is None:
            continue
        answer = _rb_success_after(ctx, lexed, no)
        if answer is None or (no not in ctx.added and answer not in ctx.added):
            continue
        yield Hit(no, answer if answer - no <= 10 else None, message=(
            f"This `rescue` only logs the failure, and line {answer} answers success: the client is told "
            "the work was done. Answer an error status in the `rescue` and return."))


def _rb_success_after(ctx: FileContext, lexed: Lexed, no: int) -> int | None:
    indent = indent_of(lexed.bare[no])
    body: list[int] = []
    line = no + 1
    while line in lexed.bare:
        text = lexed.bare[line]
        if text.strip() and indent_of(text) <= indent:
            break
        if text.strip():
            body.append(line)
        line += 1
    if not body:
        return None
    answer_inside = next((n for n in body if _rb_success(lexed, n)), None)
    if answer_inside is not None:
        if not _swallows(lexed, [n for n in body if n < answer_inside]):
            return None
    elif not _swallows(lexed, body):
        return None
    tried = _try_body(lexed, no, indent)
    if tried is None and lexed.bare.get(line, "").strip() == "end" and answer_inside is None:
        return None
    if tried is None:
        tried = _method_body(lexed, no, indent)
    if not tried or not any(_RB_WORK.search(lexed.bare.get(n, "")) for n in tried):
        return None
    first = min(tried)
    if any(_BEST_EFFORT.search(ctx.lines.get(n, "")) for n in range(first, max(body) + 1)):
        return None
    if answer_inside is not None:
        return answer_inside
    assigned = {m.group(1) for n in tried for m in [_RB_ASSIGNED.match(lexed.bare.get(n, ""))] if m}
    if lexed.bare.get(line, "").strip() != "end" or indent_of(lexed.bare[line]) != indent:
        return None  # another `rescue`, an `ensure`/`else`, or the method's own end
    seen = 0
    line += 1
    while line in lexed.bare and seen < 4:
        text = lexed.bare[line]
        line += 1
        if not text.strip():
            continue
        if indent_of(text) < indent or _LEAVES.search(text):
            return None
        if _rb_success(lexed, line - 1):
            if any(re.search(rf"(?<![\w@]){re.escape(name)}\b", text) for name in assigned):
                return None  # answers what the block failed to assign: RB-RESCUE-LOGGED-CONTINUES says so
            return line - 1
        seen += 1
    return None


def _rb_success(lexed: Lexed, no: int) -> bool:
    """Whether line `no` answers the request as a success."""
    found = _RB_ANSWER.match(lexed.bare.get(no, ""))
    if found is None:
        return False
    code = lexed.code.get(no, "")
    if found.group("head") is not None:
        return _RB_SUCCESS_HEAD.match(found.group("head")) is not None
    return _RB_ERROR_STATUS.search(code) is None


def _method_body(lexed: Lexed, rescue: int, indent: int) -> list[int]:
    """The lines of a `def` whose own `rescue` (at the `def`'s indent) is on line `rescue`."""
    lines: list[int] = []
    line = rescue - 1
    while line in lexed.bare and rescue - line < 200:
        text = lexed.bare[line]
        if text.strip() and indent_of(text) <= indent:
            return lines if text.lstrip().startswith("def ") else []
        if text.strip():
            lines.append(line)
        line -= 1
    return []
