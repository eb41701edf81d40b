"""Java: an interrupt caught and dropped, so the thread that was asked to stop keeps running.

    while (running) {
        try {
            Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
            log.warn("interrupted", e);     // the flag is cleared and nobody sets it again
        }
    }

Interrupting a thread is how an executor's `shutdownNow`, a cancelled `Future` and a container stopping a
pool ask a task to finish. Catching `InterruptedException` clears the thread's interrupt flag; a handler
that neither rethrows nor calls `Thread.currentThread().interrupt()` loses the request, and the loop above
sleeps again, so shutdown waits for it (or kills it hard).

Reported:
- `catch (InterruptedException e)` (alone or in a multi-catch) whose body neither throws nor re-interrupts,
  nor stops the work (`break`, `return`), nor hands the exception to something other than a logger
  (`future.completeExceptionally(e)`), in a method that does not re-interrupt the thread elsewhere (a flag
  set in the catch and restored after the loop). An empty body is left to JAVA-EMPTY-CATCH unless that
  check stays quiet (a variable named `ignored`, a comment).
- `catch (Exception e)` / `catch (Throwable t)` inside a loop around a blocking wait (`Thread.sleep`,
  `future.get`, `latch.await`, `queue.take`) with no earlier `InterruptedException` catch of the same
  `try`, when neither JAVA-EMPTY-CATCH nor JAVA-BROAD-CATCH already reports that catch, and the loop is
  not one its own stop flag ends (`while (!stopped)`: the owner sets the flag before interrupting).
Tests are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import blocks_of, body_text
from persona_review.checks._catch import Catch, catches, try_of
from persona_review.checks._handler_comments import explains
from persona_review.checks._java_code import JAVA_LOGGER_CALL, JAVA_TEST_PATH
from persona_review.checks._java_methods import method_block
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.java_errors import broad_catch
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_INTERRUPTED = lazy_re(r"^(?:java\.lang\.)?InterruptedException$")
_BROAD = lazy_re(r"^(?:java\.lang\.)?(?:Exception|Throwable)$")
_INTENTIONAL = lazy_re(r"^(?:ignored?|expected|unused|_)$", re.IGNORECASE)
_RESTORES = lazy_re(r"\bthrow\b|\.\s*interrupt\s*\(\s*\)|\bSystem\.exit\s*\(")
_BLOCKING = lazy_re(
    r"\bThread\.sleep\s*\(|\bTimeUnit\.\w+\.sleep\s*\(|\b\w*(?:[Ff]uture|[Tt]ask)s?\w*\s*\.\s*get\s*\("
    r"|\b\w*(?:[Ll]atch|[Bb]arrier|[Ss]emaphore|[Cc]ondition)\w*\s*\.\s*(?:await|acquire)\s*\("
    r"|\b\w*(?:[Qq]ueue)\w*\s*\.\s*take\s*\(\s*\)"
)
_LOOP = lazy_re(r"\b(?:for|while|do)\b[^;{]*$|\bdo\s*$")
_STOPS = lazy_re(r"\b(?:break|return)\b")
_REINTERRUPT = lazy_re(r"\bcurrentThread\s*\(\s*\)\s*\.\s*interrupt\s*\(\s*\)")
_FLAG_LOOP = lazy_re(r"^(?:\}\s*)?while\s*\(\s*!?\s*(?!true\b)[A-Za-z_$][\w$.]*\s*\)\s*$")


def _hands_on(body: str, name: str | None) -> bool:
    """Whether the body passes the exception to a call that is not a logger
    (`future.completeExceptionally(e)`, `callback.onError(e)`)."""
    if not name:
        return False
    rest = JAVA_LOGGER_CALL.sub("log(", body)
    return re.search(rf"(?<!log)\((?:[^()]*,)?\s*{re.escape(name)}\s*[,)]", rest) is not None


def _loop_head(ctx: FileContext, line: int) -> str | None:
    """The header of the innermost `for`/`while`/`do` block inside the same method that holds the line."""
    for block in blocks_of(ctx).enclosing(line):
        own = block.header.rpartition("\n")[2]
        if not own.strip():
            own = block.header
        if _LOOP.search(own.strip()):
            return own.strip()
        if re.search(r"\)\s*(?:throws\s+[\w.$,\s]+)?$|->\s*$", own.strip()) and not re.search(
            r"^\s*(?:\}\s*)?(?:if|else|switch|catch|try|synchronized)\b", own
        ):
            return None  # reached the method or lambda
    return None


def _restored_in_method(ctx: FileContext, line: int) -> bool:
    """Whether the method around the catch re-interrupts the thread somewhere (a flag noted in the catch,
    `Thread.currentThread().interrupt()` after the loop)."""
    block = method_block(ctx, line)
    return block is not None and _REINTERRUPT.search(body_text(lex(ctx), block)) is not None


@register(
    CheckSpec(
        id="JAVA-INTERRUPT-SWALLOWED",
        checklist_item="ERR-01",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="Interrupt caught and dropped: the thread ignores shutdown and cancellation",
        explanation=(
            "Catching InterruptedException clears the thread's interrupt flag, which is how `shutdownNow`, "
            "a cancelled future or a stopping container asks the thread to finish. This handler neither "
            "rethrows nor restores it, so the task keeps running (a polling loop sleeps again) and shutdown "
            "hangs until the thread is killed. Call `Thread.currentThread().interrupt()` and stop (return or "
            "break), or let the exception propagate; catch InterruptedException before a catch-all."
        ),
    ),
    needs=("InterruptedException", "sleep", "await", "take", "get"),
)
def interrupt_swallowed(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    broad_lines: set[int] | None = None
    for clause in catches(lexed):
        if not clause.complete or _RESTORES.search(clause.body) or _STOPS.search(clause.body):
            continue  # rethrown, re-interrupted, or the work stops here
        types = [t.strip() for t in clause.types.split("|")]
        if any(_INTERRUPTED.match(t) for t in types):
            tried = try_of(lexed, clause.line)
            if tried is not None and not tried.body.strip().removesuffix("}").strip():
                continue  # an empty `try`: nothing in it waits, so nothing is interrupted
            if _swallows(ctx, lexed, clause) and not _restored_in_method(ctx, clause.line):
                caught = " ".join(f"catch ({clause.types} {clause.name or ''}".split()) + ")"
                yield Hit(clause.line, message=(
                    f"`{caught}` neither rethrows nor restores the interrupt: the request that asks this "
                    f"thread to stop is lost. Call `Thread.currentThread().interrupt()` (and stop), or "
                    f"rethrow."))
            continue
        if not any(_BROAD.match(t) for t in types) or clause.empty:
            continue  # an empty catch-all is JAVA-EMPTY-CATCH's
        found = try_of(lexed, clause.line)
        if found is None:
            continue
        blocking = _BLOCKING.search(found.body)
        if blocking is None or any("InterruptedException" in t for t in found.earlier):
            continue
        loop = _loop_head(ctx, clause.line)
        if _hands_on(clause.body, clause.name) or loop is None or _FLAG_LOOP.match(loop):
            continue  # handed on, not in a loop, or a loop its own stop flag ends
        if _restored_in_method(ctx, clause.line):
            continue
        if broad_lines is None:
            broad_lines = {hit.line for hit in broad_catch(ctx)}
        if clause.line in broad_lines:
            continue
        call = blocking.group().rstrip("( ")
        yield Hit(clause.line, message=(
            f"This catch-all around `{call}(...)` in a loop also catches InterruptedException and carries "
            f"on: the interrupt that asks the thread to stop is lost and the loop goes round again. Catch "
            f"InterruptedException first, restore the flag with `Thread.currentThread().interrupt()` and "
            f"leave the loop."))


def _swallows(ctx: FileContext, lexed: Lexed, clause: Catch) -> bool:
    if clause.empty:
        # JAVA-EMPTY-CATCH reports an empty catch unless its variable or a comment says it is deliberate
        return bool(clause.name and _INTENTIONAL.match(clause.name)) or explains(
            ctx, lexed, clause.line, clause.last
        )
    return not _hands_on(clause.body, clause.name)
