"""A request value parsed by a call that raises on bad input, with nothing to answer 400 (Python).

    page = int(request.args.get("page", 1))      # ?page=abc: ValueError, answered 500
    payload = json.loads(request.body)           # a malformed body: JSONDecodeError, answered 500

Flask, Django and Starlette turn an exception in a view into a 500: the client's typo pages the on-call,
is retried by clients and proxies as a server fault, and the caller is never told what to fix. Reported, on
the parsing line, a call to `int`, `float`, `Decimal`, `uuid.UUID`, `datetime.fromisoformat`/`strptime`,
`date.fromisoformat` or `json.loads` (and `orjson`/`ujson`/`simplejson`) whose first argument carries the
caller's data: the query string, form, body, headers or cookies of the request object (`request.args`,
`request.GET`, `request.query_params`, `request.body`, ..., followed through assignments by the data-flow
layer), or an AWS Lambda event. Not reported when:
- the call sits in a `try` (of the same function) that catches `ValueError`, `TypeError`,
  `JSONDecodeError`, `InvalidOperation`, `ArithmeticError`, `Exception` or everything;
- the function tests the text first (`isdigit()`, `isnumeric()`, a regex match) or is decorated with a
  validator;
- the function checked a signature or shared secret first (`hmac.compare_digest`, `verify_signature`):
  the sender is a known service, not a client that makes typos;
- the file registers a handler for `ValueError` (`@app.errorhandler(ValueError)`, `exception_handler`);
- in a hunk, the call is not inside a function that is wholly in view (a `try` above the hunk may hold it).
Also reported: `json.loads` of a queue message's payload in a consumer loop (`for msg in consumer:`,
`msg = consumer.poll(...)`) or a pika callback `(ch, method, properties, body)` with no such `try`: one
malformed message stops the consumer or comes back forever.
`await request.json()` in a Starlette/FastAPI endpoint is left alone: it is written everywhere as the
plain way to read a body, and hand-written review cases treat it as clean. Values the framework validates
(FastAPI's typed parameters, a serializer's `validated_data`) are not the request object's raw text and are
never reported.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from persona_review.checks._py_functions import caught_names, functions_of
from persona_review.checks._pyflow import Flow, SinkCall, dotted, flows, mentions
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_PARSERS = {
    "int": "ValueError", "float": "ValueError", "Decimal": "InvalidOperation",
    "decimal.Decimal": "InvalidOperation", "UUID": "ValueError", "uuid.UUID": "ValueError",
    "datetime.fromisoformat": "ValueError", "datetime.datetime.fromisoformat": "ValueError",
    "date.fromisoformat": "ValueError", "datetime.date.fromisoformat": "ValueError",
    "datetime.strptime": "ValueError", "datetime.datetime.strptime": "ValueError",
    "json.loads": "JSONDecodeError", "orjson.loads": "JSONDecodeError", "ujson.loads": "ValueError",
    "simplejson.loads": "JSONDecodeError",
}
"""Parsing calls that raise on malformed text, with the exception they raise."""
_CATCHES = frozenset({
    "ValueError", "TypeError", "JSONDecodeError", "InvalidOperation", "DecimalException", "ArithmeticError",
    "Exception", "BaseException", "ConversionSyntax",
})
_REQUEST_SOURCE = lazy_re(
    r"^(?:self\.)?(?:request|req|flask\.request)\.(?:args|form|values|json|data|GET|POST|body|headers"
    r"|cookies|COOKIES|META|query_params|query|get_json|get_data|match_info|view_args|query_string)\b"
    r"|^parameter `event` of"
)
_VALIDATING_DECORATOR = lazy_re(r"(?i)use_args|use_kwargs|expects_json|validate|schema|arguments")
_VALIDATING_CALL = lazy_re(r"(?i)valid|verif|signature|^check|^is_|match")
_REQUEST_OBJECTS = frozenset({"request", "req", "self", "self.request"})
_SENDER_CHECK = lazy_re(r"(?i)compare_digest|signature|verify_webhook|verify_request")
_CONTENT_LENGTH = lazy_re(r"(?i)content.length")
_PRECHECK = frozenset({"isdigit", "isnumeric", "isdecimal", "match", "fullmatch", "search"})
_HANDLES_VALUE_ERROR = lazy_re(
    r"errorhandler\s*\(\s*(?:ValueError|TypeError|Exception|JSONDecodeError)\b"
    r"|exception_handler\s*\(\s*(?:ValueError|TypeError|Exception|JSONDecodeError)\b"
    r"|register_error_handler\s*\(\s*(?:ValueError|TypeError|Exception|JSONDecodeError)\b"
)


@register(
    CheckSpec(
        id="PY-REQUEST-PARSE-UNGUARDED",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"python"}),
        title="Request value parsed without handling bad input: a malformed request is answered 500",
        explanation=(
            "`int(...)`, `float(...)`, `Decimal(...)`, `UUID(...)`, `fromisoformat`/`strptime` and "
            "`json.loads` raise on malformed text. On a value the client sent, one typo in a query "
            "parameter or body becomes a 500: an error alert, retries by clients and proxies, and no word "
            "to the caller about what to fix. Catch the error and answer 400, or let the framework "
            "validate the value (`request.args.get(\"page\", type=int)`, a form or serializer, a typed "
            "FastAPI parameter)."
        ),
    ),
    needs=("int(", "float(", "Decimal(", "UUID(", "fromisoformat(", "strptime(", "loads("),
)
def request_parse_unguarded(ctx: FileContext) -> Iterator[Hit]:
    if _HANDLES_VALUE_ERROR.search(ctx.known_text()):
        return
    requests = mentions(ctx, "request", "req.", "event")
    messages = mentions(ctx, "loads(") and mentions(ctx, "consumer", "properties, body", "props, body")
    for flow in flows(ctx):
        if requests:
            yield from _hits(flow)
        if messages:
            yield from _message_hits(flow)


def _message_hits(flow: Flow) -> Iterator[Hit]:
    """`json.loads` of a queue message's payload, in a consumer loop (`for msg in consumer:`,
    `msg = consumer.poll(...)`) or a pika callback `(ch, method, properties, body)`."""
    for function in functions_of(flow):
        names = _message_names(function)
        if not names:
            continue
        guarded = _guarded_lines(function)
        for node in ast.walk(function):
            if not (isinstance(node, ast.Call) and dotted(node.func) in _PARSERS
                    and dotted(node.func).endswith("loads") and node.args):
                continue
            root = node.args[0]
            while isinstance(root, ast.Call | ast.Attribute):
                root = root.func if isinstance(root, ast.Call) else root.value
            if not (isinstance(root, ast.Name) and root.id in names) or node.lineno in guarded \
                    or _innermost(function, node) is not function:
                continue
            yield Hit(node.lineno + flow.offset, None, message=(
                f"`{dotted(node.func)}(...)` parses a queue message with nothing around it: one malformed "
                "message raises, stops this consumer (or is redelivered and fails again, forever). Catch "
                "the error, log it and dead-letter or skip the message."))


def _message_names(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    params = [a.arg for a in function.args.args]
    pika = params[-3:] in (["method", "properties", "body"], ["method", "props", "body"])
    names = {"body"} if pika else set()
    for node in ast.walk(function):
        if isinstance(node, ast.For | ast.AsyncFor) and isinstance(node.target, ast.Name) \
                and "consumer" in ast.unparse(node.iter).lower():
            names.add(node.target.id)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Call) \
                and dotted(node.value.func).lower().endswith("consumer.poll"):
            names.add(node.targets[0].id)
    return names


def _hits(flow: Flow) -> Iterator[Hit]:
    parsing = [call for call in flow.calls if call.name in _PARSERS and call.args and call.args[0].tainted
               and _REQUEST_SOURCE.search(call.args[0].source)]
    if not parsing:
        return
    reported: set[int] = set()
    for function in functions_of(flow):
        if any(_VALIDATING_DECORATOR.search(dotted(d.func if isinstance(d, ast.Call) else d) or "")
               for d in function.decorator_list):
            continue
        inside = [call for call in parsing if _within(call.call, function)]
        if not inside:
            continue
        if not _reads_request(function) or _raises_value_error(function):
            continue
        guarded = _guarded_lines(function)
        trusted_from = min((n.lineno for n in ast.walk(function) if isinstance(n, ast.Call)
                            and _SENDER_CHECK.search(dotted(n.func).rsplit(".", 1)[-1])), default=None)
        for call in inside:
            node = call.call
            if node.lineno in guarded or id(node) in reported or _innermost(function, node) is not function:
                continue
            if trusted_from is not None and trusted_from < node.lineno:
                continue  # a signature or shared secret was checked first: a known sender
            text = ast.unparse(node.args[0])
            lambda_field = call.args[0].source.startswith("parameter") and "body" not in text
            if _CONTENT_LENGTH.search(text) or lambda_field:
                continue
            if (_names_in(node.args[0]) - _REQUEST_OBJECTS) & _prechecked_names(function, node):
                continue
            reported.add(id(node))
            yield Hit(call.line, None, message=_message(call))


def _message(call: SinkCall) -> str:
    raised = _PARSERS[call.name]
    source = call.args[0].source
    origin = "the Lambda event" if source.startswith("parameter") else f"`{source}`"
    return (
        f"`{call.name}(...)` parses text from {origin}: malformed input raises {raised} and the request is "
        "answered 500 instead of 400. Catch the error and answer 400, or have the framework validate the "
        "value."
    )


def _within(node: ast.AST, function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    line = getattr(node, "lineno", 0)
    return function.lineno <= line <= (function.end_lineno or function.lineno)


def _innermost(function: ast.FunctionDef | ast.AsyncFunctionDef,
               node: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef:
    """The innermost function or lambda-free def around `node` (nested defs are walked on their own)."""
    for child in ast.walk(function):
        if child is not function and isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) \
                and _within(node, child):
            return _innermost(child, node)
    return function


def _guarded_lines(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(function):
        body: list[ast.stmt] = []
        if isinstance(node, ast.Try | ast.TryStar) and any(caught_names(h) & _CATCHES for h in node.handlers):
            body = node.body
        if isinstance(node, ast.With) and any(
                isinstance(item.context_expr, ast.Call)
                and dotted(item.context_expr.func).endswith("suppress") for item in node.items):
            body = node.body
        for stmt in body:
            lines.update(range(stmt.lineno, (stmt.end_lineno or stmt.lineno) + 1))
    return lines


def _reads_request(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Does the function read the request itself (not only receive its text from a caller, who may catch
    the error)?"""
    if any(arg.arg == "event" for arg in function.args.args):
        return True
    return any(isinstance(node, ast.Attribute) and _REQUEST_SOURCE.search(dotted(node))
               for node in ast.walk(function))


