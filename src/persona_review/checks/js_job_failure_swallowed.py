"""JavaScript/TypeScript: a queue job's processor that catches its failure and finishes normally.

    new Worker('email', async (job) => {
      try {
        await mailer.send(job.data.to, job.data.template);
      } catch (err) {
        logger.error({ err }, 'send failed');
        return { delivered: false };          // the job is marked completed
      }
    }, { connection });

BullMQ (and Bull) mark a job failed, and retry it with its `attempts` and `backoff`, only when the
processor throws or its promise rejects. A processor that catches the error and returns (or falls out of
the `catch`) reports success: the job is completed, never retried, never in the failed set, and the work is
simply lost; dashboards and alerts on failed jobs stay green.

Reported on a `catch` at the processor's own level (not inside a loop over items, where one item's failure
may be meant to be tolerated, nor in a nested function) that treats the error as the job failing (logs it
at error level, or returns a failure result) but neither rethrows nor fails the job another way (`throw`,
`Promise.reject`, `job.moveToFailed`, `job.discard`, `UnrecoverableError`). Processors: the
function given to `new Worker(name, ...)` (from the call's line, or the hunk header when the hunk starts
inside the call), to `queue.process(...)`, a NestJS `@Processor` class's `process(job)` method, kafkajs'
`eachMessage` and sqs-consumer's `handleMessage` (both commit or delete the message when the handler
returns); and a Lambda's loop over an SQS batch (`for (const record of event.Records)`), whose catch does
not name the record in `batchItemFailures`. A catch that hands the failure on (a dead-letter queue or
topic, a retry queue) keeps the work.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._blocks import Blocks, blocks_of
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JS = frozenset({"javascript", "typescript"})
_WORKER = lazy_re(r"\bnew\s+Worker\s*(?:<[^>]*>)?\s*\(\s*(?:$|[\"'`]|[A-Z_][A-Z0-9_]*\b|\w+(?:\.\w+)*\s*,)")
"""BullMQ's `new Worker(queue, processor, opts)`; not Node's `new Worker(__filename)`/`new Worker(url)`."""
_PROCESS = lazy_re(
    r"\.process\s*\(\s*(?:[\"'`][^\"'`]*[\"'`]\s*,\s*)?(?:\d+\s*,\s*)?(?:async\b|function\b|\(|\w+\s*=>)"
)
_CONSUMER_HANDLER = lazy_re(r"\b(?:eachMessage|handleMessage)\s*:\s*(?:async\b|function\b|\(|\w+\s*=>)")
"""kafkajs' `consumer.run({ eachMessage })` (the offset is committed once the handler returns) and
sqs-consumer's `handleMessage` (the message is deleted once it returns): a handler that returns normally
has told the broker the message is done."""
_NEST_PROCESS = lazy_re(r"^\s*(?:public\s+)?async\s+process\s*\(\s*\w+")
_NEST_PROCESSOR = lazy_re(r"@Processor\s*\(")
_FUNCTION_HEAD = lazy_re(r"=>\s*$|\bfunction\b[^{]*$|^\s*(?:public\s+)?async\s+process\s*\(")
_CATCH = lazy_re(r"\bcatch\b\s*(?:\([^)]*\))?\s*$")
_LOOP = lazy_re(
    r"^\s*(?:\}\s*)?(?:for|while|do)\b|\.(?:forEach|map|flatMap|reduce|filter|some|every|all|allSettled)\s*\("
)
_FAILS_JOB = lazy_re(
    r"\bthrow\b|Promise\.reject\b|\breject\s*\(|\.moveToFailed\s*\(|\.discard\s*\(|UnrecoverableError|"
    r"\bjob\.retry\s*\(|\bprocess\.exit\s*\("
)


_HANDED_ON = lazy_re(r"dead.?letter|\bdlq\b|\bDLQ\b|\.(?:send|publish|produce)\s*\(")
"""The catch hands the failed message or job on (a dead-letter topic or queue, a retry queue): it is kept."""

_TREATED_AS_FAILURE = lazy_re(
    r"\.(?:error|fatal)\s*\(|\breturn\b[^;]*(?:\bfalse\b|\berror\b|\berr\b|fail)"
)
"""The catch treats what it caught as the job failing: it logs it as an error or returns a failure result
(`{ delivered: false }`, `{ ok: false, error }`). A best-effort step logged at warn or debug level (mark a
notification as sent, load an optional module) is meant to be tolerated."""


@register(
    CheckSpec(
        id="JS-JOB-FAILURE-SWALLOWED",
        checklist_item="ERR-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_JS,
        title="Queue job catches its own failure: the job is marked completed and never retried",
        explanation=(
            "BullMQ and Bull fail a job, and retry it with its `attempts` and `backoff`, only when the "
            "processor throws. Catching the error and returning reports success: the job is completed, "
            "never retried and never in the failed set, so the work is lost without a trace. Log and "
            "rethrow (`throw err`), or throw `UnrecoverableError` for a failure that must not be retried."
        ),
    ),
    needs=("catch",),
)
def job_failure_swallowed(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    catches: list[int] = []
    for processor in _processors(ctx, lexed, blocks):
        outer = blocks.blocks[processor]
        for brace, block in blocks.blocks.items():
            if not (outer.first < block.first and block.last <= outer.last):
                continue
            if _CATCH.search(block.header.rsplit("\n", 1)[-1]) and _at_level(blocks, brace, processor):
                catches.append(brace)
    catches.extend(_catches_in_hunk_inside_worker(ctx, lexed, blocks))
    catches.extend(_catches_in_sqs_batch_loop(lexed, blocks))
    for brace in dict.fromkeys(catches):
        block = blocks.blocks[brace]
        lines = (lexed.bare.get(n, "") for n in range(block.first, block.last + 1))
        body = "\n".join(lines)[block.col + 1 :]
        if _FAILS_JOB.search(_unconditional(lexed, blocks, brace)) or _HANDED_ON.search(body) \
                or not _TREATED_AS_FAILURE.search(body):
            continue
        if _REPORTS_ITEM.search(body):
            continue  # the record is named in `batchItemFailures`: Lambda keeps it for another try
        yield Hit(block.first, block.last - 1 if block.last - 1 > block.first else None, (
            "This `catch` ends the handler normally, so the queue counts the job or message as done (a job "
            "completed, a Kafka offset committed, an SQS message deleted): it is never retried and never "
            "shows as failed, and the work is lost. Rethrow after logging (`throw err`), or hand it to a "
            "dead-letter queue."))


_IF_HEAD = lazy_re(r"^\s*(?:\}\s*else\s+)?if\s*\(")


def _unconditional(lexed: Lexed, blocks: Blocks, brace: int) -> str:
    """The catch body without the `if` blocks directly in it: `if (err instanceof RateLimitError) { throw
    err; }` fails the job for that one error only, and every other error still falls through to what
    follows."""
    block = blocks.blocks[brace]
    skipped: set[int] = set()
    for child, inner in blocks.blocks.items():
        if blocks.parent.get(child) == brace and _IF_HEAD.search(inner.header.rsplit("\n", 1)[-1]):
            skipped.update(range(inner.first, inner.last + 1))
    lines = (lexed.bare.get(n, "") for n in range(block.first, block.last + 1) if n not in skipped)
    return "\n".join(lines)[block.col + 1 :] if block.first not in skipped else ""


def _catches_in_hunk_inside_worker(ctx: FileContext, lexed: Lexed, blocks: Blocks) -> Iterator[int]:
    """The `catch` blocks of a hunk that starts inside a `new Worker(` call's processor (its header, as git
    names it) and that sit at the processor body's own level: outside every block the hunk shows, and
    indented no deeper than the hunk's least indented line before them (a deeper one may be in a loop the
    hunk does not show)."""
    for first, texts in ctx.segments():
        if not _WORKER.search(ctx.sections.get(first, "")):
            continue
        last = first + len(texts) - 1
        for brace, block in blocks.blocks.items():
            if not first <= block.first <= last or blocks.parent.get(brace) in blocks.blocks:
                continue
            if not _CATCH.search(block.header.rsplit("\n", 1)[-1]):
                continue
            indents = [len(t) - len(t.lstrip()) for n in range(first, block.first)
                       if (t := lexed.bare.get(n, "")).strip()]
            here = lexed.bare.get(block.first, "")
            if indents and len(here) - len(here.lstrip()) <= min(indents):
                yield brace


_RECORDS_LOOP = lazy_re(r"^\s*for\s*\(\s*(?:const|let|var)\s+\w+\s+of\s+\w+\.Records\s*\)")
_REPORTS_ITEM = lazy_re(r"itemIdentifier|batchItemFailures|\.push\s*\(")


def _catches_in_sqs_batch_loop(lexed: Lexed, blocks: Blocks) -> Iterator[int]:
    """The `catch` blocks directly in a Lambda's loop over an SQS batch (`for (const r of event.Records)`):
    Lambda deletes the whole batch when the handler returns, except the records it names in
    `batchItemFailures`."""
    for brace, block in blocks.blocks.items():
        if not _CATCH.search(block.header.rsplit("\n", 1)[-1]):
            continue
        parent = blocks.parent.get(brace)
        while parent is not None and parent in blocks.blocks:
            head = blocks.blocks[parent].header.rsplit("\n", 1)[-1]
            if _RECORDS_LOOP.match(head):
                yield brace
                break
            if _LOOP.search(head) or _FUNCTION_HEAD.search(head):
                break
            parent = blocks.parent.get(parent)


def _processors(ctx: FileContext, lexed: Lexed, blocks: Blocks) -> list[int]:
    """The braces (block ids) of the closed function blocks that are job processors."""
    starts: list[int] = []
    for no, bare in lexed.bare.items():
        if ("Worker" in bare and _WORKER.search(bare)) or (".process" in bare and _PROCESS.search(bare)) \
                or ("Message" in bare and _CONSUMER_HANDLER.search(bare)):
            starts.append(no)
    for first, section in ctx.sections.items():
        if _WORKER.search(section):
            starts.append(first - 1)  # the hunk starts inside the `new Worker(` call
    nest = _NEST_PROCESSOR.search(ctx.known_text()) is not None
    out: list[int] = []
    for brace, block in blocks.blocks.items():
        head = block.header.rsplit("\n", 1)[-1]
        if not _FUNCTION_HEAD.search(head):
            continue
        if any(start <= block.first <= start + 3 for start in starts) or (nest and _NEST_PROCESS.match(head)):
            out.append(brace)
    return out


def _at_level(blocks: Blocks, brace: int, processor: int) -> bool:
    """No loop and no nested function between the block `brace` and the processor's own body."""
    parent = blocks.parent.get(brace)
    while parent is not None and parent in blocks.blocks:
        if parent == processor:
            return True
        head = blocks.blocks[parent].header.rsplit("\n", 1)[-1]
        if _LOOP.search(head) or _FUNCTION_HEAD.search(head):
            return False
        parent = blocks.parent.get(parent)
    return False
