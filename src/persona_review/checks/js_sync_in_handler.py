"""JavaScript/TypeScript request handlers that block Node's event loop: synchronous file reads and writes,
processes run to completion, deliberately slow key derivation and compression, while a request is served.
Node runs every request of the process on one thread, so each of them waits too.

Handlers are the functions the tree-sitter adapter (`_tsflow.javascript`) takes the request as a parameter
of (Express/Koa/Fastify callbacks with parameters named like a request or a response, a `Request`-typed
one), any function passed to a route registration with a path (`router.get("/x", async (ctx) => ...)`),
NestJS methods decorated with a route (`@Get()`), and Next.js route exports (`export async function GET`).
Code in functions nested in a handler runs on the loop too and counts, and so do the same-file top-level
functions a handler calls by name (two calls deep; the finding names the helper). Module-level code
(configuration read at start-up) and functions no handler calls are left alone.

Names are read through the file's `require`/`import` bindings (`const { readFileSync: read } =
require("fs")`, `import * as fs from "node:fs"`); a conventional module name the file binds to nothing
(`fs.readFileSync` with the `require` out of sight) counts as that module. Metadata calls (`existsSync`,
`statSync`, `mkdirSync`...) are one quick system call and are reported only on a path taken from the
request (a network or slow disk then stalls the loop at the client's choice).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._tsflow import FileFlow, flows, text_of
from persona_review.checks._tsflow.javascript import is_handler
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from tree_sitter import Node

_JS = frozenset({"javascript", "typescript"})

_FS_CONTENT = frozenset({
    "readFileSync", "writeFileSync", "appendFileSync", "copyFileSync", "cpSync", "readdirSync", "rmSync",
    "opendirSync", "readSync", "writeSync", "readvSync", "writevSync", "fsyncSync", "fdatasyncSync",
    "globSync",
})
"""File-system calls that move content or walk a tree: their time grows with the data."""
_FS_METADATA = frozenset({
    "statSync", "lstatSync", "existsSync", "accessSync", "realpathSync", "mkdirSync", "unlinkSync",
    "renameSync", "rmdirSync", "readlinkSync", "chmodSync", "chownSync", "utimesSync", "truncateSync",
    "openSync", "closeSync", "mkdtempSync", "symlinkSync", "linkSync",
})
"""One system call each: reported only on a path the request chose."""

BLOCKING: dict[str, frozenset[str]] = {
    "fs": _FS_CONTENT,
    "child_process": frozenset({"execSync", "execFileSync", "spawnSync"}),
    "crypto": frozenset({"pbkdf2Sync", "scryptSync", "generateKeyPairSync", "generatePrimeSync"}),
    "zlib": frozenset({
        "gzipSync", "gunzipSync", "deflateSync", "inflateSync", "deflateRawSync", "inflateRawSync",
        "unzipSync", "brotliCompressSync", "brotliDecompressSync", "zstdCompressSync", "zstdDecompressSync",
    }),
    "bcrypt": frozenset({"hashSync", "compareSync"}),
}
"""Module -> the functions that hold the loop for a time the input decides (a password hash by design)."""

_MODULES = {
    "fs": "fs", "node:fs": "fs", "fs-extra": "fs", "graceful-fs": "fs",
    "child_process": "child_process", "node:child_process": "child_process",
    "crypto": "crypto", "node:crypto": "crypto",
    "zlib": "zlib", "node:zlib": "zlib",
    "bcrypt": "bcrypt", "bcryptjs": "bcrypt",
}
"""Module specifier -> the module this check knows it as."""

_CONVENTIONAL = {"fs": "fs", "fse": "fs", "child_process": "child_process", "childProcess": "child_process",
                 "crypto": "crypto", "zlib": "zlib", "bcrypt": "bcrypt", "bcryptjs": "bcrypt"}
"""Names that hold the module when the file binds them to nothing the check can see."""

_ADVICE = {
    "fs": "the promise form (`fs.promises`, `fs/promises`) or a stream, or read it once at start-up",
    "child_process": "`execFile`/`spawn` with a callback or `util.promisify`, or a job queue",
    "crypto": "the callback form (`crypto.pbkdf2`, `crypto.scrypt`), promisified",
    "zlib": "the callback form or a stream (`zlib.createGzip()`)",
    "bcrypt": "the async form (`await bcrypt.hash(...)`, `await bcrypt.compare(...)`), which runs in the "
              "thread pool",
}

_ROUTE_DECORATORS = frozenset({"Get", "Post", "Put", "Patch", "Delete", "All", "Head", "Options"})
_REQUEST_DECORATORS = frozenset({"Req", "Request", "Res", "Response", "Query", "Param", "Body", "Headers",
                                 "Cookies", "UploadedFile", "UploadedFiles", "Ip", "HostParam", "Session"})
_REQUEST_NAME = lazy_re(r"^_?(?:req|request|ctx|context|c)\b", re.IGNORECASE)
_RESPONSE_NAMES = frozenset({"res", "resp", "response", "reply", "rep", "h"})
_ROUTE_EXPORTS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
_FUNCTION_TYPES = frozenset({
    "function_declaration", "generator_function_declaration", "method_definition", "arrow_function",
    "function_expression", "function", "generator_function",
})

Binding = tuple[str, str | None]
"""(module, member): a name bound to a whole module (member None) or to one of its functions."""


@register(
    CheckSpec(
        id="JS-SYNC-IN-HANDLER",
        checklist_item="ERR-11",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=_JS,
        title="Synchronous call blocks the event loop in a request handler",
        explanation=(
            "Node serves every request of the process on one thread: a synchronous file read or write, a "
            "process run to completion, a password hash or a compression holds that thread until it "
            "returns, and every other request, health check included, waits behind it. Use the "
            "asynchronous form, or do the work once at start-up."
        ),
    ),
    needs=("Sync(",),
)
def sync_in_handler(ctx: FileContext) -> Iterator[Hit]:
    seen: set[int] = set()
    for flow in flows(ctx):
        handlers = list(_handlers(flow))
        if not handlers:
            continue
        bindings = _bindings(flow.root)
        tainted = {site.node.id: site for site in flow.calls}
        for function, helper in _reached(flow.root, handlers):
            for call in _calls_in(function):
                line = flow.line_of(call)
                if line in seen:
                    continue
                found = _blocking(call, bindings)
                if found is None:
                    continue
                module, member, written = found
                if member in _FS_METADATA:
                    site = tainted.get(call.id)
                    if helper is not None or site is None or not site.args or not site.args[0].tainted:
                        continue  # a helper's parameters are not followed back to the request
                seen.add(line)
                yield Hit(line, flow.end_line_of(call), message=_message(written, module, member, helper))


def _message(written: str, module: str, member: str, helper: str | None) -> str:
    what = "a path the request chose" if member in _FS_METADATA else "input whose size decides how long"
    where = (f"runs in `{helper}`, which a request handler of this file calls, and" if helper is not None
             else "runs inside a request handler and")
    return (f"`{written}(...)` {where} holds Node's only event-loop thread until it returns (on {what}): "
            "every other request the process serves, health checks included, waits behind it. Use "
            f"{_ADVICE[module]}.")


_HELPER_DEPTH = 2
"""How many calls deep same-file helpers are followed from a handler (`handler -> render -> loadTemplate`)."""


def _reached(root: Node, handlers: list[Node]) -> list[tuple[Node, str | None]]:
    """The handlers, and the same-file top-level functions they call (by plain name, up to
    `_HELPER_DEPTH` calls deep) with the helper's name."""
    named = _top_level_functions(root)
    out: list[tuple[Node, str | None]] = [(handler, None) for handler in handlers]
    done = {handler.id for handler in handlers}
    frontier = list(handlers)
    for _depth in range(_HELPER_DEPTH):
        following: list[Node] = []
        for function in frontier:
            for call in _calls_in(function):
                callee = call.child_by_field_name("function")
                if callee is None or callee.type != "identifier":
                    continue
                name = text_of(callee)
                helper = named.get(name)
                if helper is not None and helper.id not in done:
                    done.add(helper.id)
                    out.append((helper, name))
                    following.append(helper)
        frontier = following
    return out


