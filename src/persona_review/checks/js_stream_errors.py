"""Node streams and event emitters whose 'error' event nothing listens to, in server code.

An `EventEmitter` that emits 'error' with no listener throws: in a server that is an uncaught exception
and the whole process goes down with every request it was serving. Streams, child processes, sockets and
`ws` connections all report their failures that way.

- **JS-PIPE-NO-ERROR**: `a.pipe(b)` (or a chain) on a recognisable Node stream (a file, compression or
  HTTP stream, a request or response) in a function with no 'error' listener and no `pipeline`/`finished`.
  `.pipe()` does not forward errors: a missing file or a dropped upstream connection either crashes the
  process or leaves the destination (often the response) open forever. Observable (`rxjs`) and schema
  (`zod`) `.pipe` chains are left alone: none of their parts is a Node stream.
- **JS-EMITTER-NO-ERROR**: a child process (`spawn`/`fork`), socket (`net.connect`, `tls.connect`), file
  stream or `ws` WebSocket made in a function that listens to its other events ('exit', 'data',
  'message'...) but not to 'error'; and a `ws` server's connection whose messages are handled with no
  'error' listener. The object's owner is right there; the one event that kills the process is missing.

Functions only: a stream joined at module level is a script's, not a server's. An object returned, kept
on a field or handed to another function may get its listener there, and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._tsflow import FileFlow, flows, text_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from tree_sitter import Node

_JS = frozenset({"javascript", "typescript"})
_FUNCTION_TYPES = frozenset({
    "function_declaration", "generator_function_declaration", "method_definition", "arrow_function",
    "function_expression", "function", "generator_function",
})

_STREAM_MAKER = lazy_re(
    r"(?:^|[^\w$])(?:create(?:Read|Write)Stream|create(?:Gzip|Gunzip|Deflate|Inflate|DeflateRaw|InflateRaw|"
    r"Unzip|BrotliCompress|BrotliDecompress)|archiver|[Bb]usboy|got\.stream|new\s+(?:PassThrough|Transform))\s*\("
)
"""Calls that make a Node stream: file, compression and archive streams, upload parsers, pass-throughs.
Not `new Readable(...)`: a source the code pushes into itself does not fail on its own."""
_STREAM_HOLDER = lazy_re(
    r"^(?:\w+\.)?(?:data|Body)$|^(?:req|request|res|response|reply\.raw|ctx\.(?:req|res)|c\.res|"
    r"upstream|proxyRes)$|^res\.(?:status|type|set|header|attachment)\("
)
"""What is a Node stream by convention: an HTTP request or response (a handler's `req`/`res`, Fastify's
`reply.raw`, Koa's `ctx.res`), an axios response body (`response.data`) or an S3 object (`obj.Body`)."""
_HANDLED = lazy_re(
    r"""\.(?:on|once|addListener|prependListener)\s*\(\s*['"`]error['"`]|\.onerror\s*=|\bpipeline\s*\(|"""
    r"""\bfinished\s*\(|\bpump\s*\(|\beos\s*\(|\bonFinished\s*\(|\bstreamPipeline\s*\(|\bpipelineAsync\s*\("""
)
"""What handles a stream's failure: an 'error' listener, `stream.pipeline` (promises too), `finished`,
`pump`, `end-of-stream`."""


def _walk(node: Node) -> Iterator[Node]:
    todo = [node]
    while todo:
        current = todo.pop()
        yield current
        todo.extend(reversed(current.children))


def _outermost_function(node: Node) -> Node | None:
    """The outermost function around `node` (listeners are often set in the function a callback sits
    in), or None at module level."""
    found: Node | None = None
    parent = node.parent
    while parent is not None:
        if parent.type in _FUNCTION_TYPES:
            found = parent
        parent = parent.parent
    return found


def _innermost_function(node: Node) -> Node | None:
    parent = node.parent
    while parent is not None and parent.type not in _FUNCTION_TYPES:
        parent = parent.parent
    return parent


def _whole_in_view(ctx: FileContext, flow: FileFlow, function: Node) -> bool:
    """Both ends of the function are lines of the hunk (a fragment's parse closes what the hunk leaves
    open on a line of its own, past the known lines)."""
    return ctx.whole_file or (flow.line_of(function) in ctx.lines and flow.end_line_of(function) in ctx.lines)


def _top_level(ctx: FileContext, flow: FileFlow, function: Node) -> bool:
    """A method, or a function on a line of its own at the left margin: no function the hunk does not
    show can hold it (and set listeners on what it joins)."""
    if ctx.whole_file or function.type == "method_definition":
        return True
    text = ctx.lines.get(flow.line_of(function), "")
    return bool(text) and not text[0].isspace()


def _pipe_call(node: Node) -> tuple[Node, Node] | None:
    """(source, destination) of a `source.pipe(destination)` call node."""
    if node.type != "call_expression":
        return None
    function = node.child_by_field_name("function")
    args = node.child_by_field_name("arguments")
    if function is None or args is None or function.type != "member_expression":
        return None
    prop = function.child_by_field_name("property")
    source = function.child_by_field_name("object")
    if source is None or text_of(prop) != "pipe":
        return None
    named = [a for a in args.named_children if a.type != "comment"]
    if not named or len(named) > 2 or (len(named) == 2 and named[1].type != "object"):
        return None
    return source, named[0]


def _chain(node: Node) -> list[Node]:
    """The parts of the `.pipe` chain that starts with the call `node`: source, then each destination."""
    first = _pipe_call(node)
    assert first is not None
    parts = [first[0], first[1]]
    current = node
    while True:
        member = current.parent
        if member is None or member.type != "member_expression":
            return parts
        outer = member.parent
        if outer is None or outer.child_by_field_name("function") != member:
            return parts
        joined = _pipe_call(outer)
        if joined is None:
            return parts
        parts.append(joined[1])
        current = outer


def _stream_names(scope: Node) -> set[str]:
    """Names bound in `scope` to a call that makes a stream (`const out = fs.createWriteStream(p)`)."""
    names: set[str] = set()
    for node in _walk(scope):
        if node.type == "variable_declarator":
            name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
        elif node.type == "assignment_expression":
            name, value = node.child_by_field_name("left"), node.child_by_field_name("right")
        else:
            continue
        if (name is not None and value is not None and name.type == "identifier"
                and _STREAM_MAKER.search(text_of(value))):
            names.add(text_of(name))
    return names


def _is_stream(part: Node, names: set[str], *, holder: bool = True) -> bool:
    text = text_of(part).strip()
    if part.type == "await_expression":
        return False
    return bool(_STREAM_MAKER.search(text) or text in names or (holder and _STREAM_HOLDER.search(text)))


def _joins_streams(parts: list[Node], names: set[str]) -> bool:
    """Some part is a Node stream. A response at the end of the chain is not enough on its own: what is
    piped into it may be a stream the code fills itself, which never fails."""
    return any(_is_stream(part, names) for part in parts[:-1]) or _is_stream(parts[-1], names, holder=False)


@register(
    CheckSpec(
        id="JS-PIPE-NO-ERROR",
        checklist_item="ERR-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_JS,
        title="Streams joined with `.pipe()` and no error handling",
        explanation=(
            "`.pipe()` does not forward errors: when the source fails (a missing file, a dropped client or "
            "upstream connection, a failed storage read) its 'error' event has no listener and the process "
            "crashes, or the destination, often the response, is never ended and the request hangs. Join "
            "the streams with `stream.pipeline(a, b, callback)` or `await pipeline(a, b)` from "
            "'stream/promises', which destroys every stream and reports the error once."
        ),
    ),
    needs=(".pipe(",),
)
def pipe_no_error(ctx: FileContext) -> Iterator[Hit]:
    seen: set[int] = set()
    judged: dict[int, set[str] | None] = {}
    """Scope node id -> its stream names, or None when the scope handles stream errors (read once per
    scope, however many pipes it holds: linear in the file)."""
    for flow in flows(ctx):
        for node in _walk(flow.root):
            pipe = _pipe_call(node)
            if pipe is None or _pipe_call(pipe[0]) is not None:
                continue  # a later link of a chain: judged with its first link
            scope = _outermost_function(node)
            if scope is None and _inline_source_in_function_hunk(ctx, flow, node, pipe[0]):
                scope = node  # nothing outside the statement can hold a listener on a stream made inline
            elif scope is None or not (_whole_in_view(ctx, flow, scope) and _top_level(ctx, flow, scope)):
                block = _declaring_block(ctx, flow, node, pipe[0])
                if block is None:
                    continue  # module level (a script's stream), or a function the hunk cuts
                scope = block  # a block-scoped source: only its own block can reach it
            if scope.id not in judged:
                judged[scope.id] = None if _HANDLED.search(text_of(scope)) else _stream_names(scope)
            names = judged[scope.id]
            if names is None:
                continue
            parts = _chain(node)
            if not _joins_streams(parts, names):
                continue
            line = flow.line_of(node)
            if line in seen:
                continue
            seen.add(line)
            source = " ".join(text_of(parts[0]).split())[:60]
            yield Hit(line, flow.end_line_of(node), message=(
                f"`{source}` is joined with `.pipe()` and nothing in this function listens for 'error': "
                "`.pipe()` does not forward errors, so when one of these streams fails (a missing file, a "
                "dropped connection) the process crashes on the unhandled 'error' event, or the other "
                "end stays open and the request hangs. Use `pipeline(...)` from 'stream' (with a "
                "callback) or 'stream/promises' (awaited)."))


def _root_name(node: Node) -> str:
    """The identifier a source expression starts from: `obj` for `obj.Body`, `file` for `file`."""
    while node.type == "member_expression":
        inner = node.child_by_field_name("object")
        if inner is None:
            return ""
        node = inner
    return text_of(node) if node.type == "identifier" else ""


def _declaring_block(ctx: FileContext, flow: FileFlow, node: Node, source: Node) -> Node | None:
    """In a hunk that cuts the function, the block `{ ... }` around the pipe that declares the source with
    `const`/`let` (`const obj = await s3.send(...); obj.Body.pipe(res);` inside a `try`), when the hunk
    shows that block whole and the source is not handed to anything else in it: a block-scoped name cannot
    be reached from outside the block, so no listener set elsewhere can cover it. None otherwise."""
    if ctx.whole_file or flow.line_of(node) not in ctx.added:
        return None
    name = _root_name(source)
    if not name:
        return None
    parent = node.parent
    while parent is not None and parent.type not in _FUNCTION_TYPES:
        if parent.type == "statement_block" and _declares(parent, name):
            first, last = flow.line_of(parent), flow.end_line_of(parent)
            closing = ctx.lines.get(last, "")
            if first not in ctx.lines or "}" not in closing or _handed_on(text_of(parent), name):
                return None
            return parent
        parent = parent.parent
    return None


def _declares(block: Node, name: str) -> bool:
    """A `const`/`let` statement directly in `block` binds `name`."""
    for statement in block.named_children:
        if statement.type != "lexical_declaration":
            continue
        for declarator in statement.named_children:
            if declarator.type != "variable_declarator":
                continue
            bound = declarator.child_by_field_name("name")
            if bound is not None and bound.type == "identifier" and text_of(bound) == name:
                return True
    return False


_FUNCTION_HEADER = lazy_re(
    r"=>\s*\{\s*$|\bfunction\b[^{]*\{\s*$|^\s*(?:async\s+)?[\w$]+\s*\([^)]*\)[^{;]*\{\s*$")


def _inline_source_in_function_hunk(ctx: FileContext, flow: FileFlow, node: Node, source: Node) -> bool:
    """A hunk that starts inside a function (git names it in the hunk header: a route's `async (req, res)
    => {`, a method) pipes a stream made in the same expression (`fs.createReadStream(p).pipe(res)`):
    no code before or after can have set an 'error' listener on it, so the hunk shows all there is."""
    if ctx.whole_file or not _STREAM_MAKER.search(text_of(source)):
        return False
    line = flow.line_of(node)
    return bool(_FUNCTION_HEADER.search(ctx.section_at(line)))


_EMITTER_MAKER = lazy_re(
    r"(?:^|[^\w$.])(?:(?:child_process|childProcess|cp|proc)\.)?(?P<child>spawn|fork)\s*\(|"
    r"\b(?P<net>(?:net|tls)\.(?:connect|createConnection)|new\s+(?:net|tls)\.(?:Socket|TLSSocket))\s*\(|"
    r"\b(?P<file>(?:fs|fse)\.create(?:Read|Write)Stream)\s*\(|"
    r"\bnew\s+(?P<ws>WebSocket)\s*\("
)
_LISTENER = lazy_re(
    r"""\s*\.\s*(?:on|once|addListener|addEventListener)\s*\(\s*['"`](?P<event>\w+)['"`]|\s*\.\s*on(?P<prop>"""
    r"""message|open|close|error)\s*="""
)
_WS_IMPORT = lazy_re(r"""(?:require\s*\(\s*|from\s+)['"](?:ws|isomorphic-ws)['"]""")
_KINDS = {"child": "child process", "net": "socket", "file": "file stream", "ws": "WebSocket"}


def _listeners(scope_text: str, name: str) -> set[str]:
    """The events listened to on `name` in the scope's text (`name.on('exit', ...)`, `name.onmessage =`)."""
    events: set[str] = set()
    at = 0
    while True:
        at = scope_text.find(name, at)
        if at < 0:
            return events
        before = scope_text[at - 1] if at else " "
        at += len(name)
        if before.isalnum() or before in "_$.":
            continue
        match = _LISTENER.match(scope_text, at)
        if match is not None:
            events.add(match.group("event") or match.group("prop"))


def _handed_on(scope_text: str, name: str) -> bool:
    """Returned, kept on a field or passed to a call: its listeners may be set elsewhere."""
    escaped = re.escape(name)
    return bool(re.search(
        rf"\breturn\s+{escaped}\b|=\s*{escaped}\s*[;,\n)]|[(,]\s*{escaped}\s*[,)]|[{{,]\s*{escaped}\s*[,}}]",
        scope_text))


@register(
    CheckSpec(
        id="JS-EMITTER-NO-ERROR",
        checklist_item="ERR-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_JS,
        title="Child process, socket or stream listened to but not for 'error'",
        explanation=(
            "An emitter that emits 'error' with no listener throws, and in a server that takes the whole "
            "process down. A child process emits it when the command cannot start (ENOENT, EACCES), a "
            "socket when the peer is unreachable or resets, a file stream when the file is missing, a `ws` "
            "connection on a malformed or oversized frame a client sends. Add an 'error' listener next to "
            "the others, and end the request or job there."
        ),
    ),
    needs=("spawn(", "fork(", "connect(", "Connection(", "Socket(", "Stream(", "WebSocket", "'connection'",
           '"connection"'),
)
def emitter_no_error(ctx: FileContext) -> Iterator[Hit]:
    uses_ws = bool(_WS_IMPORT.search(ctx.known_text()))
    seen: set[int] = set()
    for flow in flows(ctx):
        from_request = {site.node.id for site in flow.calls_named("spawn", "fork", "exec", "execFile")
                        if any(arg.tainted for arg in site.args)}
        for node in _walk(flow.root):
            found = _made_emitter(node, uses_ws) or _ws_connection(node, uses_ws)
            if found is None:
                continue
            name, kind, anchor, scope = found
            if not _whole_in_view(ctx, flow, scope):
                continue  # the hunk cuts the function: its 'error' listener may be below
            value = anchor.child_by_field_name("value")
            if value is not None and value.id in from_request:
                continue  # a command built from the request: the injection finding on this line comes first
            scope_text = text_of(scope)
            events = _listeners(scope_text, name)
            if not events or "error" in events or _own_error_handler(scope_text, name):
                continue
            if f"{name}.pipe(" in scope_text:
                continue  # JS-PIPE-NO-ERROR reports it where it is piped
            if kind != "connection" and _handed_on(scope_text, name):
                continue
            line = flow.line_of(anchor)
            if line in seen:
                continue
            seen.add(line)
            shown = ", ".join(f"'{e}'" for e in sorted(events))
            what = "`ws` connection" if kind == "connection" else _KINDS[kind]
            yield Hit(line, message=(
                f"The {what} `{name}` gets listeners for {shown} but none for 'error': when it fails, Node "
                "throws the unhandled 'error' event and the whole process exits. Add "
                f"`{name}.on('error', ...)` and finish the request or job there."))


def _own_error_handler(scope_text: str, name: str) -> bool:
    """`pipeline(name, ...)`/`finished(name, ...)` in the scope: its failure is handled there."""
    return bool(re.search(rf"\b(?:pipeline|finished|pump|eos)\s*\([^;]*\b{re.escape(name)}\b", scope_text))


def _made_emitter(node: Node, uses_ws: bool) -> tuple[str, str, Node, Node] | None:
    """`const name = spawn(...)` and friends inside a function: (name, kind, the declaration, the function
    that declares it, which alone can reach it)."""
    if node.type != "variable_declarator":
        return None
    name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
    if name is None or value is None or name.type != "identifier":
        return None
    if value.type == "await_expression":
        return None
    match = _EMITTER_MAKER.match(text_of(value).lstrip())
    if match is None:
        return None
    kind = next(k for k in _KINDS if match.group(k))
    scope = _innermost_function(node)
    if scope is None:
        return None
    if kind == "ws" and not uses_ws and not re.search(rf"\b{re.escape(text_of(name))}\s*\.\s*on(?:ce)?\s*\(",
                                                      text_of(scope)):
        return None  # a browser WebSocket (no `ws` import, no `.on(...)`) reports errors without throwing
    return text_of(name), kind, node, scope


def _ws_connection(node: Node, uses_ws: bool) -> tuple[str, str, Node, Node] | None:
    """`wss.on('connection', (ws) => { ... })` in a file importing `ws`: (the socket's name, kind,
    the callback's first line, the callback)."""
    if not uses_ws or node.type != "call_expression":
        return None
    function = node.child_by_field_name("function")
    args = node.child_by_field_name("arguments")
    if function is None or args is None or function.type != "member_expression":
        return None
    if text_of(function.child_by_field_name("property")) != "on":
        return None
    named = [a for a in args.named_children if a.type != "comment"]
    if len(named) != 2 or text_of(named[0])[1:-1] != "connection":
        return None
    callback = named[1]
    if callback.type not in {"arrow_function", "function_expression", "function"}:
        return None
    params = callback.child_by_field_name("parameters") or callback.child_by_field_name("parameter")
    if params is None:
        return None
    first = params if params.type == "identifier" else next(
        (p for p in params.named_children if p.type != "comment"), None)
    if first is not None and first.type in {"required_parameter", "optional_parameter"}:
        first = first.child_by_field_name("pattern")
    if first is None or first.type != "identifier":
        return None
    return text_of(first), "connection", node, callback
