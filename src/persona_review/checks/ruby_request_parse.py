"""A request value parsed by a call that raises on bad input, with no `rescue` (Ruby: Rails, Sinatra).

    def index
      since = Date.parse(params[:since])               # ?since=soon: Date::Error, answered 500
      payload = JSON.parse(request.body.read)          # a malformed body: JSON::ParserError

A Rails controller answers an exception nobody rescues with a 500: the client's typo pages the on-call and
is retried as a server fault, and the caller is not told what to fix. Reported, on the parsing line,
`Integer(...)`, `Float(...)`, `BigDecimal(...)`, `Date.parse`/`Time.parse`/`DateTime.parse`/`strptime`/
`iso8601` and `JSON.parse`/`Oj.load`/`MultiJson.load` whose argument reads the request (`params[...]`,
`params.fetch/require(...)`, `request.body`, `request.raw_post`, `request.headers[...]`, `cookies[...]`), or
a local variable assigned from one in the same method, unless:
- a `rescue` of the method or of a `begin` block around it catches `ArgumentError`, `TypeError`,
  `JSON::ParserError`, `Date::Error`, `StandardError`/`Exception`, or everything (a bare `rescue`), or a
  `rescue` modifier follows it;
- the conversion is told not to raise (`Integer(x, exception: false)`);
- the action checked a signature first (`valid_signature?`, `verify_webhook!`: a known sender), or the
  controller runs such a check before every action (`before_action :verify_signature!`, no `only:`);
- the file has a `rescue_from` for one of those errors (or `ActionController::BadRequest` handling of
  them is configured there);
- the file is not a controller (by path or superclass: a model handed a hash named `params` is not reading
  the request), or the method takes a parameter named `params`;
- in a hunk, the `def` around the call is not in view (a `rescue` below the hunk could hold it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._ruby import (
    Tree,
    arguments,
    file_nodes,
    method_name,
    option_key,
    receiver,
    ruby_check,
    short,
    source_text,
    text,
)
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node

_KERNEL = {"Integer": "ArgumentError", "Float": "ArgumentError", "BigDecimal": "ArgumentError"}
_PARSERS = {
    ("Date", "parse"): "Date::Error", ("Date", "strptime"): "Date::Error", ("Date", "iso8601"): "Date::Error",
    ("DateTime", "parse"): "Date::Error", ("DateTime", "strptime"): "Date::Error",
    ("DateTime", "iso8601"): "Date::Error", ("Time", "parse"): "ArgumentError",
    ("Time", "strptime"): "ArgumentError", ("Time", "iso8601"): "ArgumentError",
    ("JSON", "parse"): "JSON::ParserError", ("JSON", "parse!"): "JSON::ParserError",
    ("Oj", "load"): "Oj::ParseError", ("MultiJson", "load"): "MultiJson::ParseError",
}
_SOURCE = lazy_re(
    r"\bparams\s*(?:\[|\.(?:fetch|require|dig|\[\])\b)|\brequest\.(?:body|raw_post|headers\s*\[|query_parameters"
    r"|request_parameters|params)\b|\bcookies\s*\["
)
_CAUGHT = lazy_re(
    r"^(?:::)?(?:ArgumentError|TypeError|JSON::ParserError|JSON::JSONError|Date::Error|StandardError|Exception"
    r"|Oj::ParseError|MultiJson::ParseError|EncodingError|ActionController::BadRequest)$"
)
_RESCUE_FROM = lazy_re(
    r"\brescue_from\b[^\n]*\b(?:ArgumentError|TypeError|JSON::ParserError|Date::Error|StandardError|Exception)\b"
)
_CONTROLLER_PATH = lazy_re(r"(?:^|/)(?:controllers|routes|api)/|_controller\.rb$")
_WEB_CLASS = lazy_re(
    r"<\s*(?:[\w:]*Controller\b|ActionController::|Sinatra::Base|Sinatra::Application|Grape::API)")
"""Where `params` is the request's (a model or job handed a hash named `params` is another matter)."""
_SIGNATURE = lazy_re(r"(?i)signature|verif\w*[!?]?")
_SIGNED_FILTER = lazy_re(
    r"(?im)^[ \t]*(?:prepend_)?before_action[ \t(]+:\w*(?:signature|verif)\w*[!?]?[ \t)]*(?:#.*)?$")
"""A filter that checks the sender's signature before every action of the controller (no `only:`)."""
_BLOCKS = frozenset({"begin", "method", "singleton_method", "body_statement", "do_block", "block"})


