"""JavaScript/TypeScript: error details sent to the client (Express, Koa, Fastify handlers): a stack trace,
a caught error object, or an error's message in a 5xx answer."""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import bracket_span, lines_of, split_args
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JS = frozenset({"javascript", "typescript"})

_RESPONSE_CALL = lazy_re(
    r"(?<![\w$.])(?:res|response|reply|ctx\.response)\s*"
    r"(?:\.\s*status\s*\(\s*([^()]*?)\s*\)\s*)?\.\s*(?:send|json|jsonp|end|write)\s*\("
)
_KOA_BODY = lazy_re(r"(?<![\w$.])ctx\.body\s*=(?!=)\s*(.+)$")
_STACK = lazy_re(r"(?<![\w$])[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\.stack\b(?!\s*\()")
_ERROR_NAMES = lazy_re(
    r"\bcatch\s*\(\s*([A-Za-z_$][\w$]*)"
    r"|\.catch\s*\(\s*(?:async\s+)?(?:function\s*\w*\s*)?\(?\s*([A-Za-z_$][\w$]*)"
    r"|\(\s*([A-Za-z_$][\w$]*)\s*(?::\s*[\w.]+\s*)?,\s*(?:req|request)\b[^,()]*,\s*(?:res|response)\b[^,()]*,"
    r"\s*next\b"
)
"""Names that hold an error: a catch parameter, a promise rejection handler's parameter, the first parameter
of an Express error middleware `(err, req, res, next)`."""
_SERVER_ERROR = lazy_re(r"^(?:5\d\d|HttpStatus\.\w*INTERNAL\w*|\w*\.INTERNAL_SERVER_ERROR|"
                           r"StatusCodes\.INTERNAL_SERVER_ERROR|(?:err|error|e)\.(?:status|statusCode)\s*\|\|\s*500)$")


@register(
    CheckSpec(
        id="JS-STACK-TRACE-LEAK",
        checklist_item="ERR-07",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=_JS,
        title="Error details sent to the client",
        explanation=(
            "A stack trace or a raw error object tells a caller the file layout, library versions, SQL and "
            "sometimes data (driver errors carry the query and the row). Log the error with a request id and "
            "answer with a generic message and that id."
        ),
    )
)
def stack_trace_leak(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    errors: set[str] | None = None
    for no, _code, bare in lines_of(lexed):
        if "res" not in bare and "reply" not in bare and "ctx" not in bare:
            continue
        for call in _RESPONSE_CALL.finditer(bare):
            if errors is None:
                errors = _error_names(lexed)
            span = bracket_span(lexed, no, call.end() - 1)
            status = (call.group(1) or "").strip()
            message = _leak(span.code, span.bare, split_args(span), errors, bool(_SERVER_ERROR.match(status)))
            if message:
                yield Hit(no, span.last if span.last > no else None, message)
                break
        else:
            koa = _KOA_BODY.search(bare)
            if koa is not None and _STACK.search(bare[koa.start(1):]):
                yield Hit(no, None, "`ctx.body` is given a stack trace.")


def _error_names(lexed: Lexed) -> set[str]:
    names: set[str] = set()
    for _no, _code, bare in lines_of(lexed):
        if "catch" in bare or "next" in bare:
            for match in _ERROR_NAMES.finditer(bare):
                names.update(g for g in match.groups() if g)
    return names


def _leak(code: str, bare: str, args: list[str], errors: set[str], server_error: bool) -> str:
    stack = _STACK.search(bare)
    if stack is not None:
        return f"`{stack.group()}` is sent in the response."
    first = args[0].strip() if args else ""
    if first in errors:
        return f"The caught error `{first}` is sent to the client as is."
    if server_error:
        for name in errors:
            shown = re.search(rf"(?<![\w$.]){re.escape(name)}\.message\b|String\(\s*{re.escape(name)}\s*\)"
                              rf"|{re.escape(name)}\.toString\(\)|\$\{{\s*{re.escape(name)}(?:\.message)?\s*\}}",
                              code)
            if shown is not None and not _chosen(code, shown.group()):
                return f"`{shown.group().strip('${}')}` is sent with a 5xx status."
    return ""


def _chosen(code: str, shown: str) -> bool:
    """Whether the error's text is one branch of a conditional whose other branch is a string literal
    (`err.expose ? err.message : 'internal error'`): the author decided which errors may show their
    message (those made for the client, such as http-errors with a 4xx status)."""
    text = re.escape(shown)
    literal = r"(?:'[^'\n]*'|\"[^\"\n]*\"|`[^`$]*`)"
    return re.search(rf"\?\s*{text}\s*:\s*{literal}|\?\s*{literal}\s*:\s*{text}", code) is not None
