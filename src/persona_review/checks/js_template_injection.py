"""JavaScript/TypeScript: a template engine that runs code compiling text that is not the program's own.

    const custom = await this.repo.findActive(shopId, kind);   // a tenant edits it in a dashboard
    const fn = template(custom?.body ?? defaults[kind]);        // lodash: `<% ... %>` is JavaScript
    return fn(ctx);

lodash's (and underscore's) `template`, EJS, Pug, doT, Eta, Nunjucks and Handlebars compile a template into
a JavaScript function; their tags run code (`<% process.mainModule.require('child_process')... %>`, a
Nunjucks or Handlebars constructor chain), so whoever writes the template text runs code in the server. The
text is safe when the code owns it: a literal, a constant map, a file read from disk. It is not when it comes
from the request (the data flow's taint) or from stored data: the result of a lookup (`await
repo.findOne(...)`, `prisma.template.findUnique(...)`, a same-file method that returns one), followed through
the function's local variables, `??`/`||`, ternaries and field reads. Logic-less engines (Mustache) are not
template compilers in this sense and are left alone.

A bare `template(...)` is lodash's when the file imports it so; in a hunk that does not show where the name
comes from, when its result is called (`template(src)(data)`, or a variable it was assigned to is called in
the function).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from persona_review.checks._flow_sinks import hit
from persona_review.checks._tsflow import CallSite, FileFlow, flows, text_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from tree_sitter import Node

_JS = frozenset({"javascript", "typescript"})

_ENGINES: dict[str, tuple[str, frozenset[str]]] = {
    "lodash": ("lodash's `template`", frozenset({"template"})),
    "underscore": ("underscore's `template`", frozenset({"template"})),
    "ejs": ("EJS", frozenset({"render", "compile"})),
    "pug": ("Pug", frozenset({"render", "compile", "compileClient"})),
    "jade": ("Jade", frozenset({"render", "compile"})),
    "dot": ("doT", frozenset({"template", "compile"})),
    "eta": ("Eta", frozenset({"render", "renderString", "compile", "renderAsync", "renderStringAsync"})),
    "nunjucks": ("Nunjucks", frozenset({"renderString", "compile"})),
    "handlebars": ("Handlebars", frozenset({"compile", "precompile"})),
}
"""Module -> (how the message names it, the functions that compile or render template text)."""
_RECEIVER_MODULE = {"_": "lodash", "lodash": "lodash", "underscore": "underscore", "ejs": "ejs", "pug": "pug",
                    "jade": "jade", "dot": "dot", "dott": "dot", "eta": "eta", "nunjucks": "nunjucks",
                    "handlebars": "handlebars", "hbs": "handlebars", "exphbs": "handlebars"}
"""A receiver written with the module's usual name, lower-cased (`_`, `Handlebars`, `doT`)."""
_IMPORT = lazy_re(
    r"""^\s*(?:import\s+(?P<clause>[^'"]*?)\s+from\s+|(?:const|let|var)\s+(?P<bound>[^=]+?)\s*=\s*"""
    r"""require\s*\(\s*)['"](?P<module>[@\w./-]+)['"]"""
)
_NAMES = lazy_re(r"[A-Za-z_$][\w$]*")

_LOOKUP = lazy_re(r"^(?:find|get|load|fetch|query|select|first|read|retrieve)", re.IGNORECASE)
"""Methods that read stored data (a repository's `findActive`, Prisma's `findUnique`, Knex's `first`)."""
_NOT_STORE = frozenset({"fs", "fsp", "promises", "path", "axios", "http", "https", "got", "process", "env",
                        "config", "configService", "i18n", "t", "Object", "Array", "Reflect", "JSON", "Math",
                        "headers", "params", "query", "searchParams", "req", "request", "res", "response"})
