"""JavaScript/TypeScript handlers that answer a caught failure with a success status.

    } catch (err) {
      logger.error(err);
      res.json({ error: 'could not save the order' });      // HTTP 200
    }

Express's `res.json`/`res.send` and Fastify's `reply.send` answer 200 unless a status was set. Reported: in
a `catch` block or a callback's `if (err) {` branch, `res.json({ error ... })`, `res.send({ error ... })`
or `reply.send({ error ... })` called on the response object itself (no `.status(...)`/`.code(...)`
before it in the chain), when no earlier line of the block sets a status (`res.status(...)`,
`res.statusCode =`, `reply.code(...)`).
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._catch import catches
from persona_review.checks._lexing import lex
from persona_review.checks._spans import brace_block, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ERROR_ANSWER = lazy_re(
    r"(?<![\w$.])(?P<recv>res|resp|response|reply)\s*\.\s*(?:json|send)\s*\(\s*\{\s*[\"']?"
    r"(?:error|errors|err)\b"
)
_ERR_IF = lazy_re(r"^\s*(?:\}\s*else\s+)?if\s*\(\s*(?:err|error)\s*\)\s*\{")
"""A callback's error branch: `if (err) {`."""
_STATUS_SET = lazy_re(r"\.\s*(?:status|code|sendStatus|writeHead)\s*\(|\.statusCode\s*=")


@register(
    CheckSpec(
        id="JS-ERROR-ANSWERED-OK",
        checklist_item="ERR-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"javascript", "typescript"}),
        title="Error answered with a success status",
        explanation=(
            "`res.json`, `res.send` and `reply.send` answer 200 unless a status was set, so this error body "
            "goes out as a success: clients and retries treat the failed request as done and error-rate "
            "monitoring never sees it. Set the status that says what failed: "
            "`res.status(500).json({ error })` (or 4xx for the client's own mistakes)."
        ),
    ),
    needs=("catch", "if (err", "if (error"),
)
def error_answered_ok(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    branches = [(caught.line, caught.last, "catch") for caught in catches(lexed)]
    for no, _code, bare in lines_of(lexed):
        header = _ERR_IF.match(bare)
        if header is not None:
            block = brace_block(lexed, no, header.end() - 1)
            if block is not None:
                branches.append((no, block.last, "if"))
    for first, last, kind in branches:
        for no in range(first, last + 1):
            code = lexed.code.get(no, "")
            if no == first:
                code = code[code.find("{", code.find("catch" if kind == "catch" else "if")) + 1:]
            found = _ERROR_ANSWER.search(code)
            if found is not None:
                if no in ctx.added:
                    what = "caught failure" if kind == "catch" else "error"
                    yield Hit(no, None, message=(
                        f"`{found.group('recv')}` answers this {what} with an error body and no "
                        "status, so the client gets 200: set the status first "
                        f"(`{found.group('recv')}.status(500)...`)."))
                break
            if _STATUS_SET.search(lexed.bare.get(no, "")):
                break
