"""JavaScript/TypeScript request handlers that stop the whole Node process: `process.exit()` while serving
a request (Express, Koa, Fastify, Next.js API handlers)."""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._blocks import blocks_of
from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JS = frozenset({"javascript", "typescript"})
_EXIT = lazy_re(r"(?<![\w$.])process\.(?:exit|abort)\s*\(")
_HANDLER = lazy_re(
    r"\(\s*(?:req|request)\b[^()]*,\s*(?:res|response|reply)\b[^()]*\)\s*(?::\s*[^=>{]+)?(?:=>\s*)?$|"
    r"\(\s*ctx\b[^()]*,\s*next\b[^()]*\)\s*(?:=>\s*)?$"
)


@register(
    CheckSpec(
        id="JS-EXIT-IN-HANDLER",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_JS,
        title="Request handler stops the whole process",
        explanation=(
            "`process.exit()` ends Node at once: every other request in flight is cut off, pending writes "
            "are lost, and a client that can reach this branch can restart the service at will. Answer "
            "with a 5xx (or pass the error to `next(err)`) and log why."
        ),
    ),
    needs=("process.exit", "process.abort"),
)
def exit_in_handler(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    for no, _code, bare in lines_of(lexed):
        if "process." not in bare or not _EXIT.search(bare):
            continue
        if any(_HANDLER.search(block.header.rsplit("\n", 1)[-1]) for block in blocks.enclosing(no)):
            yield Hit(no)