"""Receivers whose `get...`/`read...` is not a stored record: files (the code's own templates), configuration,
the request (the data flow's taint covers it), built-ins."""
_CHAINED = frozenset({"lean", "exec", "orFail", "first", "then"})
"""Query-chain tails whose result is the lookup's (`Template.findOne(q).lean()`)."""
_PASS = frozenset({"String", "toString", "trim", "JSON.parse", "Buffer.from", "decode", "normalize"})
_STRIP = frozenset({"parenthesized_expression", "as_expression", "non_null_expression",
                    "satisfies_expression", "type_assertion", "await_expression", "spread_element"})
_DEPTH = 6


@register(
    CheckSpec(
        id="JS-TEMPLATE-INJECTION",
        checklist_item="SEC-14",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=_JS,
        title="Template text from the request or a database compiled by an engine that runs code",
        explanation=(
            "lodash/underscore `template`, EJS, Pug, doT, Eta, Nunjucks and Handlebars compile a template "
            "into JavaScript, and their tags can reach `process` (`<% require('child_process').execSync(...) "
            "%>`): whoever can write the template runs code in this server, with its secrets and network. "
            "Keep templates in the code base and pass user text only as data, or render user-edited "
            "templates with a logic-less engine (Mustache) or a sandboxed one (LiquidJS) with a size limit."
        ),
    ),
    needs=("template", "render", "compile", "Template"),
)
def template_injection(ctx: FileContext) -> Iterator[Hit]:
    imports = _imports(ctx)
    for flow in flows(ctx):
        for site in flow.calls:
            if not site.call.args:
                continue
            engine = _engine(site, imports, ctx.whole_file, flow)
            if engine is None:
                continue
            arg = site.call.args[0]
            value = site.args[0] if site.args else None
            if value is not None and value.tainted:
                if site.call.callee in {"_.template", "lodash.template"}:
                    continue  # JS-CODE-INJECTION reports request data reaching lodash's template
                source = value.source if value.source.startswith(("the ", "parameter ")) \
                    else f"`{value.source}`"
                yield hit(site, f"`{_short(arg)}` holds {source} and is compiled as a template by {engine}.")
                continue
            found = _origin(arg, site, flow, _DEPTH)
            if found is not None:
                yield hit(site, f"`{_short(arg)}` comes from `{found}`, stored data, and is compiled as a "
                                f"template by {engine}: whoever can edit it runs code in this server.")


_ALL_METHODS = frozenset().union(*(methods for _name, methods in _ENGINES.values()))


def _imports(ctx: FileContext) -> tuple[dict[str, tuple[str, str]], frozenset[str]]:
    """Local name -> (template module, the function it is: `*` for the module itself), for the names the
    file's visible imports bind to one (`_`, `{ template }`, `tpl` from `lodash/template`, `ejs`); and the
    names they bind to any other module."""
    out: dict[str, tuple[str, str]] = {}
    others: set[str] = set()
    for line in ctx.lines.values():
        if "import" not in line and "require" not in line:
            continue
        found = _IMPORT.match(line)
        if found is None:
            continue
        spec = found.group("module")
        module = _module(spec)
        clause = found.group("clause") or found.group("bound") or ""
        braced = re.search(r"\{([^}]*)\}", clause)
        bound: dict[str, str] = {}
        for part in (braced.group(1).split(",") if braced else []):
            names = _NAMES.findall(part.replace(" as ", " ").replace(":", " "))
            if names:
                bound[names[-1]] = names[0]
        outside = clause[: braced.start()] + clause[braced.end():] if braced else clause
        member = re.split(r"[./]", spec.lower(), maxsplit=1)[1] if re.search(r"[./]", spec) else ""
        for name in _NAMES.findall(outside):
            if name not in {"import", "as", "type", "const", "let", "var", "from"}:
                bound[name] = member if module is not None and member in _ENGINES[module][1] else "*"
        if module is None:
            others.update(bound)
        else:
            out.update((name, (module, what)) for name, what in bound.items())
    return out, frozenset(others)


