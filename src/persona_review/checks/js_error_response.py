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
    return caught_error_names(lexed)


def caught_error_names(lexed: Lexed) -> set[str]:
    """The names that hold a caught error in the file: catch parameters, rejection handlers' parameters, an
    error middleware's or error hook's first parameter."""
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


_EXCEPTION_BODY = lazy_re(r"\bnew\s+(?:[\w$]+\.)?(?:[A-Z][\w$]*Exception|HttpError|HTTPError)\s*\(")
"""An HTTP exception whose first argument is the response body (NestJS `new HttpException({...}, 502)`,
`new BadGatewayException({...})`)."""
_WEB_RESPONSE = lazy_re(r"\b(?:NextResponse|Response)\s*\.\s*json\s*\(")
_CONFIG_SAFE_FIELDS = r"(?!\s*\??\.\s*(?:url|method|baseURL|timeout)\b)"
_NAME_START = r"(?:(?<=\.\.\.)|(?<![\w$.]))"
"""Where a name starts as a value: not a property (`x.err`), though it may be spread (`...err`)."""
_ENV_WHOLE = lazy_re(rf"{_NAME_START}process\s*\.\s*env\b(?!\s*(?:\?\.|\.|\[))")
_CREDENTIAL_HOLDER = lazy_re(r"\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=(?!=)\s*(.*)$")


@register(
    CheckSpec(
        id="JS-SECRET-IN-RESPONSE",
        checklist_item="SEC-13",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=_JS,
        title="Outbound credentials or the environment sent in a response",
        explanation=(
            "An axios error's `config` (and its `toJSON()`, which includes it) is the outbound request as "
            "sent: its `Authorization` and API-key headers, `auth` credentials and query `params`; "
            "`process.env` holds every secret the service has. Put in the response only what the caller "
            "needs (the upstream status, a message, a request id) and log the rest with redaction."
        ),
    ),
    needs=("config", "toJSON", "process"),
)
def secret_in_response(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    errors = _error_names(lexed)
    axios = "xios" in ctx.known_text()
    leaks = _leak_patterns(errors, axios)
    holders = _credential_holders(lexed, leaks)
    for no, _code, bare in lines_of(lexed):
        starts = [m.end() - 1 for m in _RESPONSE_CALL.finditer(bare)]
        starts += [m.end() - 1 for m in _CONTEXT_CALL.finditer(bare)]
        starts += [m.end() - 1 for m in _EXCEPTION_BODY.finditer(bare)]
        starts += [m.end() - 1 for m in _WEB_RESPONSE.finditer(bare)]
        koa = _KOA_BODY.search(bare)
        for col in starts:
            span = bracket_span(lexed, no, col)
            shown = _credentials(span.bare, leaks, holders)
            if shown:
                yield Hit(no, span.last if span.last > no else None, f"{shown} is sent in the response.")
                break
        else:
            if koa is None:
                continue
            value = bare[koa.start(1):]
            last = no
            if value.lstrip().startswith("{"):
                body = bracket_span(lexed, no, koa.start(1) + len(value) - len(value.lstrip()))
                value, last = body.bare, body.last
            shown = _credentials(value, leaks, holders)
            if shown:
                yield Hit(no, last if last > no else None, f"{shown} is given to `ctx.body`.")


def _leak_patterns(errors: set[str], axios: bool) -> list[tuple[re.Pattern[str], str]]:
    """(pattern, what it shows) for the expressions that carry credentials: a caught error's `config`
    (axios: the request as sent), its `toJSON()` where axios is in use, and the whole `process.env`."""
    out: list[tuple[re.Pattern[str], str]] = [
        (_ENV_WHOLE, "`process.env`, with every secret of the service,")
    ]
    for name in sorted(errors):
        escaped = re.escape(name)
        out.append((re.compile(rf"{_NAME_START}{escaped}\s*(?:\??\.\s*response\s*)?\??\.\s*config\b"
                               rf"{_CONFIG_SAFE_FIELDS}"),
                    f"`{name}.config`, the outbound request as sent (its `Authorization` header and "
                    "credentials),"))
        if axios:
            out.append((re.compile(rf"{_NAME_START}{escaped}\s*\??\.\s*toJSON\s*\("),
                        f"`{name}.toJSON()`, which includes the axios request's `config` (its "
                        "`Authorization` header and credentials),"))
    return out


def _credential_holders(lexed: Lexed, leaks: list[tuple[re.Pattern[str], str]]) -> dict[str, str]:
    """Variables declared from an expression that carries credentials (`const detail = { request:
    err.config }`) -> what they carry."""
    out: dict[str, str] = {}
    for no, _code, bare in lines_of(lexed):
        declared = _CREDENTIAL_HOLDER.search(bare)
        if declared is None:
            continue
        value = declared.group(2)
        if value.lstrip().startswith("{"):
            value = bracket_span(lexed, no, declared.start(2) + len(value) - len(value.lstrip())).bare
        for pattern, what in leaks:
            if pattern.search(value):
                out[declared.group(1)] = f"`{declared.group(1)}`, which holds {what.split(',')[0]},"
                break
    return out


def _credentials(bare: str, leaks: list[tuple[re.Pattern[str], str]], holders: dict[str, str]) -> str:
    for pattern, what in leaks:
        if pattern.search(bare):
            return what
    for name, what in holders.items():
        if re.search(rf"{_NAME_START}{re.escape(name)}\b(?!\s*:)", bare):
            return what
    return ""
