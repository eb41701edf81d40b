"""JavaScript/TypeScript: an error response sent inside an `if` without `return`, and sent again after it.

    if (!user) {
      res.status(404).json({ error: "not found" });   // no return: the handler carries on
    }
    res.json(serialize(user));   // "Cannot set headers after they are sent to the client"

Sending a response (Express, Next.js API routes, Fastify's `reply`) does not leave the handler. Reported:
`res.status(4xx|5xx).json/send/end(...)`, `res.sendStatus(4xx|5xx)` or `reply.code(4xx|5xx).send(...)` as
a statement inside an `if` block (or a braceless `if (...) res.status(...)...;`) with no `return` or
`throw` after it in the block, when the lines that run after the `if` send on the same response again
before leaving. Quiet when the `if` ends the handler, is followed by `else`, or the path after it leaves
first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import blocks_of
from persona_review.checks._fallthrough import (
    FUNCTION_JS,
    LEAVES_JS,
    continuation,
    if_block,
    leaves_within,
    quoted,
)
from persona_review.checks._lexing import lex
from persona_review.checks._spans import indent_of, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JS = frozenset({"javascript", "typescript"})
_SEND_ERROR = lazy_re(
    r"^\s*(?P<braceless>if\s*\(.*\)\s*)?(?P<r>res|response|reply)\s*\.\s*"
    r"(?:(?:status|code)\(\s*(?P<status>[\w.]+)\s*\)\s*\.\s*(?:json|send|end|jsonp|render|sendFile)\("
    r"|sendStatus\(\s*(?P<only>[\w.]+)\s*\))"
)
_ERROR_NAME = lazy_re(
    r"(?i)(?:bad_?request|not_?found|unauthori[sz]ed|forbidden|internal|conflict|unprocessable|too_?many"
    r"|method_?not_?allowed|gone|unavailable|error)"
)
_IF = lazy_re(r"(?:^|\}\s*else\s+)\s*if\s*\(")
_SENDS = (
    r"(?<![\w$.]){r}\s*\.\s*(?:json|jsonp|send|sendStatus|status|code|end|render|redirect|sendFile|download"
    r"|write|writeHead|set|setHeader|header|cookie|clearCookie|type|attachment)\s*\("
)


@register(
    CheckSpec(
        id="JS-RESPONSE-NO-RETURN",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_JS,
        title="Error response sent without `return`: the handler sends again",
        explanation=(
            "`res.status(...).json(...)` sends the response but does not leave the handler. The code after "
            "the `if` runs on the failure path and sends or sets headers on the same response: Express "
            "throws 'Cannot set headers after they are sent to the client' (ERR_HTTP_HEADERS_SENT), the "
            "request errors out in the logs, and the work after the check (a write, a charge) runs for a "
            "request that was refused. Write `return res.status(...).json(...)`."
        ),
    ),
    needs=(".status(", "sendStatus(", ".code("),
)
def response_no_return(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    for no, _code, bare in lines_of(lexed):
        if no not in ctx.added or ("tatus" not in bare and ".code" not in bare):
            continue
        match = _SEND_ERROR.match(bare)
        if match is None or not _error_status(match.group("status") or match.group("only") or ""):
            continue
        if match.group("braceless"):
            after, floor = no, indent_of(bare)
        else:
            block = if_block(lexed, blocks, no, _IF)
            if block is None or leaves_within(lexed, no + 1, block.last - 1, LEAVES_JS):
                continue
            after, floor = block.last, indent_of(lexed.bare.get(block.first, ""))
        sends = re.compile(_SENDS.format(r=re.escape(match.group("r"))))
        path = continuation(lexed, blocks, after, floor, exits=LEAVES_JS, function=FUNCTION_JS)
        for later, text, _outer in path:
            if sends.search(text):
                yield Hit(no, message=(
                    f"`{quoted(lexed.code[no])}` sends the error response but the handler does not "
                    f"return: line {later} uses `{match.group('r')}` again, which throws "
                    "ERR_HTTP_HEADERS_SENT. Write `return` before the error response."))
                break


def _error_status(status: str) -> bool:
    if status.isdigit():
        return 400 <= int(status) <= 599
    return _ERROR_NAME.search(status) is not None