def _module(spec: str) -> str | None:
    """The template module a module specifier names (`lodash`, `lodash/template`, `lodash.template`,
    `lodash-es`, `@types`-free names)."""
    head = spec.lower().split("/")[0].split(".")[0]
    head = {"lodash-es": "lodash"}.get(head, head)
    return head if head in _ENGINES else None


def _engine(site: CallSite, imports: tuple[dict[str, tuple[str, str]], frozenset[str]], whole_file: bool,
            flow: FileFlow) -> str | None:
    """How the message names the template engine `site` calls, or None when it calls none."""
    call = site.call
    if call.receiver is not None:
        if call.method not in _ALL_METHODS:
            return None
        written = text_of(call.receiver)
        bound = imports[0].get(written)
        module = bound[0] if bound is not None and bound[1] == "*" else _RECEIVER_MODULE.get(
            written.rsplit(".", 1)[-1].lower())
        if module is None and call.method == "renderString" and "nunjucks" in written.lower():
            module = "nunjucks"
        if module is None:
            return None
        name, methods = _ENGINES[module]
        return name if call.method in methods else None
    if call.callee != call.method:
        return None
    bound = imports[0].get(call.callee)
    if bound is not None:
        return _ENGINES[bound[0]][0] if bound[1] in _ENGINES[bound[0]][1] else None
    if whole_file or call.callee in imports[1]:
        return None
    if call.callee == "template" and _result_called(site, flow):
        return "`template` (lodash's, by its use)"
    return None


def _result_called(site: CallSite, flow: FileFlow) -> bool:
    """Whether a bare call's result is called as a function: `template(src)(data)`, or a name it is
    assigned to is called in the same function."""
    parent = site.node.parent
    if parent is not None and parent.type == "call_expression" \
            and parent.child_by_field_name("function") == site.node:
        return True
    target = None
    if parent is not None and parent.type == "variable_declarator":
        target = parent.child_by_field_name("name")
    elif parent is not None and parent.type == "assignment_expression":
        target = parent.child_by_field_name("left")
    if target is None or target.type != "identifier":
        return False
    name = text_of(target)
    return any(other.function is site.function and other.call.callee == name and other.line > site.line
               for other in flow.calls)


def _origin(node: Node, site: CallSite, flow: FileFlow, depth: int) -> str | None:
    """The lookup call (as written, shortened) that the value of `node` comes from, or None when it comes
    from the code, a parameter or anything not known to be stored data."""
    if depth <= 0:
        return None
    while node.type in _STRIP and node.named_child_count:
        node = node.named_children[-1] if node.type == "as_expression" else node.named_children[0]
    kind = node.type
    if kind in {"binary_expression", "ternary_expression", "template_string"}:
        if kind == "binary_expression":
            parts = [node.child_by_field_name("left"), node.child_by_field_name("right")]
        elif kind == "ternary_expression":
            parts = [node.child_by_field_name("consequence"), node.child_by_field_name("alternative")]
        else:
            parts = [c.named_children[0] for c in node.named_children
                     if c.type == "template_substitution" and c.named_child_count]
        for part in parts:
            if part is not None and (found := _origin(part, site, flow, depth - 1)) is not None:
                return found
        return None
    if kind in {"member_expression", "subscript_expression"}:
        obj = node.child_by_field_name("object")
        return _origin(obj, site, flow, depth - 1) if obj is not None else None
    if kind == "identifier":
        return _variable_origin(text_of(node), node, site, flow, depth)
    if kind == "call_expression":
        return _call_origin(node, site, flow, depth)
    return None


def _variable_origin(name: str, use: Node, site: CallSite, flow: FileFlow, depth: int) -> str | None:
    """What a local variable was given before `use`, in the function of `site`: declarations (also
    destructuring ones) and assignments."""
    function = site.function
    body = function.body if function is not None else None
    if body is None or function is None or function.name == "<module>":
        return None
    for value in _assigned(body, name, use.start_byte):
        found = _origin(value, site, flow, depth - 1)
        if found is not None:
            return found
    return None