def _top_level_functions(root: Node) -> dict[str, Node]:
    """Name -> function node for the file's top-level `function f()` and `const f = (...) => ...`
    declarations (exported or not); a name declared twice is dropped."""
    found: dict[str, list[Node]] = {}
    for child in root.named_children:
        declaration = child.child_by_field_name("declaration") if child.type == "export_statement" else child
        if declaration is None:
            continue
        if declaration.type in {"function_declaration", "generator_function_declaration"}:
            name = declaration.child_by_field_name("name")
            if name is not None:
                found.setdefault(text_of(name), []).append(declaration)
        elif declaration.type in {"lexical_declaration", "variable_declaration"}:
            for declarator in declaration.named_children:
                name = declarator.child_by_field_name("name")
                value = declarator.child_by_field_name("value")
                if name is not None and value is not None and value.type in _FUNCTION_TYPES:
                    found.setdefault(text_of(name), []).append(value)
    return {name: nodes[0] for name, nodes in found.items() if len(nodes) == 1}


def _handlers(flow: FileFlow) -> Iterator[Node]:
    """The function nodes of the flow that serve a request, outermost first."""
    request_types = flow.adapter.tables.request_types
    stack = [flow.root]
    while stack:
        node = stack.pop()
        stack.extend(reversed(node.named_children))
        if node.type not in _FUNCTION_TYPES:
            continue
        if _serves_request(node, request_types):
            yield node


