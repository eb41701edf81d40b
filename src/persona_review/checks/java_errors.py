"""Error-handling checks for Java: empty catch blocks, catch-alls that swallow, discarded exception "
"details."""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._catch import catches
from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
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
    for clause in catches(lex(ctx)):
        if clause.empty and not (clause.name and _INTENTIONAL.match(clause.name)):
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
    for clause in catches(lex(ctx)):
        types = [t.strip() for t in clause.types.split("|")]
        if not any(_BROAD.match(t) for t in types) or clause.empty:
            continue
        if clause.complete and not _HANDLED.search(clause.body) and not _logs_trace(clause.body, clause.name):
            yield Hit(clause.line)


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