def _assigned(body: Node, name: str, before: int) -> list[Node]:
    """The values given to `name` in `body` before byte `before`, last first."""
    out: list[Node] = []
    stack = [body]
    while stack:
        node = stack.pop()
        if node.start_byte >= before:
            continue
        if node.type == "variable_declarator":
            target, value = node.child_by_field_name("name"), node.child_by_field_name("value")
            if target is not None and value is not None and _binds(target, name):
                out.append(value)
        elif node.type == "assignment_expression":
            target, value = node.child_by_field_name("left"), node.child_by_field_name("right")
            if target is not None and value is not None and text_of(target) == name:
                out.append(value)
        if node.type not in {"arrow_function", "function_expression", "function_declaration", "class_body"} \
                or node is body:
            stack.extend(node.named_children)
    return sorted(out, key=lambda n: -n.start_byte)


def _binds(target: Node, name: str) -> bool:
    if target.type == "identifier":
        return text_of(target) == name
    if target.type in {"object_pattern", "array_pattern"}:
        return re.search(rf"(?<![\w$.]){re.escape(name)}(?![\w$])(?!\s*:)", text_of(target)) is not None
    return False


def _call_origin(node: Node, site: CallSite, flow: FileFlow, depth: int) -> str | None:
    function = node.child_by_field_name("function")
    args = node.child_by_field_name("arguments")
    if function is None:
        return None
    callee = text_of(function)
    first = args.named_children[0] if args is not None and args.named_child_count else None
    if callee in _PASS:
        return _origin(first, site, flow, depth - 1) if first is not None else None
    if function.type != "member_expression":
        return None
    receiver = function.child_by_field_name("object")
    method = text_of(function.child_by_field_name("property"))
    if receiver is None:
        return None
    if method in _PASS:
        return _origin(receiver, site, flow, depth - 1)
    if method in _CHAINED and receiver.type == "call_expression":
        inner = _call_origin(receiver, site, flow, depth - 1)
        if inner is not None or method != "first":
            return inner
    written = text_of(receiver)
    if written == "this" and (helper := _helper_origin(method, site, flow, depth)) is not None:
        return helper
    last = written.rsplit(".", 1)[-1]
    if not _LOOKUP.match(method) or method.startswith(("readFile", "readdir", "getenv")) \
            or last in _NOT_STORE or written.split(".", 1)[0] in _NOT_STORE or written == "this":
        return None
    if method.lower().startswith(("get", "read", "first")) and not _awaited(node):
        return None  # `map.get(key)`, `cache.get(key)`: in memory, filled by this code
    return _short(node)


def _helper_origin(method: str, site: CallSite, flow: FileFlow, depth: int) -> str | None:
    """A method of the same class that returns stored data (`this.loadTemplate(id)`)."""
    for function in flow.by_name.get(method, []):
        if function.owner is None or site.function is None or function.owner != site.function.owner:
            continue
        for returned in flow.returns:
            if returned.function is not function:
                continue
            value = returned.node.named_children[0] if returned.node.named_child_count else None
            if value is None:
                continue
            found = _origin(value, replace(site, function=function), flow, depth - 1)
            if found is not None:
                return found
    return None


def _awaited(node: Node) -> bool:
    parent = node.parent
    while parent is not None and parent.type in {"parenthesized_expression", "as_expression",
                                                 "non_null_expression", "member_expression"}:
        parent = parent.parent
    return parent is not None and parent.type == "await_expression"


def _short(node: Node) -> str:
    text = " ".join(text_of(node).split())
    if node.type == "call_expression":
        function = node.child_by_field_name("function")
        text = f"{' '.join(text_of(function).split())}(...)" if function is not None else text
    return text if len(text) <= 60 else text[:57] + "..."
