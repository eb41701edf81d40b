"""A request or message value parsed by a call that throws on bad input, outside any `try` (JavaScript,
TypeScript).

    const filters = JSON.parse(req.query.filters);     // ?filters=oops: SyntaxError, answered 500
    const id = BigInt(req.params.id);                  // /items/abc: SyntaxError
    const event = JSON.parse(message.value.toString()); // kafkajs: one bad message stops the partition

`JSON.parse`, `BigInt`, `new URL` and `decodeURIComponent` throw on malformed text. In an Express 4 handler
the throw becomes a 500 (or, in an `async` handler, an unhandled rejection and a request that never gets
an answer); in a NestJS controller a 500; in a queue consumer a crash and a redelivery of the same message,
forever. Reported, on the parsing line, such a call whose argument carries request data (the data-flow
layer's request sources: `req.query`, `req.params`, `req.body`, `req.headers`, `@Query()`/`@Body()`
parameters, ...), or a message's payload (`message.value`, `msg.content`, `record.body`, `event.body`),
unless a `try` with a `catch` holds the call (at any depth, callbacks included), the value was validated
first (the data-flow layer's guards), or, in a hunk, the function around the call is not wholly in view.
Also reported: `await req.json()` on a Fetch-API request, the request parameter of a Next.js or Remix route
export (`export async function POST(req: Request)`, `action({ request })`) or Hono's `c.req`, outside any
`try` and without `.catch(...)`: a malformed or empty body throws and is answered 500.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._tsflow import flows, text_of
from persona_review.checks._tsflow.javascript import is_handler
from persona_review.checks._tsflow.values import NOSQL
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from tree_sitter import Node

_JS = frozenset({"javascript", "typescript"})
_PARSERS = {"JSON.parse": "SyntaxError", "BigInt": "SyntaxError", "decodeURIComponent": "URIError",
            "decodeURI": "URIError"}
_MESSAGE = lazy_re(
    r"^(?:message|msg|record|kafkaMessage|m)\.(?:value|content|body)\b|^event\.body\b"
    r"|^(?:message|msg|record)\.(?:value|content|body)\s*\??\.\s*toString\s*\("
)
"""A queue message's payload (kafkajs, amqplib, SQS records) or an API Gateway event's body."""
_FUNCTIONS = frozenset({
    "function_declaration", "generator_function_declaration", "method_definition", "arrow_function",
    "function_expression", "function", "generator_function",
})
_HUNK_WRAPPER = "__hunk__"


@register(
    CheckSpec(
        id="JS-REQUEST-PARSE-UNGUARDED",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=_JS,
        title="Request or message value parsed without a `try`: malformed input is a 500 or a stuck consumer",
        explanation=(
            "`JSON.parse`, `BigInt`, `new URL` and `decodeURIComponent` throw on malformed text. On a value "
            "the client sent, one bad query parameter or header is answered 500 (in an async Express 4 "
            "handler, never answered at all); in a queue consumer, the throw redelivers the same message "
            "forever. Parse inside `try`/`catch` and answer 400 (or dead-letter the message), or validate "
            "the input with a schema first."
        ),
    ),
    needs=("JSON.parse(", "BigInt(", "new URL(", "decodeURI", ".json()"),
)
def request_parse_unguarded(ctx: FileContext) -> Iterator[Hit]:
    seen: set[int] = set()
    for flow in flows(ctx):
        tainted = {site.node.id: site for site in flow.calls}
        for name, body in _body_reads(flow.root):
            line = flow.line_of(name)
            if line in seen or _in_try(name) or not _function_in_view(name, ctx.whole_file):
                continue
            seen.add(line)
            yield Hit(line, None, message=(
                f"`{text_of(name)}` parses the request body: a malformed or empty body throws "
                "SyntaxError and nothing catches it, so the request is answered 500 instead of 400. Catch "
                f"it (`await {text_of(body)}.json().catch(() => null)`, then answer 400) or validate with a "
                "schema's `safeParse`."))
        for call in _parse_calls(flow.root):
            name, argument = call
            site = tainted.get(name.id)
            origin = _origin(site, argument)
            if origin is None:
                continue
            line = flow.line_of(name)
            if line in seen or _in_try(name) or not _function_in_view(name, ctx.whole_file):
                continue
            if not _MESSAGE.search(text_of(argument)) and (
                    not _in_handler(name, origin) or not _direct(argument, name, origin, 3)
                    or _validated_before(name)):
                continue  # a helper handed the request (its caller may catch), stored data, a checked value
            seen.add(line)
            yield Hit(line, None, message=_message(name, origin))


def _message(call: Node, origin: str) -> str:
    callee = call.child_by_field_name("function") or call.child_by_field_name("constructor")
    written = text_of(callee)
    shown = f"new {written}" if call.type == "new_expression" else written
    raised = "TypeError" if written == "URL" else _PARSERS.get(written, "an error")
    what = origin.removeprefix("the ") if "parameter `" in origin else f"`{origin}`"
    return (f"`{shown}(...)` parses {what}: malformed input throws {raised} and nothing catches it, so "
            "the request is answered 500 (or the message is redelivered forever). Parse inside try/catch "
            "and answer 400, or validate the input first.")


def _parse_calls(root: Node) -> Iterator[tuple[Node, Node]]:
    """Each `JSON.parse(x)`/`BigInt(x)`/`decodeURIComponent(x)`/`new URL(x)` call with its first argument."""
    todo = [root]
    while todo:
        node = todo.pop()
        todo.extend(node.named_children)
        if node.type == "call_expression":
            callee = text_of(node.child_by_field_name("function"))
            if callee not in _PARSERS:
                continue
        elif node.type == "new_expression":
            if text_of(node.child_by_field_name("constructor")) != "URL":
                continue
        else:
            continue
        arguments = node.child_by_field_name("arguments")
        first = next((c for c in arguments.named_children if c.type != "comment"), None) \
            if arguments is not None else None
        if first is None or arguments is None:
            continue
        if node.type == "new_expression" and (
                sum(c.type != "comment" for c in arguments.named_children) > 1
                or first.type in {"binary_expression", "template_string"}):
            continue  # `new URL(path, base)`, `new URL(base + req.url)`: a path resolves against the base
        yield node, first


_ROUTE_EXPORTS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "action"})
_HONO_REQUEST = lazy_re(r"^(?:c|ctx|context)\.req$")


def _body_reads(root: Node) -> Iterator[tuple[Node, Node]]:
    """`await req.json()` on a Fetch-API request: a Next.js/Remix route export's request parameter, or
    Hono's `c.req`. Yields the call and the request object."""
    todo = [root]
    while todo:
        node = todo.pop()
        todo.extend(node.named_children)
        if node.type != "call_expression":
            continue
        callee = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        if callee is None or callee.type != "member_expression" or arguments is None \
                or arguments.named_child_count or text_of(callee.child_by_field_name("property")) != "json":
            continue
        target = callee.child_by_field_name("object")
        if target is None:
            continue
        written = text_of(target)
        if _HONO_REQUEST.search(written) or (target.type == "identifier" and _route_request(node, written)):
            yield node, target


