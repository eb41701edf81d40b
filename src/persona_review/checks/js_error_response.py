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
    r"(?<![\w$.])(?:res|resp|response|reply|ctx\.response)\s*"
    r"(?:\.\s*(?:status|code)\s*\(\s*([^()]*?)\s*\)\s*)?\.\s*(?:send|json|jsonp|end|write)\s*\("
    r"|(?<![\w$.])h\s*\.\s*response\s*\("
)
"""A response written: Express `res.status(500).json(...)`, Fastify `reply.code(500).send(...)`, hapi's
`h.response(...)` (its status follows the payload)."""
_CONTEXT_CALL = lazy_re(r"(?<![\w$.])c\s*\.\s*(?:json|text|html|body)\s*\(")
"""A Hono handler's answer, `c.json(body, status)`: the status is the second argument."""
_CHAIN_HEAD = lazy_re(
    r"(?<![\w$.])(?:res|resp|response|reply)\s*(?:\.\s*(?:status|code)\s*\(\s*([^()]*?)\s*\)\s*)?$"
)
"""The start of a response chain written over lines (`return response` / `.status(500)` / `.send(...)`),
as joined up to the line that writes."""
_CHAIN_WRITE = lazy_re(r"^\s*\.\s*(?:send|json|jsonp|end|write)\s*\(")
_ENV_GATED = lazy_re(
    r"\bNODE_ENV\b|\bisDev\w*|\bisProd\w*|\benv\s*[!=]==?|[!=]==?\s*['\"](?:development|dev|production|prod)['\"]"
)
"""A stack sent only in development (`...(config.env === 'development' && { stack: err.stack })`): gated
on the environment, on purpose."""
_STACK_HOLDER = lazy_re(r"\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=(?!=)\s*(.*)$")
"""A variable declared from an expression (a stack trace put in a variable, then sent)."""
_KOA_BODY = lazy_re(r"(?<![\w$.])ctx\.body\s*=(?!=)\s*(.+)$")
_STACK = lazy_re(r"(?<![\w$])[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*\??\.stack\b(?!\s*\()")
_ERROR_NAMES = lazy_re(
    r"\bcatch\s*\(\s*([A-Za-z_$][\w$]*)"
    r"|\.catch\s*\(\s*(?:async\s+)?(?:function\s*\w*\s*)?\(?\s*([A-Za-z_$][\w$]*)"
    r"|\(\s*([A-Za-z_$][\w$]*)\s*(?::\s*[\w.]+\s*)?,\s*(?:req|request)\b[^,()]*,\s*(?:res|response)\b[^,()]*,"
    r"\s*next\b"
    r"|\b(?:onError|setErrorHandler)\s*\(\s*(?:async\s*)?(?:function\s*\w*\s*)?\(\s*([A-Za-z_$][\w$]*)"
)
"""Names that hold an error: a catch parameter, a promise rejection handler's parameter, the first parameter
of an Express error middleware `(err, req, res, next)`, of a Hono `app.onError((err, c) => ...)` or Fastify
`setErrorHandler((error, request, reply) => ...)` handler."""
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
    holders = _stack_holders(lexed) if ".stack" in ctx.known_text() else frozenset()
    chain = ""
    for no, _code, bare in lines_of(lexed):
        head = chain
        chain = head + bare.strip() if bare.lstrip().startswith(".") else bare.rstrip()
        continued = bare.lstrip().startswith(".")
        if not continued and not any(word in bare for word in ("res", "reply", "ctx", "c.")):
            continue
        calls: list[tuple[int, str | None]] = [
            (call.end() - 1, call.group(1) or "") for call in _RESPONSE_CALL.finditer(bare)
        ]
        calls += [(call.end() - 1, None) for call in _CONTEXT_CALL.finditer(bare)]
        if not calls:
            written = _CHAIN_WRITE.match(bare)
            started = _CHAIN_HEAD.search(head) if written is not None else None
            if written is not None and started is not None:
                calls = [(written.end() - 1, started.group(1) or "")]
        for col, status_text in calls:
            if errors is None:
                errors = _error_names(lexed)
            span = bracket_span(lexed, no, col)
            args = split_args(span)
            # Hono's `c.json(body, status)` gives the status second.
            status = (status_text if status_text is not None else args[1] if len(args) > 1 else "").strip()
            message = _leak(span.code, span.bare, args, errors, bool(_SERVER_ERROR.match(status)),
                            holders=holders)
            if message:
                yield Hit(no, span.last if span.last > no else None, message)
                break
        else:
            koa = _KOA_BODY.search(bare)
            if koa is None:
                continue
            value = bare[koa.start(1):]
            if value.lstrip().startswith("{"):  # an object literal, perhaps over several lines
                body = bracket_span(lexed, no, koa.start(1) + len(value) - len(value.lstrip()))
                value, last = body.bare, body.last
            else:
                last = no
            if _STACK.search(value) or _held(value, holders):
                yield Hit(no, last if last > no else None, "`ctx.body` is given a stack trace.")


def _stack_holders(lexed: Lexed) -> frozenset[str]:
    """Variables declared from an expression that holds a stack trace (`const trace = err.stack`,
    `const details = { message: err.message, stack: err.stack }`)."""
    names: set[str] = set()
    for no, _code, bare in lines_of(lexed):
        if ".stack" not in bare and "{" not in bare:
            continue
        declared = _STACK_HOLDER.search(bare)
        if declared is None:
            continue
        value = declared.group(2)
        code = lexed.code[no][declared.start(2):]
        if value.lstrip().startswith("{"):
            span = bracket_span(lexed, no, declared.start(2) + len(value) - len(value.lstrip()))
            value, code = span.bare, span.code
        if _STACK.search(value) and not _ENV_GATED.search(code):
            names.add(declared.group(1))
    return frozenset(names)


def _held(bare: str, holders: frozenset[str]) -> str:
    """The first variable of `holders` that `bare` reads as a value (not as an object key or a property)."""
    for name in holders:
        if re.search(rf"(?<![\w$.]){re.escape(name)}\b(?!\s*:)", bare):
            return name
    return ""


def _error_names(lexed: Lexed) -> set[str]:
    names: set[str] = set()
    for _no, _code, bare in lines_of(lexed):
        if "catch" in bare or "next" in bare:
            for match in _ERROR_NAMES.finditer(bare):
                names.update(g for g in match.groups() if g)
    return names


def _leak(code: str, bare: str, args: list[str], errors: set[str], server_error: bool, *,
          holders: frozenset[str] = frozenset()) -> str:
    stack = _STACK.search(bare)
    if stack is not None and not _ENV_GATED.search(code):
        return f"`{stack.group()}` is sent in the response."
    held = _held(bare, holders)
    if held:
        return f"`{held}`, which holds a stack trace, is sent in the response."
    first = args[0].strip() if args else ""
    if first in errors:
        return f"The caught error `{first}` is sent to the client as is."
    if server_error:
        for name in errors:
            shown = re.search(rf"(?<![\w$.]){re.escape(name)}\.message\b"
                              rf"|\(\s*{re.escape(name)}\s+as\s+[\w$.]+\s*\)\.message\b|String\(\s*{re.escape(name)}\s*\)"
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
