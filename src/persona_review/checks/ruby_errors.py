"""Error-handling checks for Ruby: rescue clauses that swallow every error, `rescue Exception`, and
`rescue nil` modifiers on calls that do I/O or touch the database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._handler_comments import explains
from persona_review.checks._lexing import lex
from persona_review.checks._ruby import (
    Tree,
    arguments,
    file_nodes,
    method_name,
    name_text,
    option_key,
    receiver,
    ruby_check,
    short,
    text,
    walk,
)
from persona_review.checks._spans import indent_of
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node

_ERR = Category.ERROR_HANDLING
_BROAD = frozenset({"Exception", "StandardError", "::Exception", "::StandardError", "Object"})
_INERT = frozenset({"nil", "true", "false", "integer", "float", "string", "simple_symbol", "array", "hash",
                    "empty_statement", "comment", "self"})


def _rescues(ctx: FileContext) -> Iterator[tuple[Tree, Node, list[str], list[Node]]]:
    """Each `rescue` clause of the file with its tree, the exception classes it names ([] for a bare
    `rescue`) and its body."""
    for tree, node in file_nodes(ctx):
        if node.type != "rescue":
            continue
        exceptions = node.child_by_field_name("exceptions")
        names = [text(n) for n in exceptions.named_children] if exceptions is not None else []
        body = node.child_by_field_name("body")
        statements = [n for n in body.named_children if n.type != "comment"] if body is not None else []
        yield tree, node, names, statements


def _broad(names: list[str]) -> bool:
    """Does the clause catch every error (a bare `rescue`, or one naming `StandardError`/`Exception`)?"""
    return not names or any(n in _BROAD for n in names)


def _silent(statements: list[Node]) -> bool:
    """Does the body do nothing with the error: no statements, or only literals and bare returns?"""
    for statement in statements:
        if statement.type in _INERT:
            if statement.type in {"string", "array", "hash"} and any(
                child.type == "interpolation" or child.named_child_count for child in statement.named_children
            ):
                return False
            continue
        if statement.type in {"return", "next", "break"}:
            values = statement.named_children
            if all(_literal_argument(v) for v in values):
                continue
        return False
    return True


def _literal_argument(node: Node) -> bool:
    if node.type == "argument_list":
        return all(child.type in _INERT for child in node.named_children)
    return node.type in _INERT


def _what(names: list[str]) -> str:
    return "every `StandardError`" if not names or names == ["StandardError"] else f"`{', '.join(names)}`"


def _clause_text(node: Node) -> str:
    return short(text(node).split("\n", 1)[0], 40)


def _in_hunk_whole(tree: Tree, node: Node, ctx: FileContext) -> bool:
    """Is the clause's body known to end here (the next line after it is known)? A hunk that stops inside
    the body cannot tell a swallowing clause from one whose handling lies below."""
    last = tree.first + node.end_point.row
    return ctx.whole_file or (last + 1) in ctx.lines


@ruby_check(
    "RB-RESCUE-SWALLOW", "ERR-01", _ERR, Severity.HIGH,
    title="Error swallowed: broad `rescue` that does nothing with it",
    explanation=(
        "Every failure in the block, including bugs, timeouts and lost database connections, disappears "
        "without a log line or an error report, and the caller carries on with `nil`. Rescue the specific "
        "error you expect, and log or report it (`Rails.logger.error`, `Rails.error.report`) before "
        "moving on."
    ),
    needs=r"rescue",
)
def rescue_swallow(ctx: FileContext) -> Iterator[Hit]:
    for tree, node, names, body in _rescues(ctx):
        if not (_broad(names) and _silent(body)) or _conversion_fallback(node, body):
            continue
        last = tree.first + node.end_point.row
        if _value_fallback(node) or _in_ensure(node) or explains(ctx, lex(ctx), tree.line(node) + 1, last):
            continue
        if _in_hunk_whole(tree, node, ctx):
            yield Hit(tree.line(node), None,
                      f"`{_clause_text(node)}` catches {_what(names)} and drops it.")


_CONVERSIONS = frozenset({
    "parse", "parse!", "strptime", "iso8601", "rfc3339", "rfc2822", "httpdate", "xmlschema", "Integer",
    "Float", "Rational", "BigDecimal", "Complex", "to_date", "to_datetime", "to_time", "decode64",
    "strict_decode64", "urlsafe_decode64", "unpack", "unpack1",
})
"""Calls that turn text into a value and raise when the text does not parse."""


def _conversion_fallback(rescue: Node, body: list[Node]) -> bool:
    """Is the clause the fallback value of a conversion: the code it guards is one statement that parses or
    converts text (`Time.zone.parse(value)`, `Integer(param)`) and does no I/O, and the body gives the value
    to use instead (`nil`, `{}`) in so many words, or, for an assignment (`payload = JSON.parse(payload)`),
    leaves the target as it was? That value is the method's answer for unparseable input, not an error
    dropped on the way."""
    if rescue.parent is None:
        return False
    guarded = _guarded(rescue)
    if len(guarded) != 1 or _io_call(guarded[0]) is not None:
        return False
    if not body and guarded[0].type != "assignment":
        return False  # an empty body keeps the value the target had: a fallback only for an assignment
    return any(method_name(n) in _CONVERSIONS for n in walk(guarded[0]) if n.type == "call")


def _guarded(rescue: Node) -> list[Node]:
    """The statements before `rescue` in its `begin` or method body (comments left out)."""
    guarded: list[Node] = []
    if rescue.parent is None:
        return guarded
    for sibling in rescue.parent.named_children:
        if sibling.id == rescue.id:
            break
        if sibling.type != "comment":
            guarded.append(sibling)
    return guarded


_VALUE_USERS = frozenset({"assignment", "operator_assignment", "binary", "pair", "argument_list"})


def _value_fallback(rescue: Node) -> bool:
    """Is the clause part of a `begin ... end` whose value is used (`x = begin ... rescue StandardError
    {} end`, `begin Time.parse(v) rescue StandardError end || default`) around code that does no I/O? The
    expression then reads "this value, or that one when it cannot be worked out": a default, stated where
    it is used."""
    begin = rescue.parent
    if begin is None or begin.type != "begin":
        return False
    value: Node = begin
    while value.parent is not None and value.parent.type in _PASSES_VALUE \
            and value.parent.named_children[-1].id == value.id:
        value = value.parent  # the last statement of an `if` body is the `if`'s value
    if value.parent is None or value.parent.type not in _VALUE_USERS:
        return False
    return all(_io_call(statement) is None for statement in _guarded(rescue))


def _in_ensure(rescue: Node) -> bool:
    """Is the clause inside an `ensure` (of the same method or block)? A failed cleanup dropped there keeps
    the error the block is already raising, or the result it already has, from being replaced by it."""
    current = rescue.parent
    while current is not None and current.type not in _SCOPES:
        if current.type == "ensure":
            return True
        current = current.parent
    return False


_SCOPES = frozenset({"method", "singleton_method", "block", "do_block", "lambda", "class", "module"})
_PASSES_VALUE = frozenset({"then", "else", "if", "unless", "parenthesized_statements"})


@ruby_check(
    "RB-RESCUE-EXCEPTION", "ERR-02", _ERR, Severity.MEDIUM,
    title="`rescue Exception` also catches interrupts, exits and out-of-memory errors",
    explanation=(
        "`Exception` includes `SignalException`, `SystemExit` and `NoMemoryError`, so a worker told to "
        "stop keeps running and `exit` stops working inside the block. Rescue `StandardError` (the "
        "default of a bare `rescue`) or the specific errors you can handle."
    ),
    needs=r"rescue",
)
def rescue_exception(ctx: FileContext) -> Iterator[Hit]:
    for tree, node, names, body in _rescues(ctx):
        if not any(n in {"Exception", "::Exception"} for n in names):
            continue
        if _silent(body) and _in_hunk_whole(tree, node, ctx):
            continue  # reported as swallowed
        if any(_reraises(statement) for statement in body):
            continue
        yield Hit(tree.line(node), None, f"`{_clause_text(node)}` catches signals and exits too.")


def _reraises(node: Node) -> bool:
    return any(
        current.type in {"call", "identifier"} and (method_name(current) or text(current)) == "raise"
        for current in walk(node)
    )


_IO_METHODS = frozenset({
    "save", "save!", "update", "update!", "update_attribute", "update_column", "update_columns", "destroy",
    "destroy!", "delete", "create", "create!", "find", "find_by", "find_by!", "execute", "query", "get",
    "post", "put", "patch", "request", "open", "read", "write", "deliver", "deliver_now", "deliver_later",
    "perform_now", "perform_later", "connect", "start", "upload", "download", "publish", "enqueue",
    "increment!", "decrement!", "touch", "transaction", "lock!", "reload", "insert", "upsert", "exec",
    "select_all", "select_value", "urlopen", "readlines", "mkdir", "rm", "rm_rf", "unlink", "mv",
})
_IO_RECEIVER = lazy_re(
    r"\b(?:File|IO|Dir|FileUtils|Net::HTTP|HTTParty|Faraday|RestClient|Excon|Typhoeus|HTTP|URI|Redis|"
    r"Socket|TCPSocket|S3|Aws|ActiveRecord|connection|client|redis|http|conn|socket|s3|bucket)\b"
)


@ruby_check(
    "RB-RESCUE-MODIFIER", "ERR-01", _ERR, Severity.MEDIUM,
    title="`rescue` modifier hides every failure of an I/O or database call",
    explanation=(
        "`call rescue nil` turns any error of the call, from a timeout to a failed write or a bug, into "
        "`nil`, so the caller cannot tell a missing value from an outage and the error is never logged. "
        "Rescue the specific error in a `begin` block and log or report it."
    ),
    needs=r"rescue",
)
def rescue_modifier(ctx: FileContext) -> Iterator[Hit]:
    for tree, node in file_nodes(ctx):
        if node.type != "rescue_modifier":
            continue
        guarded = node.child_by_field_name("body")
        fallback = node.child_by_field_name("handler")
        if guarded is None or (fallback is not None and fallback.type not in _INERT):
            continue
        call = _io_call(guarded)
        if call is not None:
            yield tree.hit(node, f"`{short(call, 40)}` fails silently to `{text(fallback) or 'nil'}`.")
        elif _discarded_call(tree, node, guarded):
            yield tree.hit(node, f"`{short(guarded, 40)}` runs as a statement with its every error dropped: "
                                 "when it fails, the code below carries on as if it had worked.")
        elif _REQUEST_PARSE.search(text(guarded)):
            yield tree.hit(node, f"A malformed request body is read as `{text(fallback) or 'nil'}` and "
                                 "handled as if it were valid: answer it with a 400 (rescue "
                                 "`JSON::ParserError`).")


_STATEMENT_LISTS = frozenset({"body_statement", "block_body", "then", "else", "begin", "program",
                              "parenthesized_statements", "do"})
_CLEANUP = frozenset({
    "close", "close!", "kill", "stop", "terminate", "disconnect", "disconnect!", "shutdown", "quit", "unlink",
    "delete", "remove", "cleanup", "clean", "clear", "flush", "release", "unlock", "unsubscribe", "join",
    "require", "require_relative", "load", "exit", "exit!", "abort", "finish", "wait", "shutdown!",
})
"""Calls done as a last, best-effort step (closing, stopping, removing what may be gone already): a failure
there has nothing left to spoil."""
_CLEANUP_NAME = lazy_re(
    r"^(?:close|delete|remove|cleanup|clean_up|clear|purge|stop|kill|unlink|release|unsubscribe|disconnect"
    r"|teardown|tear_down|rollback|revert|undo)_"
)


def _discarded_call(tree: Tree, modifier: Node, guarded: Node) -> bool:
    """Is `call rescue nil` a statement of its own whose value nothing uses (more statements follow it in
    its body, so it is not the method's or block's answer), guarding a call that does work (not a
    conversion, not a best-effort cleanup step, not in an `ensure`)? The code after it then runs whether
    the call worked or not (`Gateway.submit!(payment) rescue nil` followed by `payment.update!(status:
    :submitted)`)."""
    name = method_name(guarded)
    if guarded.type != "call" or name in _CLEANUP or name in _CONVERSIONS or _CLEANUP_NAME.match(name):
        return False
    parent = tree.parent(modifier)
    if parent is None or parent.type not in _STATEMENT_LISTS or _in_ensure(modifier):
        return False
    statements = [n for n in parent.named_children if n.type not in {"comment", "empty_statement"}]
    return bool(statements) and statements[-1].id != modifier.id


_REQUEST_PARSE = lazy_re(
    r"\b(?:JSON|Oj|MultiJson|YAML|Hash)\s*\.\s*(?:parse|load|safe_load|from_xml)\s*\(?\s*"
    r"(?:request\s*\.\s*(?:raw_post|body)|params\b)"
)
"""A parse of what the client sent (`JSON.parse(request.raw_post)`, `JSON.parse(params[:payload])`)."""


def _io_call(node: Node) -> Node | None:
    for current in walk(node):
        if current.type == "call":
            recv = receiver(current)
            if method_name(current) in _IO_METHODS or _IO_RECEIVER.search(name_text(recv, 200)):
                return current
    return None


_TRACE = frozenset({"backtrace", "full_message", "backtrace_locations"})
_TEXT = frozenset({"message", "to_s", "inspect"})
_SERVER_ERROR = lazy_re(r"^(?:5\d\d|:internal_server_error|:service_unavailable|:bad_gateway)$")
_RESPONSE_KEYS = ("json", "plain", "html", "body", "text", "xml", "inline")


@ruby_check(
    "RB-EXCEPTION-LEAK", "ERR-07", _ERR, Severity.MEDIUM,
    title="Exception details rendered to the client",
    explanation=(
        "A backtrace, or the message of an unexpected error, tells the caller file paths, SQL, library "
        "versions and sometimes other users' data. Log the exception with a request id (or report it) and "
        "render a generic message with that id."
    ),
    needs=r"rescue",
)
def exception_leak(ctx: FileContext) -> Iterator[Hit]:
    for tree, node, names, body in _rescues(ctx):
        variable = node.child_by_field_name("variable")
        named = variable.named_children[-1] if variable is not None and variable.named_children else None
        if named is None:
            continue
        broad = _broad(names)
        for render in _renders(body):
            message = _leaked(render, text(named), broad)
            if message:
                yield Hit(tree.line(render), None, message)


def _renders(body: list[Node]) -> Iterator[Node]:
    stack = list(reversed(body))
    while stack:
        node = stack.pop()
        if node.type == "call" and receiver(node) is None and method_name(node) == "render":
            yield node
            continue
        stack.extend(reversed(node.named_children))


def _leaked(render: Node, error: str, broad: bool) -> str:
    """What of the rescued error `render` sends: its backtrace always; its message (or the error itself)
    with a 5xx status, or with no status after a broad rescue (the answer is then a 200)."""
    args = arguments(render)
    status = next((text(p.child_by_field_name("value")) for a in args for p in _pairs(a)
                   if option_key(p) == "status"), "")
    shows_text = bool(_SERVER_ERROR.match(status)) or (broad and not status)
    for arg in args:
        for pair in _pairs(arg):
            if option_key(pair) not in _RESPONSE_KEYS:
                continue
            value = pair.child_by_field_name("value")
            for current in walk(value) if value is not None else ():
                if current.type == "call" and text(receiver(current)) == error:
                    name = method_name(current)
                    if name in _TRACE or (name in _TEXT and shows_text):
                        return f"`{error}.{name}` is rendered to the client."
                if current.type == "identifier" and text(current) == error and shows_text:
                    return f"The rescued `{error}` is rendered to the client."
    return ""


def _pairs(arg: Node) -> list[Node]:
    if arg.type == "pair":
        return [arg]
    return [p for p in arg.named_children if p.type == "pair"] if arg.type == "hash" else []



_ENSURE = lazy_re(r"^\s*ensure\s*(?:#.*)?$")
_RETURN = lazy_re(r"^\s*return\b")
_OWN_SCOPE = lazy_re(r"^\s*(?:def|class|module)\b|(?:->|\blambda)\s*(?:\([^)]*\))?\s*(?:do|\{)")
"""A nested definition or lambda, whose `return` leaves it, not the method. A `return` in a block
(`each do ... end`) still leaves the method, so blocks are read."""


@ruby_check(
    "RB-ENSURE-RETURN", "ERR-09", _ERR, Severity.HIGH,
    title="`return` inside `ensure` discards the exception in flight",
    explanation=(
        "An explicit `return` in an `ensure` clause ends the method normally whatever happened before it: "
        "an exception raised in the body is silently dropped and the caller sees a success (often with a "
        "`nil` or half-built result). Keep `ensure` for cleanup and return after the `begin`/`end`."
    ),
    needs=r"ensure",
)
def ensure_return(ctx: FileContext) -> Iterator[Hit]:
    """Read by indentation, so a hunk that starts inside the method (no `def` or `begin` in view) is read
    the same way: the `ensure` clause is the lines indented deeper than it, up to its `end`."""
    lexed = lex(ctx)
    bare = lexed.bare
    for no in sorted(bare):
        if "ensure" not in bare[no] or not _ENSURE.match(bare[no]):
            continue
        indent = indent_of(bare[no])
        skip_deeper_than: int | None = None
        line = no + 1
        while line in bare:
            text = bare[line]
            line += 1
            if not text.strip():
                continue
            depth = indent_of(text)
            if depth <= indent:
                break
            if skip_deeper_than is not None:
                if depth > skip_deeper_than:
                    continue
                skip_deeper_than = None
            if _OWN_SCOPE.search(text):
                skip_deeper_than = depth
                continue
            if _RETURN.match(text):
                shown = " ".join(lexed.code.get(line - 1, text).split())
                yield Hit(line - 1, None, f"`{shown[:60]}` in `ensure` ends the method normally even when "
                                          "its body raised: the exception is dropped and the caller sees "
                                          "success.")