def _serves_request(node: Node, request_types: frozenset[str]) -> bool:
    params = node.child_by_field_name("parameters")
    if params is not None and (_named_handler(node, params) or _typed_request(params, request_types)):
        return True
    if node.type == "method_definition" and _route_decorated(node):
        return True
    if _route_callback(node):
        return True
    exported = node.parent is not None and node.parent.type == "export_statement"
    return exported and text_of(node.child_by_field_name("name")) in _ROUTE_EXPORTS


_ROUTE_METHODS = frozenset({"get", "post", "put", "patch", "delete", "del", "all", "head", "options"})


def _route_callback(node: Node) -> bool:
    """A function passed to a route registration whose first argument is a path: `router.get("/x", async
    (ctx) => ...)` (Koa, Hono and Fastify handlers may take the request alone)."""
    args = node.parent
    if args is None or args.type != "arguments" or args.parent is None:
        return False
    callee = args.parent.child_by_field_name("function")
    if callee is None or callee.type != "member_expression":
        return False
    if text_of(callee.child_by_field_name("property")) not in _ROUTE_METHODS:
        return False
    first = next((c for c in args.named_children if c.type != "comment"), None)
    return first is not None and first.type in {"string", "template_string"} and text_of(first)[1:2] == "/"


def _named_handler(node: Node, params: Node) -> bool:
    """A handler by the adapter's reading whose parameters are also named like a request and a response
    (`(req, res, next)`, `(ctx, next)`): `md.use((md, opts) => ...)` registers a plugin, not a route."""
    if not is_handler(node, params):
        return False
    names = [text_of(p.child_by_field_name("pattern") or p) for p in params.named_children
             if p.type != "comment"]
    if _REQUEST_NAME.match(names[0]):
        return True
    return len(names) > 1 and names[1].lstrip("_") in _RESPONSE_NAMES


def _typed_request(params: Node, request_types: frozenset[str]) -> bool:
    """A parameter typed as a request (`req: NextApiRequest`) or filled from it by a decorator
    (`@Body() dto`)."""
    for param in params.named_children:
        if param.type not in {"required_parameter", "optional_parameter"}:
            continue
        declared = param.child_by_field_name("type")
        if declared is not None and text_of(declared).lstrip(": ").split("<", 1)[0].rsplit(".", 1)[-1] in (
                request_types):
            return True
        for decorator in (c for c in param.children if c.type == "decorator"):
            inner = decorator.named_children[0] if decorator.named_children else None
            if inner is not None and inner.type == "call_expression":
                inner = inner.child_by_field_name("function")
            if inner is not None and text_of(inner) in _REQUEST_DECORATORS:
                return True
    return False


def _route_decorated(method: Node) -> bool:
    """A class method with a route decorator (`@Get()`, `@Post(":id")`) just before it."""
    sibling = method.prev_named_sibling
    while sibling is not None and sibling.type == "decorator":
        inner = sibling.named_children[0] if sibling.named_children else None
        if inner is not None and inner.type == "call_expression":
            inner = inner.child_by_field_name("function")
        if inner is not None and text_of(inner).rsplit(".", 1)[-1] in _ROUTE_DECORATORS:
            return True
        sibling = sibling.prev_named_sibling
    return False


def _calls_in(function: Node) -> Iterator[Node]:
    body = function.child_by_field_name("body")
    if body is None:
        return
    stack = [body]
    while stack:
        node = stack.pop()
        if node.type == "call_expression":
            yield node
        stack.extend(reversed(node.named_children))


def _blocking(call: Node, bindings: dict[str, Binding]) -> tuple[str, str, str] | None:
    """(module, function, callee as written) when the call is one this check reports."""
    callee = call.child_by_field_name("function")
    if callee is None:
        return None
    module: str | None = None
    member: str | None = None
    if callee.type == "identifier":
        bound = bindings.get(text_of(callee))
        if bound is not None and bound[1] is not None:
            module, member = bound
    elif callee.type == "member_expression":
        receiver = callee.child_by_field_name("object")
        member = text_of(callee.child_by_field_name("property"))
        module = _module_of(receiver, bindings)
    if module is None or member is None:
        return None
    if member in BLOCKING.get(module, frozenset()) or (module == "fs" and member in _FS_METADATA):
        return module, member, text_of(callee)
    return None


