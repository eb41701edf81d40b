"""JavaScript/TypeScript: several Prisma writes that belong together, run one by one outside a transaction.

    await this.prisma.wallet.update({ where: { id: fromId }, data: { balance: { decrement: amount } } });
    await this.prisma.wallet.update({ where: { id: toId }, data: { balance: { increment: amount } } });
    await this.prisma.walletEntry.create({ data: { fromId, toId, amount } });

Each awaited Prisma call commits on its own. When a later one fails (a constraint, a timeout, a deploy
killing the process) the earlier ones stay committed: money debited and never credited, an order without its
stock taken, a seat moved out of one team and never into the other. `prisma.$transaction([...])` or an
interactive `prisma.$transaction(async (tx) => ...)` makes them one unit.

Reported from the first to the last write when one function awaits (or returns, which the caller awaits:
`return this.prisma.order.create(...)` after an awaited debit) two or more Prisma writes (`create`,
`update`, `upsert`, `delete` and their `Many` forms) on the client (`prisma.x`, `this.prisma.x`) at its own
level or in its loops, one of which moves a counter (`increment`/`decrement`: a balance, a stock level, a
seat count, where a half-done change is wrong data rather than an orphan row), and the function runs in no
transaction (`$transaction`, or a transaction helper's client). Seeds, scripts and tests are left alone.
A hunk that starts inside a function is read up to the brace that closes it.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._blocks import Block, Blocks, blocks_of, closing_line
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import reaches
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JS = frozenset({"javascript", "typescript"})
_WRITE = lazy_re(
    r"\b(?:await|return)\s+(?:this\.)?(?:prisma|prismaService|db\.prisma|ctx\.prisma)\s*\.\s*(?P<model>[a-z]\w*)\s*\.\s*"
    r"(?:create|update|upsert|delete|createMany|updateMany|deleteMany)\s*\("
)
_COUNTER = lazy_re(r"\b(?:increment|decrement)\s*:")
_FUNCTION = lazy_re(
    r"=>\s*$|\bfunction\b[^{]*$|^\s*(?:(?:public|private|protected|static|async|override)\s+)*"
    r"(?!(?:if|for|while|switch|catch|with|return)\b)[A-Za-z_$][\w$]*\s*\([^)]*\)\s*(?::\s*[^{]+)?$"
)
_IN_TRANSACTION = lazy_re(r"\$transaction\b|\$tx\b|\btxClient\s*\(|\btransaction\s*\(")
"""The function runs in a transaction (Prisma's own, or a client handed out by a transaction helper)."""
_NOT_APP = lazy_re(r"(?:^|/)(?:seeds?|scripts?|tests?|__tests__|e2e|fixtures?)/|\.(?:test|spec|seed)\.[jt]s$")


@register(
    CheckSpec(
        id="JS-PRISMA-WRITES-NO-TX",
        checklist_item="DATA-01",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_JS,
        title="Prisma writes that belong together run one by one, outside a transaction",
        explanation=(
            "Each awaited Prisma write commits on its own: when a later one fails, the earlier ones stay "
            "committed (a debit without its credit, an order without its stock taken). Run them in "
            "`prisma.$transaction([...])`, or an interactive `prisma.$transaction(async (tx) => ...)` "
            "with every write on `tx`."
        ),
    ),
    needs=("prisma",),
)
def prisma_writes_no_tx(ctx: FileContext) -> Iterator[Hit]:
    if _NOT_APP.search(ctx.path):
        return
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    scopes: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for no, bare in lexed.bare.items():
        if "await" not in bare and "return" not in bare:
            continue
        found = _WRITE.search(bare)
        if found is None:
            continue
        scope = _scope(ctx, lexed, blocks, no)
        if scope is not None:
            scopes.setdefault(scope, []).append((no, found.group("model")))
    for (first, last), writes in scopes.items():
        if len(writes) < 2:
            continue
        text = "\n".join(lexed.code.get(n, "") for n in range(first, last + 1))
        if _IN_TRANSACTION.search(text):
            continue
        if not any(_COUNTER.search(_statement(lexed, no)) for no, _model in writes):
            continue
        start, end = writes[0][0], writes[-1][0]
        names = ", ".join(f"`{m}`" for m in dict.fromkeys(model for _no, model in writes))
        message = (
            f"These {len(writes)} Prisma writes ({names}) each commit on their own: if a later one fails, "
            "the earlier ones stay committed and the data is left half-changed. Wrap them in "
            "`prisma.$transaction(...)`."
        )
        yield Hit(start, end if reaches(ctx, start, end) else None, message)


def _scope(ctx: FileContext, lexed: Lexed, blocks: Blocks, line: int) -> tuple[int, int] | None:
    """The function body holding `line` as (first, last) lines: the innermost closed function block, or, in
    a hunk that starts inside a function, the known lines from the hunk's start to the brace that closes
    the function. None inside a nested function literal that is not closed in view."""
    for block in blocks.enclosing(line):
        if _is_function(block):
            return block.first, block.last
    start = ctx.segment_start(line)
    closing = closing_line(lexed.bare, start) if start is not None else None
    return (start, closing) if start is not None and closing is not None and closing >= line else None


def _is_function(block: Block) -> bool:
    before, _, own = block.header.rpartition("\n")
    return bool(_FUNCTION.search(own if own.strip() else before))


def _statement(lexed: Lexed, line: int) -> str:
    """The write's text from its line to the next few lines (its `data` object)."""
    return "\n".join(lexed.code.get(n, "") for n in range(line, line + 6))
