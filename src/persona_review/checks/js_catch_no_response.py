"""JavaScript/TypeScript: an HTTP handler whose `catch` only logs, so a failed request is never answered.

    router.get("/invoices/:id/pdf", async (req, res) => {
      try {
        const pdf = await invoices.renderPdf(req.params.id);
        res.type("application/pdf").send(pdf);
      } catch (err) {
        logger.error({ err }, "render failed");   // no res.*, no next(err): the client waits
      }
    });

Express does not answer a request by itself: when the handler's `catch` neither responds, nor passes the
error on (`next(err)`), nor rethrows, the connection stays open until the client (or a proxy) times out,
and the client sees a hang instead of an error it could handle. Fastify's async handlers likewise need a
`reply` or a returned value.

Reported, on the `catch` line: a `try { ... } catch (e) { ... }` directly in a handler whose parameters are
a request and a response (`(req, res)`, `(request, reply)`, `(req, res, next)`), whose `try` answers
(mentions the response), whose `catch` mentions neither the response nor `next`, and neither throws nor
returns, with no mention of the response after the `catch` in the handler. Both blocks and the handler
must be known entire.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import Block, Blocks, blocks_of
from persona_review.checks._fallthrough import FUNCTION_JS
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_CATCH = lazy_re(r"^\s*\}?\s*catch\s*(?:\([^)]*\))?\s*\{\s*$")
_TRY_HEADER = lazy_re(r"\btry\s*$")
_HANDLER_PARAMS = lazy_re(
    r"\(\s*(?:req|request)\s*(?::\s*[\w$.<>\[\]]+\s*)?,\s*(?P<res>res|reply|response)\s*(?::\s*[\w$.<>\[\]]+\s*)?"
    r"(?:,\s*(?P<next>next)\s*(?::\s*[\w$.<>\[\]]+\s*)?)?\)"
)
_PASSES_ON = lazy_re(r"\bthrow\b|\breturn\b|\bnext\s*\(")


@register(
    CheckSpec(
        id="JS-CATCH-NO-RESPONSE",
        checklist_item="ERR-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"javascript", "typescript"}),
        title="Handler's `catch` only logs: the request is never answered",
        explanation=(
            "Express (and Fastify) do not answer a request on their own. This handler's `catch` neither "
            "responds, nor passes the error to `next(err)`, nor rethrows, so after a failure the connection "
            "stays open until the client or a proxy times out: the caller sees a hang, retries pile up, and "
            "sockets stay busy. Send an error status in the `catch`, or call `next(err)`."
        ),
    ),
    needs=("catch",),
)
def catch_no_response(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    for no, _code, bare in lines_of(lexed):
        if "catch" not in bare or not _CATCH.match(bare):
            continue
        catch_block = _block_opened_on(blocks, no)
        try_block = _closing_on(blocks, no)
        if catch_block is None or try_block is None or not _TRY_HEADER.search(try_block.header):
            continue
        handler = _function(blocks, try_block.first)
        if handler is None:
            continue
        params = _HANDLER_PARAMS.search(handler.header)
        if params is None:
            continue
        res = re.compile(rf"(?<![\w$.]){params.group('res')}\b")
        caught = _text(lexed, catch_block.first + 1, catch_block.last)
        if res.search(caught) or _PASSES_ON.search(caught) or (params.group("next") and "next" in caught):
            continue
        if not res.search(_text(lexed, try_block.first + 1, try_block.last)):
            continue
        if res.search(_text(lexed, catch_block.last + 1, handler.last)) \
                or res.search(lexed.bare.get(catch_block.last, "").split("}", 1)[-1]):
            continue
        yield Hit(no, message=(
            f"This `catch` only logs: the handler answered in its `try`, but after a failure it neither "
            f"sends a response nor calls `next(err)`, so the request hangs until the client times out. "
            f"Answer it (`{params.group('res')}.status(500)...`) or pass the error on."))


def _block_opened_on(blocks: Blocks, no: int) -> Block | None:
    inner = blocks.enclosing(no + 1)
    return inner[0] if inner and inner[0].first == no else None


def _closing_on(blocks: Blocks, no: int) -> Block | None:
    inner = blocks.enclosing(no)
    return inner[0] if inner and inner[0].last == no else None


def _function(blocks: Blocks, no: int) -> Block | None:
    """The innermost function block whose body holds line `no`, when the blocks between are statements."""
    for block in blocks.enclosing(no):
        if FUNCTION_JS.search(block.header.rsplit("\n", 1)[-1]):
            return block
    return None


def _text(lexed: Lexed, first: int, last: int) -> str:
    return "\n".join(lexed.bare.get(n, "") for n in range(first, last))
