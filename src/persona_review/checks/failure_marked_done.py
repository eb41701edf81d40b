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
appears in the `try`, in the header of the loop around it, or among the function's parameters). Also
reported: a handler that marks the item done itself after logging; a handler that gives a local the `try`
was to assign a stand-in value (`report = Report.empty()`) and goes on to the marking; and a handler that
logs and `continue`s/`next`s the loop over items, followed after the loop by the marking of the batch or
job (`job.status = COMPLETED`, `runs.updateStatus(runId, RunStatus.COMPLETED)`, `markBatchSettled(...)`):
the skipped items are lost while the whole run reads as complete. Left alone: a handler or `try` that says the
work is best-effort; a `try` that only does side work (a metric, an analytics or audit event, a cache, a
chat message); a handler of an error that means the work was done before (`AlreadyExists`, `Duplicate...`,
`Conflict`); tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import indent_of, indented_block
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
LOG_LINE = lazy_re(
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
    rf"(?i)(?:\b|(?<=[a-z]))status\b[\"']?\s*(?:=|:|=>)\s*(?:[\"']{_DONE_VALUE}[\"']|[\w.]*\.{_DONE_VALUE}\b|:{_DONE_VALUE}\b)"
    rf"|\b(?:set|update|change)_?(?:\w+_?)?status\s*\((?:[^()]*,\s*)?"
    rf"(?:[\"']{_DONE_VALUE}[\"']|[\w.]*\.{_DONE_VALUE}\b|:{_DONE_VALUE}\b)"
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
SIDE_WORK = lazy_re(
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
    """(line, item) of the marking that follows the swallowing handler on line `no` (or ends it), or None."""
    header = lexed.bare[no]
    indent = indent_of(header)
    body, line = indented_block(lexed, no)
    if line not in lexed.bare or not body:
        return None
    if _ALREADY.search(header):
        return None  # the work was done before: marking it done is right
    tried = _try_body(lexed, no, indent)
    if tried is None:
        return None
    calls = [c for n in tried for c in _CALL.findall(lexed.bare.get(n, ""))]
    if calls and all(SIDE_WORK.search(c) for c in calls):
        return None  # a metric, an audit or analytics event: not the work the item is about
    first = min(tried, default=no)
    if any(_BEST_EFFORT.search(ctx.lines.get(n, "")) for n in range(first, max(body) + 1)):
        return None  # said to be best-effort, in a comment or the log message
    loop = _loop_of(lexed, no)
    looped = set(_NAME.findall(lexed.bare[loop])) if loop is not None else set()
    names = _names(lexed, tried) | looped | _signature_names(lexed, no)
    verbs = {verb for n in tried for callee in _CALL.findall(lexed.bare.get(n, ""))
             for stem, verb in _STEMS.items() if callee.rsplit(".", 1)[-1].lower().startswith(stem)}
    inside = _marked_inside(lexed, body, verbs)
    if inside is not None:
        code = "\n".join(lexed.code.get(n, "") for n in _statement(lexed, inside))
        if _records_outcome(code, header):
            return None  # the marking carries the failure (the error, a status code, a -1): it is recorded
        item = _marked_item(code, names)
        return (inside, item) if item is not None else None
    substitutes = _assigned(lexed, tried)
    skips = _SKIPS.match(lexed.bare.get(body[-1], "")) is not None
    if not _swallows(lexed, body[:-1] if skips else body, substitutes) and not (skips and len(body) == 1):
        return None
    closing = lexed.bare[line]
    if skips:
        after = _after_loop(lexed, no, line)
        if after is None:
            return None  # `continue` skips the rest of the loop body: only what follows the loop counts
        line = after
    elif ctx.language != "python" and _CLOSE_ONLY.match(closing) and indent_of(closing) == indent:
        line += 1  # the handler's own closing brace or `end`
    elif _CLEANUP.match(closing):
        line += 1  # a `finally`/`ensure` runs after the swallowed failure too: its marking counts
    elif _OTHER_CLAUSE.match(closing):
        return None  # another handler or an `else` (which runs only on success): not read
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


_SKIPS = lazy_re(r"^\s*(?:continue|next)\s*;?\s*$")
"""A handler's last statement that goes on with the next item of the loop."""
_ASSIGNS = lazy_re(
    r"^\s*(?:(?:final\s+)?[\w$.<>\[\], ]+\s+)?(?:let\s+|const\s+|var\s+)?([A-Za-z_$][\w$]*)\s*=(?!=)"
)


def _marked_inside(lexed: Lexed, body: list[int], verbs: set[str]) -> int | None:
    """The line of a marking in the handler itself, after nothing but logging: the failure path records
    the item as done."""
    for number, line in enumerate(body):
        if _COMPOUND.match(lexed.bare.get(line, "")):
            return None  # a branch decides: not a marking on every failure
        statement = _statement(lexed, line)
        marked = _marking_line(lexed, statement, verbs)
        if marked is not None:
            before = [n for n in body[:number] if n < line]
            return marked if not before or _swallows(lexed, before) else None
        text = lexed.bare.get(line, "")
        if not (LOG_LINE.match(text) or _continued(lexed, line)):
            return None
    return None


_CAUGHT_NAME = lazy_re(r"\bas\s+(\w+)\s*:|=>\s*(\w+)|\bcatch\s*\((?:[^)]*\s)?(\w+)\s*\)")
_SENTINEL = lazy_re(r"(?<![\w.])-1\b|\bnil\b|\bNone\b|\bnull\b")


def _records_outcome(code: str, header: str) -> bool:
    """A marking in a handler that records how the work failed: it is given the caught error (or something
    read from it), a failure word, or a sentinel (`-1`, `None`) for the result."""
    caught = _CAUGHT_NAME.search(header)
    name = next((g for g in caught.groups() if g), None) if caught else None
    return bool((name and re.search(rf"\b{re.escape(name)}\b", code)) or _SENTINEL.search(code)
                or _NOTES_FAILURE.search(code))


_COMPOUND = lazy_re(r"^\s*(?:\}\s*)?(?:if|unless|case|switch|for|while|until|else|elif|when)\b")


def _continued(lexed: Lexed, line: int) -> bool:
    """Line `line` continues an open bracket of the line above (the arguments of a log call)."""
    above = lexed.bare.get(line - 1, "")
    return sum(above.count(o) - above.count(c) for o, c in ("()", "[]", "{}")) > 0 or lexed.bare.get(
        line, "").strip().startswith((")", "]", "}"))


def _assigned(lexed: Lexed, lines: list[int]) -> set[str]:
    """Locals the `try` assigns: a handler that gives one of them a stand-in value goes on as if it worked."""
    return {m.group(1) for n in lines for m in [_ASSIGNS.match(lexed.bare.get(n, ""))] if m}


def _after_loop(lexed: Lexed, handler: int, line: int) -> int | None:
    """The first line after the loop around the handler on line `handler` (from line `line`, the first after
    the handler's body), or None when no loop is in view."""
    loop = _loop_of(lexed, handler)
    if loop is None:
        return None
    indent = indent_of(lexed.bare[loop])
    while line in lexed.bare and (not lexed.bare[line].strip() or indent_of(lexed.bare[line]) > indent):
        line += 1
    if line in lexed.bare and _CLOSE_ONLY.match(lexed.bare[line]):
        line += 1  # the loop's closing brace or `end`
    return line if line in lexed.bare else None


def _loop_of(lexed: Lexed, handler: int) -> int | None:
    """The line of the loop header around the handler's `try` (a Ruby `each do` block whose own `rescue`
    the handler is counts)."""
    indent = indent_of(lexed.bare.get(handler, ""))
    ruby_block = True
    for line in range(handler - 1, max(0, handler - 200), -1):
        text = lexed.bare.get(line)
        if text is None:
            return None
        if not text.strip() or indent_of(text) > indent:
            continue
        if ruby_block and indent_of(text) == indent:
            if _LOOP.search(text) and _RB_BLOCK.search(text):
                return line
            if not _CLOSE_ONLY.match(text):
                ruby_block = False
            continue
        if indent_of(text) >= indent:
            continue
        indent = indent_of(text)
        if _LOOP.search(text):
            return line
        if _FUNCTION.search(text):
            return None
    return None


_RB_BLOCK = lazy_re(r"\bdo\b(?:\s*\|[^|]*\|)?\s*$")
_SIGNATURE = lazy_re(
    r"^\s*(?:async\s+)?def\s+\w+[?!]?\s*(?:\((?P<py>[^)]*)\)?|(?P<rb>.*))$|\bfunction\b[^(]*\((?P<js>[^)]*)\)"
    r"|^\s*(?:(?:public|private|protected|static|final|async|synchronized)\s+)*[\w$<>\[\],. ]*?\b\w+\s*\("
    r"(?P<java>[^)]*)\)\s*(?:throws\s+[\w.,\s]+)?\{\s*$|^\s*(?:export\s+)?(?:const|let)\s+\w+\s*=\s*"
    r"(?:async\s+)?\((?P<arrow>[^)]*)\)\s*(?::[^=]*)?=>"
)


def _signature_names(lexed: Lexed, handler: int) -> set[str]:
    """The parameter names of the function around the handler: the job, run or batch it was given."""
    indent = indent_of(lexed.bare.get(handler, ""))
    for line in range(handler - 1, max(0, handler - 300), -1):
        text = lexed.bare.get(line)
        if text is None:
            return set()
        if not text.strip() or indent_of(text) > indent:
            continue
        found = _SIGNATURE.search(text)
        if found is not None and not re.match(r"^\s*(?:\}\s*)?(?:if|for|while|switch|catch)\b", text):
            params = next((g for g in found.groups() if g), "")
            return set(_NAME.findall(params)) - {"self", "this", "cls", "ctx", "context", "async", "final"}
        indent = min(indent, indent_of(text))
    return set()


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


_MARK_WORDS = ("status", "mark", "_at", "sentat", "edat", "true")
"""Texts (lower case) one of which every marking `_MARKED_DONE`, `_VERB_MARKED` and `_marks_done` read
holds: a statement without any is passed over before those long patterns (compiled on first use) run."""


def _may_mark(code: str) -> bool:
    lowered = code.lower()
    return any(word in lowered for word in _MARK_WORDS)


def _marking_line(lexed: Lexed, statement: list[int], verbs: set[str]) -> int | None:
    """The line of `statement` that records the item as done, or None."""
    for n in statement:
        code = lexed.code.get(n, "")
        if not _may_mark(code):
            continue
        if marks_done(code):
            return n
        said = _VERB_MARKED.search(code)
        if said is not None and any(said.group(g) and said.group(g).lower().startswith(v[:4])
                                    for g in ("s1", "s2", "s3", "s4", "s5", "s6") for v in verbs):
            return n
    first = lexed.bare.get(statement[0], "")
    if "return" in first and _SUCCESS_RESULT.match(first):
        return statement[0]
    return None


_WORDS = lazy_re(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_DONE_WORD = lazy_re(rf"(?i){_DONE_VALUE}")


def marks_done(code: str) -> bool:
    """Whether `code` (a code view) records an item as done: a done status or time, a `mark...Done` call."""
    if not _may_mark(code):
        return False
    return _MARKED_DONE.search(code) is not None or any(_marks_done(callee) for callee in _CALL.findall(code))


def _marks_done(callee: str) -> bool:
    """A call named `mark...<done word>`: `markBatchSettled`, `MarkItemPaid`, `mark_export_complete`."""
    words = _WORDS.findall(callee.rsplit(".", 1)[-1])
    return len(words) >= 2 and words[0].lower() == "mark" and _DONE_WORD.fullmatch(words[-1]) is not None


def _swallows(lexed: Lexed, body: list[int], substitutes: set[str] | None = None) -> bool:
    """Whether the handler body only logs or passes: each statement a log call or `pass` (or the stand-in
    value of a local in `substitutes`, one the `try` was to assign)."""
    if not body:
        return False
    depth = 0
    for line in body:
        text = lexed.bare.get(line, "")
        if _LEAVES.search(text) or (_NOTES_FAILURE.search(text) and not LOG_LINE.match(text)):
            return False
        stand_in = _ASSIGNS.match(text)
        if depth <= 0 and not (LOG_LINE.match(text) or _PASS.match(text) or _CLOSE_ONLY.match(text)
                               or (stand_in is not None and stand_in.group(1) in (substitutes or set()))):
            return False
        depth += sum(text.count(o) - text.count(c) for o, c in ("()", "[]", "{}"))
    return True


def _try_body(lexed: Lexed, handler: int, indent: int, *, cut: bool = False) -> list[int] | None:
    """The lines of the `try`/`begin` body that the handler on line `handler` belongs to. With `cut`, a
    body whose opening line is above the hunk (the hunk starts inside it: every line seen is indented
    deeper than the handler) is the part in view."""
    lines: list[int] = []
    line = handler - 1
    while handler - line < 200:
        if line not in lexed.bare:
            return lines if cut and lines and line < min(lexed.bare, default=line) else None
        text = lexed.bare[line]
        if text.strip() and indent_of(text) <= indent:
            if _TRY.match(text) or re.search(r"\btry\s*\{\s*$", text) or _RB_BLOCK.search(text):
                return lines  # a `try`, or a Ruby block (`each do |row|`) whose own `rescue` this is
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


def _marked_item(code: str, names: set[str]) -> str | None:
    """The item the marking is about, when it is one the `try` (or its loop) worked on."""
    receiver: str
    for receiver in _RECEIVER.findall(code):
        if receiver in names and receiver not in {"self", "this", "session", "db", "Time", "datetime", "Date",
                                                  "Instant", "clock", "timezone", "now"}:
            return receiver
    name: str
    for name in _NAME.findall(code.split("(", 1)[1] if "(" in code else ""):
        if name in names and name not in {"self", "this", "now", "Instant", "new", "Date", "datetime"}:
            return name
    return None


_RB_ANSWER = lazy_re(
    r"^\s*(?:return\s+)?(?:render\b(?P<render>.*)|head\s+(?P<head>:\w+|\d{3})|redirect_to\b(?P<redirect>.*)"
    r"|(?:status|halt)\s+(?P<status>20[0-4])\b.*|json\s+(?P<json>.*))$"
)
"""An answer: Rails' `render`/`head`/`redirect_to`, Sinatra's `status 200`/`halt 200`/`json ...`."""
_RB_ERROR_STATUS = lazy_re(
    r"status:\s*(?::(?!ok\b|created\b|accepted\b|no_content\b)\w+|[45]\d\d)|\balert:|\berror\b"
)
_RB_ASSIGNED = lazy_re(r"^\s*(@?\w+)\s*=(?!=)")
_RB_SUCCESS_HEAD = lazy_re(r"^(?::ok|:created|:accepted|:no_content|20[0-4])$")
_RB_WORK = lazy_re(
    r"\.(?:charge|send|save|create|cancel|refund|capture|update|destroy|delete|publish|submit|pay|transfer|"
    r"deliver|enqueue|perform|process|sync|upload|provision|subscribe|unsubscribe|confirm|approve|call|apply|"
    r"execute)\w*[!?]?"
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
    body, line = indented_block(lexed, no)
    if not body:
        return None
    answer_inside = next((n for n in body if _rb_success(lexed, n)), None)
    if answer_inside is not None:
        if not _swallows(lexed, [n for n in body if n < answer_inside]):
            return None
    elif not _swallows(lexed, body):
        return None
    tried = _try_body(lexed, no, indent, cut=True)
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
    code = "\n".join(lexed.code.get(n, "") for n in _statement(lexed, no))  # `render json: {...}, status:`
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