def _route_request(node: Node, name: str) -> bool:
    """Is `name` the request parameter of the route export around `node` (`export async function
    POST(req: Request)`, `export async function action({ request })`)?"""
    function = _enclosing_function(node)
    while function is not None:
        title = text_of(function.child_by_field_name("name"))
        if not title and function.parent is not None and function.parent.type == "variable_declarator":
            title = text_of(function.parent.child_by_field_name("name"))
        if title in _ROUTE_EXPORTS:
            params = function.child_by_field_name("parameters")
            first = next((c for c in params.named_children if c.type != "comment"), None) \
                if params is not None else None
            return first is not None and name in lazy_names(text_of(first))
        function = _enclosing_function(function)
    return False


def _origin(site: object, argument: Node) -> str | None:
    """What the parsed text comes from, as written; None when it is not the caller's data."""
    written = text_of(argument)
    if _MESSAGE.search(written):
        return written if len(written) <= 60 else written[:57] + "..."
    args = getattr(site, "args", ())
    if not args or not args[0].tainted or args[0].safe_for - {NOSQL}:
        return None  # checked or converted; being text (a path parameter) does not make it parse
    source = args[0].source or written
    return source if len(source) <= 60 else source[:57] + "..."


def _in_try(node: Node) -> bool:
    """Whether a `try` with a `catch` holds `node` in its block (a callback inside counts: conservative)."""
    if _caught_chain(node):
        return True  # `req.json().catch(() => null)`
    child, parent = node, node.parent
    while parent is not None:
        if parent.type == "try_statement" and parent.child_by_field_name("handler") is not None \
                and parent.child_by_field_name("body") == child:
            return True
        if parent.type == "call_expression" and _caught_chain(parent):
            return True
        if parent.type == "arguments" and child.type in _FUNCTIONS and parent.parent is not None \
                and _GUARDED_CALLEE.search(text_of(parent.parent.child_by_field_name("function"))):
            return True  # `trySafe(() => JSON.parse(body))`
        child, parent = parent, parent.parent
    return False


