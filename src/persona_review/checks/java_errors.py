"""Error-handling checks for Java: empty catch blocks, catch-alls that swallow, discarded exception "
"details."""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._catch import Catch, catches, try_of
from persona_review.checks._handler_comments import explains
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import brace_block, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JAVA = frozenset({"java"})
_ERR = Category.ERROR_HANDLING
_INTENTIONAL = lazy_re(r"^(?:ignored?|expected|unused|_)$", re.IGNORECASE)


@register(
    CheckSpec(
        id="JAVA-EMPTY-CATCH",
        checklist_item="ERR-01",
        category=_ERR,
        severity=Severity.HIGH,
        languages=_JAVA,
        title="Empty catch block swallows the exception",
        explanation=(
            "An empty catch hides the failure completely: no log, no metric, and the caller proceeds as if "
            "the operation worked. Handle it, rethrow it wrapped with context, or at least log it with the "
            "exception; for InterruptedException restore the flag with `Thread.currentThread().interrupt()`. "
            "Name the variable `ignored` and explain why if swallowing is really intended."
        ),
    ),
    needs=("catch",),
)
def empty_catch(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for clause in catches(lexed):
        if clause.empty and not (clause.name and _INTENTIONAL.match(clause.name)) \
                and not explains(ctx, lexed, clause.line, clause.last):
            yield Hit(clause.line, clause.last)


_BROAD = lazy_re(r"^(?:java\.lang\.)?(?:Exception|Throwable|RuntimeException|Error|NullPointerException)$")
_HANDLED = lazy_re(r"\bthrow\b|\bThread\.currentThread\(\)\.interrupt\(\)|\bSystem\.exit\(")
_LOGGER = r"\b(?:log|logger|LOG|LOGGER|_log|_logger|\w*[lL]og(?:ger)?)"
_TRACE_LEVELS = r"(?:error|warn|fatal|log\s*\(\s*(?:java\.util\.logging\.)?Level\.(?:SEVERE|WARNING)\s*,)"


def _logs_trace(body: str, name: str | None) -> bool:
    """Whether the block logs the caught exception itself at warning level or above, as the last argument
    of a logger call (`log.error("sync failed", e)`): SLF4J, Log4j and java.util.logging then print its
    stack trace, the Java form of Python's `logger.exception`."""
    if not name:
        return False
    return re.search(rf"{_LOGGER}\.{_TRACE_LEVELS}[^;]*[(,]\s*{re.escape(name)}\s*\)\s*;", body) is not None


@register(
    CheckSpec(
        id="JAVA-BROAD-CATCH",
        checklist_item="ERR-02",
        category=_ERR,
        severity=Severity.MEDIUM,
        languages=_JAVA,
        title="Catch-all (`Exception`/`Throwable`/`RuntimeException`) that neither rethrows nor logs it",
        explanation=(
            "Catching Exception or Throwable also catches programming errors (NullPointerException, "
            "IllegalStateException) and, for Throwable, OutOfMemoryError, then carries on as if it were an "
            "expected failure, with no stack trace left to find the cause by. Catch the checked exceptions "
            "the call declares and let the rest reach the top-level handler; where a catch-all is the "
            "boundary (a scheduled job, a listener), log the exception itself (`log.error(\"...\", e)`)."
        ),
    ),
    needs=("catch",),
)
def broad_catch(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for clause in catches(lexed):
        types = [t.strip() for t in clause.types.split("|")]
        if not any(_BROAD.match(t) for t in types) or clause.empty:
            continue
        if not clause.complete or _HANDLED.search(clause.body) or _logs_trace(clause.body, clause.name):
            continue
        if _deliberate(clause.body, clause.name):
            continue
        if _only_logs(clause.body):
            loop = _loop_of_try(lexed, clause.line)
            if loop is not None and not _item_marked_after(lexed, clause, loop):
                continue  # one item's failure logged, the loop goes on with the next: the loop's the boundary
        yield Hit(clause.line)


_FOR_EACH = lazy_re(r"\bfor\s*\(\s*(?:final\s+)?[\w$.<>\[\],?\s]+?\s(?P<var>[A-Za-z_$][\w$]*)\s*:[^:]")
_CONTINUE = lazy_re(r"\bcontinue\b")


def _item_marked_after(lexed: Lexed, clause: Catch, loop: int) -> bool:
    """Whether, after the `try` that failed, the same pass of a for-each loop goes on to use the item
    (`invoice.markEmailed(); invoices.save(invoice);`): the failure logged, the item is then treated as if
    the call had worked. A catch that `continue`s skips that code, and a loop whose body ends with the
    `try` leaves nothing after it."""
    head = _FOR_EACH.search(lexed.bare.get(loop, ""))
    if head is None or _CONTINUE.search(clause.body):
        return False
    item = re.compile(rf"(?<![\w$.]){re.escape(head.group('var'))}\b")
    tail = lexed.bare.get(clause.last, "")
    text = tail[tail.find("}") + 1 :] if "}" in tail else ""
    no, depth = clause.last, 0
    while no - clause.last < _LOOKBACK:
        for i, ch in enumerate(text):
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth < 0:
                    return item.search(text, 0, i) is not None  # the loop's body ends here
        if item.search(text):
            return True
        no += 1
        if no not in lexed.bare:
            return False
        text = lexed.bare[no]
    return False


_LOG_CALL = lazy_re(rf"{_LOGGER}\.\w+\s*\(|\bSystem\.(?:out|err)\.\w+\s*\(|[\w$.]*\.printStackTrace\s*\(")
_DETAIL = r"(?:getMessage|getLocalizedMessage|toString)"
_FAILURE_CALL = lazy_re(
    r"\b\w*(?:[Ee]rror|[Ff]ail(?:ure|ed)?)\w*\s*\(|\bset(?:Success|Succeeded|Ok|Valid)\w*\s*\(\s*false\s*\)"
)
_DEFAULT = lazy_re(
    r"^[A-Za-z_$][\w$]*\s*=\s*(?:null|true|false|-?[\d.]+[LlFfDd]?|\"[^\"]*\"|'.'|[\w$.]+|new\s+[\w$.<>]+\(\s*\))$"
)
_COUNTS = lazy_re(
    r"^(?:\+\+\s*\w*(?i:err|fail)\w*|\w*(?i:err|fail)\w*\s*(?:\+\+|\+=.*)|\w*(?i:err|fail)\w*\.add\w*\(.*\))$"
)


_LOOP_HEAD = lazy_re(r"\b(?:for|while|do)\b[^;]*\{\s*$|\bdo\s*\{\s*$")
_LOOKBACK = 400


_STRING = lazy_re(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')


def _only_logs(body: str) -> bool:
    """The body logs (at any level, or prints) and perhaps counts or goes on (`continue`), nothing else."""
    body = _STRING.sub('""', body)
    statements = [s.strip() for s in body.split(";") if s.strip()]
    return bool(statements) and "{" not in body and all(
        _LOG_CALL.match(s) or s == "continue" or _COUNTS.match(s) for s in statements
    )


def _loop_of_try(lexed: Lexed, catch_line: int) -> int | None:
    """The line of the `for`/`while`/`do` whose body starts with the `try` this catch closes, if it does
    (the `try` found at most `_LOOKBACK` lines above)."""
    tried = try_of(lexed, catch_line, _LOOKBACK)
    if tried is None:
        return None
    return _opens_loop(lexed, tried.line, tried.head[: tried.head.rfind("try")])


def _opens_loop(lexed: Lexed, no: int, before: str) -> int | None:
    """The line of the loop that the code just before a `try` (on its line, else the previous non-blank
    lines) opens, if it opens one."""
    while not before.strip():
        no -= 1
        if no not in lexed.bare:
            return None
        before = lexed.bare[no]
    return no if _LOOP_HEAD.search(before) else None


def _deliberate(body: str, name: str | None) -> bool:
    """A catch-all whose body does something with the failure besides printing it, so it is not swallowed:
    - it hands the exception, or its message, on to something other than a logger (`handler.onError(e)`,
      `errors.add(e)`, `result.addError("sync failed: " + e.getMessage())`);
    - it reports a failure through a call named for one (`return Result.error("...")`, `handleFail()`,
      `response.error500(...)`, `setSuccess(false)`);
    - it only sets a default (`port = 0;`) or counts the failure (`errorCount++`), besides logging."""
    rest = _LOG_CALL.sub("log(", _STRING.sub('""', body))
    if name and re.search(rf"(?<!log)\((?:[^()]*,)?\s*{re.escape(name)}\s*[,)]", rest):
        return True
    if name and re.search(rf"(?<!log)\((?:[^()]*,)?[^(),]*\b{re.escape(name)}\.{_DETAIL}\(\)", rest):
        return True
    if _FAILURE_CALL.search(rest):
        return True
    body = _STRING.sub('""', body)
    statements = [s.strip() for s in body.split(";") if s.strip()]
    if "{" in body or not statements:
        return False
    own = [s for s in statements if not _LOG_CALL.match(s) and not s.startswith("log(")]
    return bool(own) and all(_DEFAULT.match(s) or _COUNTS.match(s) for s in own)


_DISCARDED_INFO = lazy_re(
    r"^\s*\w+\.(?:getMessage|getLocalizedMessage|toString|getStackTrace|getCause)\(\)\s*;\s*$"
)


@register(
    CheckSpec(
        id="JAVA-EXCEPTION-INFO-DISCARDED",
        checklist_item="ERR-01",
        category=_ERR,
        severity=Severity.MEDIUM,
        languages=_JAVA,
        title="Exception detail read and thrown away",
        explanation=(
            "The statement calls `getMessage()`/`toString()` on the exception and ignores the result, so the "
            "failure is effectively swallowed while looking handled. Log the exception itself "
            '(`log.warn("...", e)`) or rethrow it wrapped with context.'
        ),
    ),
    needs=("getMessage", "getLocalizedMessage", "toString", "getStackTrace", "getCause"),
)
def exception_info_discarded(ctx: FileContext) -> Iterator[Hit]:
    for no, _code, bare in lines_of(lex(ctx)):
        if "()" in bare and _DISCARDED_INFO.match(bare):
            yield Hit(no)


_FINALLY = lazy_re(r"\bfinally\s*\{")
_FINALLY_EXIT = lazy_re(r"\b(return|throw|break|continue)\b")
_OWN_SCOPE = lazy_re(r"->|\bnew\s+[\w.<>]+\s*\([^;{]*\)\s*\{|\btry\s*[({]")
"""Before the exit, inside the `finally`: a lambda, an anonymous class or a nested `try` (whose own handlers
may catch what is thrown): the exit is not the finally block's own."""
_LOOP = lazy_re(r"\b(?:while|for|do|switch)\b")


@register(
    CheckSpec(
        id="JAVA-FINALLY-EXIT",
        checklist_item="ERR-09",
        category=_ERR,
        severity=Severity.HIGH,
        languages=_JAVA,
        title="`return`/`throw`/`break` inside `finally` discards the exception in flight",
        explanation=(
            "When a `finally` block returns, throws or jumps out, the exception the `try` was propagating is "
            "dropped without a trace (and a return value from the `try` is replaced): the caller sees a "
            "normal result, or an unrelated cleanup error, in place of the real failure. Keep `finally` for "
            "cleanup that completes normally; return after the try statement, and report a cleanup failure "
            "with `addSuppressed` or from a try-with-resources."
        ),
    ),
    needs=("finally",),
)
def finally_exit(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "finally" not in bare:
            continue
        for match in _FINALLY.finditer(bare):
            block = brace_block(lexed, no, match.end() - 1)
            if block is None:
                continue
            for exit_match in _FINALLY_EXIT.finditer(block.bare):
                before = block.bare[: exit_match.start()]
                if _OWN_SCOPE.search(before):
                    break
                if exit_match.group(1) in {"break", "continue"} and _LOOP.search(before):
                    continue
                yield Hit(no + before.count("\n"))
                break
