"""Express 4 route handlers written `async` whose rejection nothing catches.

Express 4 ignores the promise an `async` handler returns. When an `await` in it rejects (a database
timeout, a failed fetch) or it throws, the rejection is unhandled: the client waits until its timeout,
and Node 15+ ends the whole process on it. Express 5, and Express 4 patched by `express-async-errors` or
routed through `express-promise-router`, pass the rejection to the error handler; the change's
`package.json` says which (`ChangeFacts.express_major`, where the patches count as 5). When no
`package.json` tells, the file itself may: a handler of it that catches and calls `next(err)` shows that
this application's rejections must be caught by hand, so its unguarded siblings are reported. With
neither, a file that is plainly Express (it requires it, or makes an `express.Router()`) is reported at
medium severity with a message that says the finding hinges on Express 4; anything else is left alone.

Reported: an `async` function written directly as an argument of a route registration
(`router.get("/x", auth, async (req, res) => {...})`; a wrapper call such as `asyncHandler(async ...)`
handles it), whose body awaits or throws outside any `try` block and does not end an awaited promise with
`.catch(...)`. The handler must be known entire.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._blocks import Block, Blocks, blocks_of
from persona_review.checks._lexing import lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ROUTE = lazy_re(
    r"\b[A-Za-z_$][\w$]*\.(?:get|post|put|patch|delete|del|all|options|head)\s*\(\s*"
    r"(?:(?:[^()]|\([^()]*\))*?,\s*)?async\s+(?:function\s*[\w$]*\s*)?\(\s*(?:req|request|_req|_request)\b"
)
_RISKY = lazy_re(r"(?<![\w$.])(?:await|throw)\b")
_TRY = lazy_re(r"\btry\s*$")
_CAUGHT = lazy_re(r"\.catch\s*\(")
_EXPRESS = lazy_re(
    r"""\bexpress\s*(?:\.\s*(?:Router|json|urlencoded|static|raw|text)\s*)?\(|"""
    r"""\brequire\(\s*['"]express['"]\s*\)|\bfrom\s+['"]express['"]"""
)
"""The file is an Express application or router (it imports Express, or calls `express()` or its
middleware factories)."""
_NEXT_ERROR = lazy_re(r"(?<![\w$.])next\s*\(\s*[A-Za-z_$]")
"""`next(err)`: a handler passing an error on to the error middleware."""


@register(
    CheckSpec(
        id="JS-ASYNC-HANDLER-REJECTION",
        checklist_item="ERR-08",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"javascript", "typescript"}),
        title="Async Express 4 handler whose rejection nothing catches",
        explanation=(
            "Express 4 does not look at the promise an `async` handler returns: if an `await` here rejects "
            "or the handler throws, the error never reaches the error middleware and the client hangs until "
            "it times out; unless the process listens for `unhandledRejection`, Node 15+ also stops it. "
            "Wrap the body in "
            "try/catch and call `next(err)`, wrap the handler (`express-async-handler`), install "
            "`express-async-errors` once at start-up, or move to Express 5."
        ),
    ),
    needs=("async",),
)
def async_handler_rejection(ctx: FileContext) -> Iterator[Hit]:
    major = ctx.change.express_major
    if (major is not None and major != 4) or not _ROUTE.search(ctx.known_text()):
        return  # Express 5 (or patched), or no `async` handler written into a route registration
    lexed = lex(ctx)
    handlers = list(_handlers(ctx, lexed.bare))
    unsure = major is None and not any(risky is None and _passes_on(lexed.bare, body)
                                       for _no, body, risky in handlers)
    unsure = unsure and not _header_passes_on(ctx, lexed.bare)
    if unsure and not _EXPRESS.search(ctx.known_text()):
        return  # no version, no sibling that passes errors on, and nothing says this is Express at all
    for no, _body, risky in handlers:
        if risky is None:
            continue
        message = _message(lexed.bare.get(risky, "").strip())
        # the comment covers the handler's line down to the first line that may reject, when it is near
        end = risky if risky - no <= _NEAR_RISK else None
        if unsure:  # Express, version unknown: Express 4 is still the most deployed; say what it hinges on
            yield Hit(no, end, f"{message} On Express 4 (no `package.json` in the change says "
                                "which) the rejection is never handled; Express 5 and `express-async-errors` "
                                "handle it.", severity=Severity.MEDIUM)
        else:
            yield Hit(no, end, message)


