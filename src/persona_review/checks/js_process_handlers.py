"""Node processes that keep running after a failure they cannot recover from, and timers whose async
work fails unseen.

    process.on('uncaughtException', (err) => {
      logger.error({ err }, 'uncaught exception');       // and the process serves on, half broken
    });

    setInterval(async () => {
      await inventory.apply(await warehouse.changedSince(lastRun));   // a throw: unhandled rejection
    }, 60_000);

Reported: a `process.on('uncaughtException', ...)` (or `uncaughtExceptionMonitor` is left alone: it only
watches) whose handler body, in view, only logs or reports: no `process.exit`, `throw`, `kill`, no call
that is not a logger's (a named shutdown routine may exit); and `setInterval(async ...)` whose body awaits
with no `try` and no `.catch(` in it.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import brace_block, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JS = frozenset({"javascript", "typescript"})
_UNCAUGHT = lazy_re(r"\bprocess\s*\.\s*(?:on|once|addListener)\s*\(\s*[\"'`]uncaughtException[\"'`]\s*,")
_CALL = lazy_re(r"(?P<callee>[A-Za-z_$][\w$]*(?:\s*(?:\?\.|\.)\s*[A-Za-z_$][\w$]*)*)\s*(?:\?\.)?\(")
_REPORTER = lazy_re(
    r"^(?:console|log|logger|\w*[lL]ogger|\w*[lL]og|Sentry|sentry|bugsnag|Bugsnag|rollbar|Rollbar|newrelic|"
    r"debug|pino|winston|errorReporter|reporter|metrics|statsd)\b"
)
_CALL_WORDS = frozenset({"if", "for", "while", "switch", "catch", "function", "return", "typeof", "await"})
_STOPS = lazy_re(r"\b(?:throw|exit|exitCode|kill|abort|shutdown|terminate)\b")
_INTERVAL = lazy_re(r"\bsetInterval\s*\(\s*async\b")


@register(
    CheckSpec(
        id="JS-UNCAUGHT-KEEPS-RUNNING",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_JS,
        title="Process keeps running after an uncaught exception",
        explanation=(
            "After an uncaught exception the process is in an unknown state: a request half done, a "
            "connection or lock held, an invariant broken. A handler that only logs keeps it serving in "
            "that state, and the supervisor never restarts it. Log, then `process.exit(1)` (after a short "
            "graceful shutdown if needed) and let the supervisor start a clean process."
        ),
    ),
    needs=("uncaughtException",),
)
def uncaught_keeps_running(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        found = _UNCAUGHT.search(lexed.code[no]) if "process" in bare else None
        if found is None or no not in ctx.added:
            continue
        body = brace_block(lexed, no, found.end())
        if body is None or not body.closed or body.first > no + 1:
            continue
        if _STOPS.search(body.bare) or not _only_reports(body.bare[1:-1]):
            continue
        yield Hit(no, None, message=(
            "This `uncaughtException` handler only logs, so the process keeps serving in whatever state the "
            "exception left it: call `process.exit(1)` after logging and let the supervisor restart it."))


def _only_reports(body: str) -> bool:
    for call in _CALL.finditer(body):
        callee = "".join(call.group("callee").split())
        head = callee.split(".", 1)[0].split("?", 1)[0]
        if head in _CALL_WORDS:
            continue
        if _REPORTER.match(callee) is None and not callee.startswith(("JSON.", "String", "err.", "error.")):
            return False
    return True


@register(
    CheckSpec(
        id="JS-ASYNC-INTERVAL-UNGUARDED",
        checklist_item="ERR-08",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=_JS,
        title="Async timer callback without error handling",
        explanation=(
            "`setInterval` ignores the promise its async callback returns: a rejection is unhandled (on "
            "Node 15+ it kills the process), and a run that takes longer than the interval overlaps the "
            "next one. Wrap the body in `try/catch` and skip a tick while the previous run is still going "
            "(or schedule the next run with `setTimeout` after the current one finishes)."
        ),
    ),
    needs=("setInterval",),
)
def async_interval_unguarded(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        found = _INTERVAL.search(bare)
        if found is None or no not in ctx.added:
            continue
        body = brace_block(lexed, no, found.end())
        if body is None or not body.closed or body.first > no + 1:
            continue
        if "await" not in body.bare or "try" in body.bare or ".catch(" in body.bare:
            continue
        yield Hit(no, None, message=(
            "This async `setInterval` callback awaits with no `try/catch`: a failure becomes an unhandled "
            "rejection, and a slow run overlaps the next. Catch inside the callback and skip a tick while "
            "a run is in flight."))