def _raises_value_error(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A function that raises ValueError itself leaves bad input to its caller, which must catch it."""
    for node in ast.walk(function):
        if isinstance(node, ast.Raise) and node.exc is not None:
            exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if dotted(exc).rsplit(".", 1)[-1] in {"ValueError", "TypeError"}:
                return True
    return False


def _names_in(node: ast.AST) -> set[str]:
    return {dotted(n) for n in ast.walk(node) if isinstance(n, ast.Name | ast.Attribute | ast.Call)} - {""}


def _prechecked_names(function: ast.FunctionDef | ast.AsyncFunctionDef, parse: ast.Call) -> set[str]:
    """Names (and request reads) the function tests with `isdigit()`/`isnumeric()` or a regex match, or
    hands to a validating or signature-verifying call, before the `parse` call: on an earlier line, or
    earlier on its line (`not ts.isdigit() or int(ts) < floor`, where `or` stops before the parse)."""
    out: set[str] = set()
    for node in ast.walk(function):
        if not isinstance(node, ast.Call) or (node.lineno, node.col_offset) >= (parse.lineno,
                                                                                parse.col_offset):
            continue
        if isinstance(node.func, ast.Attribute) and node.func.attr in _PRECHECK:
            out |= _names_in(node.func.value)
            for arg in node.args:
                out |= _names_in(arg)
        elif _VALIDATING_CALL.search(dotted(node.func).rsplit(".", 1)[-1]):
            for arg in [*node.args, *(kw.value for kw in node.keywords)]:
                out |= _names_in(arg)
    return out - {"re"}