_NEAR_RISK = 3
"""Most lines between a handler's line and its first uncaught `await` that one comment spans."""


def _header_passes_on(ctx: FileContext, bare: dict[int, str]) -> bool:
    """Whether a hunk starts inside an `async` route handler (its header, as git names it) that passes
    errors on: a `next(err)` among the hunk's lines before the handler's closing `});`."""
    for first, texts in ctx.segments():
        if not _ROUTE.search(ctx.sections.get(first, "")):
            continue
        for no in range(first, first + len(texts)):
            text = bare.get(no, "")
            if _NEXT_ERROR.search(text):
                return True
            if text.startswith("})"):
                break
    return False


def _passes_on(bare: dict[int, str], body: Block) -> bool:
    """Whether a handler's body hands errors to the error middleware itself (`next(err)`)."""
    return any(_NEXT_ERROR.search(bare.get(no, "")) for no in range(body.first + 1, body.last))



def _handlers(ctx: FileContext, bare: dict[int, str]) -> Iterator[tuple[int, Block, int | None]]:
    """Each `async` handler written into a route registration: (its line, its body, the first line of the
    body that may reject uncaught, if any)."""
    blocks = blocks_of(ctx)
    ordered: list[Block] | None = None  # sorted once, when a registration is found
    for no, bare_line in bare.items():
        if "async" not in bare_line:
            continue
        # The registration may start a few lines up (`app.post(\n  "/x",\n  async (req, res) => {`).
        window = [bare[n] for n in range(no - 3, no) if n in bare]
        text = "\n".join([*window, bare_line])
        start = len(text) - len(bare_line)
        if not any(m.end() > start for m in _ROUTE.finditer(text)):
            continue  # no registration whose `async` is on this line
        ordered = ordered if ordered is not None else blocks.all()
        body = _handler_block(ordered, no)
        if body is not None:
            yield no, body, _uncaught(bare, blocks, body)


def _handler_block(ordered: list[Block], line: int) -> Block | None:
    """The closed block the handler's body is: the first block opened on its line or the next two whose
    header follows an arrow or a function's parameters."""
    return next((b for b in ordered if line <= b.first <= line + 2 and _opens_function(b.header)), None)


def _opens_function(header: str) -> bool:
    """The block's `{` follows an arrow or a parameter list on its own line (not a `try` or an `if` that a
    hunk with missing lines made the parser pair with the handler's header)."""
    last = header.rsplit("\n", 1)[-1]
    return ("=>" in last or ")" in last) and _TRY.search(last) is None


def _uncaught(bare: dict[int, str], blocks: Blocks, body: Block) -> int | None:
    """The first line of `body` that awaits or throws outside every `try` block inside the handler."""
    for no in range(body.first + 1, body.last):
        text = bare.get(no, "")
        if not _RISKY.search(text) or _CAUGHT.search(text):
            continue
        guarded = False
        brace = blocks.owner.get(no)
        while brace is not None:
            block = blocks.blocks.get(brace)
            if block is None or block == body:
                break
            if _TRY.search(block.header):
                guarded = True
                break
            if "=>" in block.header or "function" in block.header:
                guarded = True  # a nested callback: its own promise, not the handler's
                break
            brace = blocks.parent.get(brace)
        if not guarded:
            return no
    return None


def _message(statement: str) -> str:
    """What is uncaught here; why it matters and the fixes are the check's explanation, shown beside it."""
    shown = statement if len(statement) <= 60 else statement[:57] + "..."
    return f"`{shown}` can reject, and nothing in this `async` handler catches it."