@ruby_check(
    "RB-REQUEST-PARSE-UNGUARDED", "ERR-00", Category.ERROR_HANDLING, Severity.MEDIUM,
    title="Request value parsed without `rescue`: a malformed request is answered 500",
    explanation=(
        "`Integer(...)`, `Float(...)`, `Date.parse`, `Time.parse` and `JSON.parse` raise on malformed text. "
        "On a value the client sent, one typo in a parameter or a broken body is answered 500: an error "
        "alert, retries, and no word to the caller about what to fix. Rescue the error and answer 400 "
        "(`rescue JSON::ParserError, ArgumentError`), use `Integer(x, exception: false)` and check for "
        "nil, or validate the parameter first."
    ),
    needs=r"params|request\.",
)
def request_parse_unguarded(ctx: FileContext) -> Iterator[Hit]:
    if _RESCUE_FROM.search(source_text(ctx)) or not (
            _CONTROLLER_PATH.search(ctx.path) or _WEB_CLASS.search(source_text(ctx))):
        return
    signed_filter = "before_action" in source_text(ctx) and bool(_SIGNED_FILTER.search(source_text(ctx)))
    seen: set[int] = set()
    for tree, node in file_nodes(ctx):
        if node.type != "call":
            continue
        raised = _raises(node)
        if raised is None:
            continue
        args = arguments(node)
        if not args or any(a.type == "pair" and option_key(a) == "exception" for a in args):
            continue
        method = _method_of(tree, node)
        cut_off = not tree.whole_file and (method is not None and (
            method.has_error or not text(method).endswith("end")))
        if method is None or _takes_params(method) or cut_off:
            continue  # in a hunk, a `rescue` of the method may lie below what is in view
        origin = _origin(args[0], method, node)
        if origin is None or signed_filter or _rescued(tree, node) or _signed(method, node):
            continue
        line = tree.line(node)
        if line in seen:
            continue
        seen.add(line)
        yield tree.hit(node, (
            f"`{short(node, 50)}` parses {origin}: malformed input raises {raised} and nothing rescues it, "
            "so the request is answered 500. Rescue it and answer 400, or validate the parameter first."))


def _takes_params(method: Node) -> bool:
    """A method with a parameter named `params` reads what its caller passed, not the request."""
    parameters = method.child_by_field_name("parameters")
    return parameters is not None and any(
        text(p.child_by_field_name("name") or p) == "params" for p in parameters.named_children)


def _signed(method: Node, call: Node) -> bool:
    """A body whose signature the action checked first (`valid_signature?`, `verify_webhook!`) comes from a
    known sender."""
    before = text(method)[: max(0, call.start_byte - method.start_byte)]
    return bool(_SIGNATURE.search(before))


def _raises(call: Node) -> str | None:
    name = method_name(call)
    owner = receiver(call)
    if owner is None:
        return _KERNEL.get(name)
    return _PARSERS.get((text(owner).removeprefix("::"), name))


def _method_of(tree: Tree, node: Node) -> Node | None:
    parent = tree.parent(node)
    while parent is not None:
        if parent.type in {"method", "singleton_method"}:
            return parent
        parent = tree.parent(parent)
    return None


def _origin(argument: Node, method: Node, call: Node) -> str | None:
    written = text(argument)
    found = _SOURCE.search(written)
    if found:
        return f"`{short(argument, 40)}`"
    if argument.type != "identifier":
        return None
    for assignment in _assignments(method):
        left = assignment.child_by_field_name("left")
        right = assignment.child_by_field_name("right")
        if left is not None and right is not None and text(left) == written \
                and assignment.start_byte < call.start_byte and _SOURCE.search(text(right)):
            return f"`{written}` (from `{short(right, 40)}`)"
    return None


def _assignments(method: Node) -> Iterator[Node]:
    stack = [method]
    while stack:
        node = stack.pop()
        if node.type in {"assignment", "operator_assignment"}:
            yield node
        stack.extend(node.named_children)


def _rescued(tree: Tree, node: Node) -> bool:
    """Whether a rescue modifier or a `rescue` clause of an enclosing block or method catches the error."""
    child, parent = node, tree.parent(node)
    while parent is not None:
        if parent.type == "rescue_modifier" and parent.child_by_field_name("body") == child:
            return True
        if parent.type in _BLOCKS and child.type not in {"rescue", "else", "ensure"}:
            for clause in parent.named_children:
                if clause.type == "rescue" and _catches(clause):
                    return True
        if parent.type in {"method", "singleton_method"}:
            body = parent.child_by_field_name("body")
            if body is not None and any(c.type == "rescue" and _catches(c) for c in body.named_children):
                return True
        child, parent = parent, tree.parent(parent)
    return False


def _catches(clause: Node) -> bool:
    exceptions = clause.child_by_field_name("exceptions")
    if exceptions is None:
        return True
    return any(_CAUGHT.search(text(n)) for n in exceptions.named_children)