def _module_of(receiver: Node | None, bindings: dict[str, Binding]) -> str | None:
    if receiver is None:
        return None
    if receiver.type == "call_expression":
        return _required(receiver)
    if receiver.type != "identifier":
        return None
    name = text_of(receiver)
    bound = bindings.get(name)
    if bound is not None:
        return bound[0] if bound[1] is None else None
    return _CONVENTIONAL.get(name) if name not in _locals(receiver) else None


def _locals(node: Node) -> frozenset[str]:
    """Names declared as parameters of the functions around `node` (a handler's own `fs` argument)."""
    out: set[str] = set()
    current = node.parent
    while current is not None:
        if current.type in _FUNCTION_TYPES:
            params = current.child_by_field_name("parameters") or current.child_by_field_name("parameter")
            if params is not None:
                out.update(_identifiers(params))
        current = current.parent
    return frozenset(out)


def _identifiers(node: Node) -> Iterator[str]:
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in {"identifier", "shorthand_property_identifier_pattern"}:
            yield text_of(current)
        elif current.type not in {"type_annotation", "decorator"}:
            stack.extend(current.named_children)


def _required(node: Node) -> str | None:
    """The known module of `require("fs")` (or `require("node:fs")`), else None."""
    function = node.child_by_field_name("function")
    if function is None or text_of(function) != "require":
        return None
    args = node.child_by_field_name("arguments")
    first = next((c for c in args.named_children if c.type != "comment"), None) if args is not None else None
    if first is None or first.type not in {"string", "template_string"}:
        return None
    return _MODULES.get(text_of(first)[1:-1])


def _bindings(root: Node) -> dict[str, Binding]:
    """Local name -> (module, member) for the file's imports and requires of the known modules, and every
    other declaration of a conventional module name (bound to something unknown: `None` module dropped)."""
    out: dict[str, Binding] = {}
    shadowed: set[str] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.named_children)
        if node.type == "import_statement":
            _import_bindings(node, out)
        elif node.type == "variable_declarator":
            name = node.child_by_field_name("name")
            value = node.child_by_field_name("value")
            module = _required(_unwrapped(value)) if value is not None else None
            if name is None:
                continue
            if module is None:
                if name.type == "identifier" and text_of(name) in _CONVENTIONAL:
                    shadowed.add(text_of(name))
                continue
            if name.type == "identifier":
                out[text_of(name)] = (module, None)
            elif name.type == "object_pattern":
                for local, member in _destructured(name):
                    out[local] = (module, member)
    for other in shadowed - out.keys():
        out[other] = ("", None)  # bound to something this check does not know: not the module
    return out


_WRAPPERS = frozenset({"await_expression", "parenthesized_expression", "as_expression"})


def _unwrapped(node: Node) -> Node:
    while node.named_children and node.type in _WRAPPERS:
        node = node.named_children[0]
    return node


def _destructured(pattern: Node) -> Iterator[tuple[str, str]]:
    """(local name, member) for `{ readFileSync, execSync: run }`."""
    for child in pattern.named_children:
        if child.type == "shorthand_property_identifier_pattern":
            yield text_of(child), text_of(child)
        elif child.type == "pair_pattern":
            key, value = child.child_by_field_name("key"), child.child_by_field_name("value")
            if key is not None and value is not None and value.type == "identifier":
                yield text_of(value), text_of(key)


def _import_bindings(node: Node, out: dict[str, Binding]) -> None:
    source = node.child_by_field_name("source")
    module = _MODULES.get(text_of(source)[1:-1]) if source is not None else None
    if module is None:
        return
    clause = next((c for c in node.named_children if c.type == "import_clause"), None)
    if clause is None:
        return
    for part in clause.named_children:
        if part.type == "identifier":  # import fs from "fs"
            out[text_of(part)] = (module, None)
        elif part.type == "namespace_import":  # import * as fs from "fs"
            name = next((c for c in part.named_children if c.type == "identifier"), None)
            if name is not None:
                out[text_of(name)] = (module, None)
        elif part.type == "named_imports":  # import { readFileSync as read } from "fs"
            for spec in part.named_children:
                if spec.type != "import_specifier":
                    continue
                imported = spec.child_by_field_name("name")
                alias = spec.child_by_field_name("alias") or imported
                if imported is not None and alias is not None:
                    out[text_of(alias)] = (module, text_of(imported))