def _caught_chain(call: Node) -> bool:
    """`promise.then(x => JSON.parse(x)).catch(...)`: the throw becomes a rejection that is handled."""
    current: Node | None = call
    while current is not None and current.type in {"call_expression", "member_expression"}:
        if current.type == "member_expression" \
                and text_of(current.child_by_field_name("property")) == "catch":
            return True
        current = current.parent
    return False


def _in_handler(node: Node, origin: str) -> bool:
    """Is the call inside a request handler (at any depth of callbacks), or does its value come from a
    parameter the framework binds (`@Query()`, `@Body()`)?"""
    if "parameter" in origin:
        return True
    parent = node.parent
    while parent is not None:
        if parent.type in _FUNCTIONS:
            params = parent.child_by_field_name("parameters")
            if params is not None and is_handler(parent, params):
                return True
        parent = parent.parent
    return False


_REQUEST_TEXT = lazy_re(
    r"\b(?:req|request|ctx\.request|ctx)\.(?:query|params|body|headers|cookies|get\s*\(|header\s*\()")
_VALIDATION = lazy_re(
    r"(?i)\b\w*(?:validat|verif|sanitiz|isValid|isJSON|isURL|safeParse|signature|timingSafeEqual)\w*\s*\(")
"""A check earlier in the handler; a signature check (`signatureMatches(...)`, `timingSafeEqual`) means the
body comes from a known sender, as the Python and Ruby checks read it."""
_GUARDED_CALLEE = lazy_re(r"(?i)try|safe|attempt")


def _direct(argument: Node, call: Node, origin: str, depth: int) -> bool:
    """Does the parsed text come from the request by plain assignments (not from stored data that a
    lookup keyed by a request value returned)? Followed through `const x = ...` declarations of the same
    function, `depth` deep."""
    written = text_of(argument)
    if _REQUEST_TEXT.search(written):
        return True
    param = _PARAM.search(origin)
    if param and lazy_names(written) & {param.group(1)}:
        return True
    if depth == 0:
        return False
    function = _enclosing_function(call)
    if function is None:
        return False
    for name in lazy_names(written):
        value = _declared(function, name)
        if value is not None and value.type != "await_expression" and _direct(value, call, origin, depth - 1):
            return True
    return False


_PARAM = lazy_re(r"parameter `(\w+)`")
_IDENT = lazy_re(r"[A-Za-z_$][\w$]*")


def lazy_names(text: str) -> set[str]:
    """Identifiers at the start of each member chain of `text` (`a.b(c)` gives a and c)."""
    return {m.group(0) for m in _IDENT.finditer(text)
            if m.start() == 0 or text[m.start() - 1] not in ".'\"`"}


def _declared(function: Node, name: str) -> Node | None:
    """The value `name` is declared with in `function` (`const name = v`, `const { name } = v`)."""
    todo = [function]
    while todo:
        node = todo.pop()
        if node.type == "variable_declarator":
            target = node.child_by_field_name("name")
            value = node.child_by_field_name("value")
            if target is not None and value is not None and (
                    text_of(target) == name or (target.type == "object_pattern" and name in lazy_names(
                        text_of(target)))):
                return value
        todo.extend(node.named_children)
    return None


def _is_handler_function(function: Node) -> bool:
    if function.type == "method_definition":
        return True
    params = function.child_by_field_name("parameters")
    return params is not None and is_handler(function, params)


def _enclosing_function(node: Node) -> Node | None:
    parent = node.parent
    while parent is not None:
        if parent.type in _FUNCTIONS:
            return parent
        parent = parent.parent
    return None


def _validated_before(call: Node) -> bool:
    """A validating call earlier in the handler (`validateRedirect(body.redirect_uri)`, a schema's
    `safeParse`): the value may well be checked; the check is not second-guessed."""
    function = _enclosing_function(call)
    while function is not None and not _is_handler_function(function):
        function = _enclosing_function(function)
    if function is None:
        return False
    body = function.child_by_field_name("body")
    if body is None:
        return False
    before = text_of(body)[: max(0, call.start_byte - body.start_byte)]
    return bool(_VALIDATION.search(before))


def _function_in_view(node: Node, whole_file: bool) -> bool:
    """In a hunk, the call must sit in a function whose start is in view (not the parser's wrapper around
    loose statements): a `try` above the hunk could hold it otherwise."""
    if whole_file:
        return True
    parent = node.parent
    while parent is not None:
        if parent.type in _FUNCTIONS:
            name = parent.child_by_field_name("name")
            return text_of(name) != _HUNK_WRAPPER
        parent = parent.parent
    return False
