"""Java: a poll or worker loop whose broad `catch` logs the failure and goes straight round again.

    while (!Thread.currentThread().isInterrupted()) {
        try {
            List<OutboxRow> batch = outbox.nextBatch(100);
            ...
        } catch (Exception e) {
            log.warn("outbox poll failed", e);      // database down: the loop spins at full speed
        }
    }

When the dependency is down, every pass fails at once: the thread spins at full CPU, floods the log with
the same error and hammers the dependency that is trying to recover. Reported on the `catch` of `Exception`,
`RuntimeException` or `Throwable` directly inside an endless loop (`while (true)`, `for (;;)`, or a loop on
a running flag or the thread's interrupt status) when nothing in the catch or after it in the loop waits
(sleep, backoff, a delay) or leaves the loop (break, return, throw), and the try does not block on its own
(`poll`, `take`, `receive`: those wait for work and for a timeout).
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._blocks import Block, Blocks, blocks_of
from persona_review.checks._lexing import lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ENDLESS = lazy_re(
    r"^\s*(?:while\s*\(\s*true\s*\)|for\s*\(\s*;\s*;\s*\)|"
    r"while\s*\([^{]*(?i:running|interrupted|stopped|shutdown|closed|active|alive|stop)[^{]*\))\s*\{"
)
_CATCH = lazy_re(r"^\s*\}\s*catch\s*\((?P<types>[^)]*)\)\s*\{")
_BROAD = lazy_re(r"(?<![\w.])(?:Exception|RuntimeException|Throwable)\b")
_WAITS_OR_LEAVES = lazy_re(
    r"(?i)sleep|backoff|delay|wait|park|pause|TimeUnit|retryTemplate|\bbreak\b|\breturn\b|\bthrow\b|"
    r"System\.exit|interrupt\s*\(|\w+\s*=\s*false\b|\.stop\w*\s*\("
)
_BLOCKS_ITSELF = lazy_re(
    r"\.(?:poll|take|receive\w*|accept|select|await\w*|blpop|brpop|xread\w*|waitFor\w*|drain\w*)\s*\("
)
_SLEEPS = lazy_re(r"(?i)\bsleep\s*\(|\.sleep\w*\s*\(|\bpark\w*\s*\(|\bawait\w*\s*\(")


@register(
    CheckSpec(
        id="JAVA-POLL-LOOP-NO-BACKOFF",
        checklist_item="ERR-06",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="Poll loop catches the failure and goes round again at once",
        explanation=(
            "When the dependency is down every pass fails immediately: the thread spins at full CPU, floods "
            "the log and keeps hammering the dependency that is trying to recover. Sleep with a growing, "
            "capped backoff in the catch (reset it after a success), or stop the loop after repeated "
            "failures."
        ),
    ),
    needs=("catch",),
)
def poll_loop_no_backoff(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    by_first: dict[int, list[tuple[int, Block]]] = {}
    for brace, block in blocks.blocks.items():
        by_first.setdefault(block.first, []).append((brace, block))
    for first, opened in by_first.items():
        if not _ENDLESS.match(lexed.bare.get(first, "")):
            continue
        loop_id, loop = min(opened, key=lambda item: item[1].col)
        for no in range(loop.first + 1, loop.last):
            bare = lexed.bare.get(no, "")
            catch = _CATCH.match(bare)
            if catch is None or not _BROAD.search(catch.group("types")):
                continue
            opened_at = _try_line(lexed.bare, loop.first, no)
            if opened_at is None or blocks.owner.get(opened_at) != loop_id:
                continue  # not the loop's own try
            handler = next((b for _i, b in by_first.get(no, []) if b.col >= bare.index("catch")), None)
            if handler is None:
                continue
            tried = "\n".join(lexed.bare.get(n, "") for n in range(opened_at, no))
            after = "\n".join(lexed.bare.get(n, "") for n in range(no + 1, loop.last))
            if _BLOCKS_ITSELF.search(tried) or _WAITS_OR_LEAVES.search(after):
                continue
            if _waits_every_pass(lexed.bare, blocks, loop_id, loop):
                continue
            handled = "\n".join(lexed.bare.get(n, "") for n in range(no + 1, handler.last))
            if not handled.strip():
                continue  # an empty catch: JAVA-EMPTY-CATCH says it
            caught = " ".join(catch.group("types").split())
            yield Hit(no, message=(
                f"`catch ({caught})` logs the failure and the loop goes round again at once: while the "
                "dependency is down the thread spins at full CPU, floods the log and keeps hammering it. "
                "Sleep with a growing, capped backoff here (reset it after a success)."))


def _try_line(bare: dict[int, str], top: int, catch_line: int) -> int | None:
    """The `try` that the catch on `catch_line` belongs to: the nearest line above at the same indentation
    that opens a try (skipping the other catches of the same statement)."""
    text = bare.get(catch_line, "")
    indent = len(text) - len(text.lstrip())
    for no in range(catch_line - 1, top, -1):
        above = bare.get(no, "")
        if not above.strip() or len(above) - len(above.lstrip()) != indent:
            continue
        if above.lstrip().startswith("try"):
            return no
        if not above.lstrip().startswith("}"):
            return None
    return None


def _waits_every_pass(bare: dict[int, str], blocks: Blocks, loop_id: int, loop: Block) -> bool:
    """A sleep written as a statement of the loop itself, or of a try directly in it: every pass waits."""
    for no in range(loop.first + 1, loop.last):
        if not _SLEEPS.search(bare.get(no, "")):
            continue
        owner = blocks.owner.get(no)
        if owner is None:
            continue
        if owner == loop_id:
            return True
        block = blocks.blocks.get(owner)
        in_try = block is not None and block.header.rstrip().endswith("try")
        if in_try and blocks.parent.get(owner) == loop_id:
            return True
    return False
