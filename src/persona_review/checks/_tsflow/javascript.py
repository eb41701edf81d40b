"""The JavaScript and TypeScript adapter: tree-sitter-javascript/-typescript node types mapped to the
engine's view, and what Express, Koa, Fastify, Next.js, NestJS and Node's libraries do to values.

Named functions (declarations, methods, functions bound to a name) are analysed on their own; anonymous
callbacks (`router.get("/", (req, res) => …)`) run inline where they are written, so they see the
constants around them and each call in them is recorded once. The module's top level runs as a function
of its own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from persona_review.checks._tsflow import ir
from persona_review.checks._tsflow.adapter_common import (
    TreeAdapter,
    first_named,
    joined_string,
    short_label,
    subscript,
    ternary,
    unescape,
)
from persona_review.checks._tsflow.adapter_common import field as _field
from persona_review.checks._tsflow.adapter_common import node_text as _text
from persona_review.checks._tsflow.values import HTML, PATH, SHELL, SQL, URL, Const

if TYPE_CHECKING:
    from tree_sitter import Node

_ALL = frozenset({SQL, SHELL, PATH, URL, HTML})

JS_TABLES = ir.Tables(
    source_methods=frozenset(
        {
            "get", "header", "param", "cookie", "query",
            # AdonisJS `request.input("next")`, `request.qs()`, `request.only([...])`
            "input", "qs", "only", "except",
            # the Fetch API's `Request` (Next.js route handlers, Remix, SvelteKit, Hono's `c.req`)
            "json", "formData", "text", "parseBody", "queries",
        }
    ),
    request_types=frozenset(
        {
            "Request",
            "NextApiRequest",
            "NextRequest",
            "FastifyRequest",
            "IncomingMessage",
            "ParameterizedContext",
            "Context",
            "RouterContext",
            "HttpContext",  # AdonisJS: `({ request }: HttpContext)`
            # AWS Lambda behind API Gateway, an ALB or a function URL
            "APIGatewayProxyEvent",
            "APIGatewayProxyEventV2",
            "ALBEvent",
            "LambdaFunctionURLEvent",
        }
    ),
    request_names=("req", "request"),
    request_exact_names=frozenset({"ctx"}),
    source_fields=frozenset(
        {
            "query",
            "params",
            "body",
            "headers",
            "cookies",
            "signedCookies",
            "files",
            "file",
            "originalUrl",
            "url",
            "path",
            "rawBody",
            "searchParams",
            "nextUrl",
            "hostname",
            "host",
            # AWS Lambda events
            "queryStringParameters",
            "multiValueQueryStringParameters",
            "pathParameters",
        }
    ),
    text_fields=frozenset({"params", "pathParameters"}),
    source_lookups=frozenset({"get", "header", "param", "getAll"}),
    formatters=frozenset({"util.format", "format"}),
    function_wrappers=frozenset({"util.promisify", "promisify", "Bluebird.promisify", "Promise.promisify",
                                 "pify"}),
    sanitizers={
        "basename": frozenset({PATH}),
        "path.basename": frozenset({PATH}),
        "extname": frozenset({PATH}),  # the suffix from the last dot of the last element: no separator
        "path.extname": frozenset({PATH}),
        "encodeURIComponent": frozenset({URL, HTML, PATH, SHELL}),
        "encodeURI": frozenset({HTML}),
        "escape": frozenset({HTML, SQL}),
        "escapeId": frozenset({SQL}),
        "escapeLiteral": frozenset({SQL}),
        "escapeIdentifier": frozenset({SQL}),
        "mysql.format": frozenset({SQL}),
        "SqlString.format": frozenset({SQL}),
        "sql": frozenset({SQL}),
        "SQL": frozenset({SQL}),
        "escapeHtml": frozenset({HTML}),
        "escapeHTML": frozenset({HTML}),
        "sanitize": frozenset({HTML}),
        "sanitizeHtml": frozenset({HTML}),
        "xss": frozenset({HTML}),
        "filterXSS": frozenset({HTML}),
        "quote": frozenset({SHELL}),
        "shellescape": frozenset({SHELL}),
        "sanitizeFilename": frozenset({PATH}),
        "replace..": frozenset({PATH}),
        "sanitize-filename": frozenset({PATH}),
    },
    numeric=frozenset(
        {
            "parseInt",
            "parseFloat",
            "Number",
            "Boolean",
            "Number.parseInt",
            "Number.parseFloat",
            "Math.floor",
            "Math.round",
            "Math.ceil",
            "Math.abs",
            "Math.min",
            "Math.max",
            "toInt",
            "toFloat",
            "toNumber",
            "isNaN",
            "isInteger",
            "Number.isInteger",
            "BigInt",
            "uuidValidate",
            "toBoolean",
        }
    ),
    numeric_fixed=True,
    equality_checks=True,
    guards=frozenset(
        {
            "includes",
            "has",
            "test",
            "startsWith",
            "isValid",
            "isSafe",
            "isAllowed",
            "isEmail",
            "isInt",
            "isUUID",
            "isAlphanumeric",
            "isAlpha",
            "isNumeric",
            "isURL",
            "isMongoId",
            "isIn",
            "isSlug",
            "isHexadecimal",
            "hasOwnProperty",
            "isLocalURL",
            "isRelativeUrl",
            "isSameOrigin",
            "isBase64",
            "isFQDN",
            "isIP",
            "matches",
            "isLocalUrl",
            "isSafeUrl",
        }
    ),
    drops_taint=frozenset(
        {
            # Results that are data from elsewhere (a file, a command's output, stored rows), not the
            # request, whatever the request chose.
            "readFile",
            "readFileSync",
            "execSync",
            "findOne",
            "findAll",
            "findById",
            "findMany",
            "findUnique",
            "includes",
            "has",
            "test",
            "startsWith",
            "endsWith",
            "indexOf",
            "lastIndexOf",
            "length",
            "size",
            "isArray",
            "hasOwnProperty",
            "localeCompare",
            "exists",
            "existsSync",
            "isFile",
            "isDirectory",
        }
    ),
    builders=frozenset(),
    weak_random=frozenset({"Math.random"}),
    returns={"Math.random": "Number"},
    text_results=frozenset(
        {
            *("String", "toString", "toLowerCase", "toUpperCase", "toLocaleLowerCase", "toLocaleUpperCase"),
            *("trim", "trimStart", "trimEnd", "normalize", "padStart", "padEnd", "toFixed", "JSON.stringify"),
        }
    ),
    object_results=frozenset(
        {"JSON.parse", "JSON5.parse", "EJSON.parse", "qs.parse", "querystring.parse", "yaml.load",
         "YAML.parse", "yaml.parse"}
    ),
    schema_parsers=frozenset(
        {"parse", "safeParse", "parseAsync", "safeParseAsync", "validate", "validateSync", "validateAsync",
         "attempt", "cast"}
    ),
)

_FUNCTIONS = frozenset(
    {"function_declaration", "generator_function_declaration", "method_definition", "function_signature"}
)
_ANONYMOUS = frozenset({"arrow_function", "function_expression", "function", "generator_function"})
_CLASSES = frozenset({"class_declaration", "abstract_class_declaration", "class", "interface_declaration"})
_REQUEST_DECORATORS = frozenset(
    {"Query", "Param", "Body", "Headers", "Cookies", "UploadedFile", "UploadedFiles", "Ip", "HostParam"}
)
_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "0": "\0",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "`": "`",
    "$": "$",
}
_CONDITION_PARENTS = frozenset({"if_statement", "while_statement", "do_statement", "for_statement"})


def _owner(node: Node) -> str | None:
    """The name of the innermost named class around `node` (an anonymous class expression names none)."""
    parent = node.parent
    while parent is not None:
        if parent.type in _CLASSES:
            name = _text(_field(parent, "name"))
            if name:
                return name
        parent = parent.parent
    return None


def bound_name(node: Node) -> str | None:
    """The name a function expression is bound to where it is defined (`const f = () => …`,
    `exports.f = function …`, `{ f: () => … }`), else None: such a function is analysed on its own."""
    parent = node.parent
    if parent is None:
        return None
    if parent.type == "variable_declarator" and _field(parent, "value") == node:
        name = _field(parent, "name")
        return _text(name) if name is not None and name.type == "identifier" else None
    if parent.type in {"public_field_definition", "field_definition"}:
        name = _field(parent, "name") or _field(parent, "property")
        return _text(name) or None
    if parent.type == "pair" and _field(parent, "value") == node:
        # a route table's `handler: async (request, h) => …`, a controller object's `list: (req, res) => …`
        key = _field(parent, "key")
        return _text(key).strip("'\"") or None if key is not None and key.type in _KEYS else None
    return None


_KEYS = frozenset({"property_identifier", "string", "identifier"})


class JavaScriptAdapter(TreeAdapter):
    language = "javascript"
    tables = JS_TABLES

    def functions(self, root: Node) -> Sequence[ir.Function]:
        """The module's top level, then every function declaration and method with a body, and every
        function expression bound to a name, in file order; each owned by the innermost named class
        around it. The grammar's query finds them (a walk in Python visits every node of the file)."""
        out: list[ir.Function] = [ir.Function(root, "<module>", [], root, None)]
        found = self.captures(root, self._function_query())
        for node in sorted(found, key=lambda n: n.start_byte):
            if node.type in _FUNCTIONS:
                function = self._function(node, _text(_field(node, "name")), _owner(node))
                if function.body is not None:
                    out.append(function)
            elif (name := bound_name(node)) is not None:
                out.append(self._function(node, name or "", _owner(node)))
        return out

    _function_query_text: str | None = None

    def _function_query(self) -> str:
        """A query capturing every function node type the grammar has (TypeScript has more); written once
        per adapter (each file's data flow asks)."""
        if self._function_query_text is None:
            known = self.grammar.id_for_node_kind
            kinds = sorted(kind for kind in _FUNCTIONS | _ANONYMOUS if known(kind, True) is not None)
            self._function_query_text = "[" + " ".join(f"({kind})" for kind in kinds) + "] @function"
        return self._function_query_text

    def _function(self, node: Node, name: str, owner: str | None) -> ir.Function:
        return ir.Function(node, name, self._params(node), _field(node, "body"), owner)

    def _params(self, node: Node) -> list[ir.Param]:
        plist = _field(node, "parameters") or _field(node, "parameter")
        if plist is None:
            return []
        if plist.type == "identifier":
            return [ir.Param(_text(plist))]
        params: list[ir.Param] = []
        handler = is_handler(node, plist)
        for position, param in enumerate(c for c in plist.named_children if c.type != "comment"):
            pattern = param
            source = None
            type_name = None
            if param.type in {"required_parameter", "optional_parameter"}:
                pattern = _field(param, "pattern") or param
                declared = self.type_of(_field(param, "type"))
                type_name = declared if declared in self.tables.request_types else None
                if declared == "FormData" and _server_action(node):
                    type_name = "Request"  # a form posted to a server action: `formData.get("name")`
                for decorator in param.children_by_field_name("decorator"):
                    label = _decorator_name(decorator)
                    if label in _REQUEST_DECORATORS:
                        source = f"the `@{label}()` parameter `{_text(pattern)}`"
            elif param.type == "assignment_pattern":
                pattern = _field(param, "left") or param
            request = position == 0 and (handler or type_name is not None)
            if request and pattern.type == "object_pattern":
                for name in _pattern_names(pattern):
                    field = name if name in self.tables.source_fields else None
                    params.append(ir.Param(name, None, f"the request's `{field}`" if field else None))
                continue
            if request and pattern.type == "identifier" and source is None:
                type_name = type_name or "Request"
            for name in _pattern_names(pattern) or ["_"]:
                params.append(ir.Param(name, type_name, source))
        return params

    def fields(self, root: Node) -> Sequence[tuple[str, str | None, Node | None, bool]]:
        out: list[tuple[str, str | None, Node | None, bool]] = []
        for child in root.named_children:
            declaration = child
            if child.type == "export_statement":
                declaration = _field(child, "declaration") or child
            if declaration.type not in {"lexical_declaration", "variable_declaration"}:
                continue
            constant = _text(declaration).startswith("const")
            for declarator in declaration.named_children:
                if declarator.type != "variable_declarator":
                    continue
                name, value = _field(declarator, "name"), _field(declarator, "value")
                if name is None or name.type != "identifier":
                    continue
                if value is not None and (value.type in _ANONYMOUS or not _pure(value)):
                    out.append((_text(name), None, None, False))
                    continue
                out.append((_text(name), None, value, constant and value is not None))
        return out

    def type_of(self, node: Node | None) -> str | None:
        if node is None:
            return None
        text = _text(node).lstrip(":").strip().split("<", 1)[0].replace("[]", "").strip()
        return text.rsplit(".", 1)[-1] or None

    # --- statements ---------------------------------------------------------------------------------

    def statement(self, node: Node) -> ir.Statement:
        kind = node.type
        if kind in {"statement_block", "program", "class_body"}:
            return ir.Block([c for c in node.named_children if c.type not in _FUNCTIONS])
        if kind in _FUNCTIONS or kind in _CLASSES:
            return ir.Nested()
        if kind == "expression_statement":
            inner = first_named(node)
            if inner is None:
                return ir.Other()
            if inner.type in {"assignment_expression", "augmented_assignment_expression"}:
                left, right = _field(inner, "left"), _field(inner, "right")
                if left is not None and right is not None:
                    return ir.Assign(left, right, _assign_op(inner))
            if _always_throws(inner):
                return ir.Jump("throw", inner)
            return ir.Expr(inner)
        if kind in {"lexical_declaration", "variable_declaration"}:
            names: list[tuple[str, Node | None]] = []
            for declarator in node.named_children:
                if declarator.type != "variable_declarator":
                    continue
                name, value = _field(declarator, "name"), _field(declarator, "value")
                if name is None:
                    continue
                # every name a pattern binds gets the value's data (the engine evaluates a call once)
                names.extend((bound, value) for bound in _pattern_names(name))
            return ir.Declare(names)
        if kind == "export_statement":
            declaration = _field(node, "declaration")
            if declaration is not None:
                return self.statement(declaration)
            return ir.Other([c for c in node.named_children if c.type not in _FUNCTIONS])
        if kind == "if_statement":
            alternative = _field(node, "alternative")
            if alternative is not None and alternative.type == "else_clause":
                alternative = alternative.named_children[0] if alternative.named_children else None
            return ir.If(_field(node, "condition") or node, _field(node, "consequence"), alternative)
        if kind == "switch_statement":
            return self._switch(node)
        if kind == "for_statement":
            header = [
                c
                for c in (_field(node, "initializer"), _field(node, "condition"), _field(node, "increment"))
                if c is not None
            ]
            return ir.Loop(_field(node, "body"), header)
        if kind == "for_in_statement":
            left, right = _field(node, "left"), _field(node, "right")
            loop_names = _pattern_names(left) if left is not None else []
            return ir.Loop(
                _field(node, "body"), (), (loop_names[0], right) if loop_names and right is not None else None
            )
        if kind in {"while_statement", "do_statement"}:
            condition = _field(node, "condition")
            return ir.Loop(_field(node, "body"), [condition] if condition is not None else [])
        if kind == "try_statement":
            handler = _field(node, "handler")
            finalizer = _field(node, "finalizer")
            return ir.Try(
                _field(node, "body"),
                [b for b in [_field(handler, "body") if handler is not None else None] if b is not None],
                _field(finalizer, "body") if finalizer is not None else None,
            )
        if kind == "return_statement":
            return ir.Return(first_named(node))
        if kind in {"break_statement", "continue_statement"}:
            return ir.Jump(kind.split("_", 1)[0])
        if kind == "throw_statement":
            return ir.Jump("throw", first_named(node))
        if kind == "labeled_statement":
            body = _field(node, "body")
            return ir.Other([body] if body is not None else [])
        if kind in {
            "comment",
            "import_statement",
            "empty_statement",
            "debugger_statement",
            "type_alias_declaration",
            "enum_declaration",
            "ambient_declaration",
            "hash_bang_line",
        }:
            return ir.Other()
        if kind.endswith("_expression") or kind in {"identifier", "call_expression"}:
            return ir.Expr(node)
        return ir.Other([c for c in node.named_children if c.type not in _FUNCTIONS])

    def _switch(self, node: Node) -> ir.Switch:
        body = _field(node, "body")
        cases: list[ir.Case] = []
        for case in body.named_children if body is not None else []:
            if case.type == "switch_case":
                value = _field(case, "value")
                statements = [c for c in case.children_by_field_name("body")]
                cases.append(ir.Case([value] if value is not None else [], statements))
            elif case.type == "switch_default":
                cases.append(ir.Case([], list(case.children_by_field_name("body")), is_default=True))
        subject = _field(node, "value")
        return ir.Switch(subject, cases, falls_through=True)

    # --- expressions --------------------------------------------------------------------------------

    def expression(self, node: Node) -> ir.Expression:
        kind = node.type
        if kind == "string":
            return ir.Literal(_string(node))
        if kind == "template_string":
            parts = [c for c in node.named_children if c.type != "comment"]
            if not parts:
                return ir.Literal("")
            return ir.Concat(parts)
        if kind == "string_fragment":
            return ir.Literal(_text(node))
        if kind == "escape_sequence":
            return ir.Literal(_unescape(_text(node)))
        if kind == "template_substitution":
            return ir.Passthrough(node.named_children[0]) if node.named_children else ir.Other()
        if kind == "number":
            return ir.Literal(_number(_text(node)))
        if kind in {"true", "false"}:
            return ir.Literal(kind == "true")
        if kind in {"null", "undefined"}:
            return ir.Literal(None)
        if kind in {"identifier", "shorthand_property_identifier"}:
            return ir.Literal(None) if _text(node) == "undefined" else ir.Name(_text(node))
        if kind in {
            "parenthesized_expression",
            "await_expression",
            "as_expression",
            "non_null_expression",
            "satisfies_expression",
            "type_assertion",
            "spread_element",
        }:
            inner = next(
                (
                    c
                    for c in node.named_children
                    if not c.type.endswith("type") and c.type not in {"type_identifier", "type_arguments"}
                ),
                None,
            )
            return ir.Passthrough(inner) if inner is not None else ir.Other()
        if kind == "call_expression":
            return self._call(node)
        if kind == "new_expression":
            constructor = _field(node, "constructor")
            args_node = _field(node, "arguments")
            args = (
                [c for c in args_node.named_children if c.type != "comment"] if args_node is not None else []
            )
            type_name = self.type_of(constructor) or ""
            return ir.Call(f"new {type_name}", type_name, None, args, new_type=type_name)
        if kind == "binary_expression":
            left, right = _field(node, "left"), _field(node, "right")
            if left is None or right is None:
                return ir.Other(node.named_children)
            op = _text(_field(node, "operator"))
            op = {"===": "==", "!==": "!="}.get(op, op)
            if op in {"||", "??"} and not _in_condition(node):
                return ir.Ternary(left, left, right)
            if op == "??":
                op = "||"
            if op in {"instanceof", "in"}:
                return ir.Other([left, right])
            return ir.Binary(op, left, right)
        if kind == "unary_expression":
            operand = _field(node, "argument")
            op = _text(_field(node, "operator"))
            if operand is None:
                return ir.Other()
            if op in {"typeof", "void", "delete"}:
                return ir.Other([operand])
            return ir.Unary(op, operand)
        if kind == "ternary_expression":
            return ternary(node)
        if kind == "member_expression":
            obj, prop = _field(node, "object"), _field(node, "property")
            if obj is None or prop is None:
                return ir.Other(node.named_children)
            written = _text(node).replace("?.", ".")
            dotted = written if all(p.replace("$", "_").isidentifier() for p in written.split(".")) else ""
            return ir.Member(obj, _text(prop), dotted)
        if kind == "subscript_expression":
            return subscript(node, "object")
        if kind == "array":
            return ir.Sequence_([c for c in node.named_children if c.type != "comment"])
        if kind == "object":
            values: list[Node] = []
            for child in node.named_children:
                if child.type == "pair":
                    value = _field(child, "value")
                    if value is not None and value.type not in _ANONYMOUS:
                        values.append(value)
                elif child.type in {"spread_element", "shorthand_property_identifier"}:
                    values.append(child)
                elif child.type != "comment":
                    return ir.Other(values)  # a method or a computed member: not a plain table
            return ir.Record(values)
        if kind in _ANONYMOUS:
            if bound_name(node) is not None:
                return ir.Other()
            params = self._params(node)
            bound = [p for p in params if p.source is not None or p.type_name is not None]
            return ir.Lambda([p.name for p in params], _field(node, "body"), bound, _second_param(node))
        if kind in {"assignment_expression", "augmented_assignment_expression"}:
            left, right = _field(node, "left"), _field(node, "right")
            if left is None or right is None:
                return ir.Other(node.named_children)
            return ir.AssignExpr(left, right, _assign_op(node))
        if kind in {"this", "super", "regex", "class", "meta_property", "import"}:
            return ir.Other()
        if kind in {
            "jsx_element",
            "jsx_self_closing_element",
            "jsx_fragment",
            "jsx_expression",
            "jsx_opening_element",
            "jsx_attribute",
        }:
            return ir.Other(
                [
                    c
                    for c in node.named_children
                    if c.type not in {"jsx_text", "identifier", "property_identifier"}
                ]
            )
        return ir.Other(
            [
                c
                for c in node.named_children
                if c.type not in _FUNCTIONS
                and c.type not in _CLASSES
                and not c.type.endswith("type")
                and c.type != "type_arguments"
            ]
        )

    def _call(self, node: Node) -> ir.Expression:
        function = _field(node, "function")
        args_node = _field(node, "arguments")
        if args_node is not None and args_node.type == "template_string":
            args = [args_node]
        else:
            args = (
                [c for c in args_node.named_children if c.type != "comment"] if args_node is not None else []
            )
        # `f<T>(...)`, `sql<Row>\`...\`` and `f!(...)` call what `f` names; tree-sitter may read a typed tag
        # as an instantiation inside a non-null assertion whose `!` it supplies as missing.
        while function is not None and function.type in {"instantiation_expression", "non_null_expression"}:
            function = function.named_children[0] if function.named_children else None
        if function is not None and function.type == "await_expression" and function.named_children \
                and any(c.type == "type_arguments" for c in node.children):
            # `await axios.get<Page>(url)` is read by tree-sitter as `(await axios.get)<Page>(url)`: the
            # call is of what the `await` holds
            function = function.named_children[-1]
        if function is None:
            return ir.Other(args)
        if function.type == "member_expression":
            obj, prop = _field(function, "object"), _field(function, "property")
            name = _text(prop)
            prefix = _callee_text(obj) if obj is not None else ""
            callee = f"{prefix}.{name}" if prefix else name
            if name in {"replace", "replaceAll"} and args and _strips_dots(args[0], name):
                return ir.Call(callee, _STRIP_DOTS, obj, args)
            return ir.Call(callee, name, obj, args)
        if function.type == "identifier":
            name = _text(function)
            if name == "require":
                return ir.Other()
            return ir.Call(name, name, None, args)
        if function.type in {"parenthesized_expression", "non_null_expression"} and function.named_children:
            inner = function.named_children[-1]
            if inner.type == "member_expression":
                obj, prop = _field(inner, "object"), _field(inner, "property")
                name = _text(prop)
                return ir.Call(f"{_callee_text(obj) if obj is not None else ''}.{name}", name, obj, args)
        return ir.Other([function, *args])


class TypeScriptAdapter(JavaScriptAdapter):
    language = "typescript"


_ROUTE_METHODS = frozenset({"get", "post", "put", "patch", "delete", "del", "all", "use", "head", "options"})
_RESPONSE_NAMES = frozenset({"res", "resp", "response", "reply", "rep", "h", "ctx"})


def _server_action(node: Node) -> bool:
    """Whether a function is a React server action: its body, or the module it is in, starts with the
    `"use server"` directive (Next.js calls it with the submitted form, from any browser)."""
    body = _field(node, "body")
    root = node
    while root.parent is not None:
        root = root.parent
    for scope in (body, root):
        first = next((c for c in scope.named_children if c.type != "comment"), None) if scope else None
        inner = first_named(first) if first is not None and first.type == "expression_statement" else None
        if inner is not None and inner.type == "string" and _text(inner)[1:-1] == "use server":
            return True
    return False


def is_handler(node: Node, plist: Node) -> bool:
    """Whether a function is an HTTP handler whose first parameter is the request: its second parameter
    is named like a response (`res`, `reply`), or it is passed to a route registration
    (`app.get("/path", (a, b) => …)`, `router.use((a, b, next) => …)`) with two or three parameters."""
    names = [c for c in plist.named_children if c.type != "comment"]
    # Elysia and Hono-style callbacks take one object of request parts: `({ params, query, body }) => …`
    destructured = len(names) == 1 and (_field(names[0], "pattern") or names[0]).type == "object_pattern"
    if not (2 <= len(names) <= 4 or destructured):
        return False
    if not destructured:
        second = _field(names[1], "pattern") or names[1]
        if second.type == "identifier" and _text(second) in _RESPONSE_NAMES:
            return True
    parent = node.parent
    if parent is None or parent.type != "arguments" or parent.parent is None:
        return False
    function = _field(parent.parent, "function")
    if function is None or function.type != "member_expression":
        return False
    method = _text(_field(function, "property"))
    if method not in _ROUTE_METHODS or len(names) > 3:
        return False
    first = next((c for c in parent.named_children if c.type != "comment"), None)
    route = (
        first is not None and first.type in {"string", "template_string"} and _text(first)[1:2] in {"/", "*"}
    )
    return method == "use" or route


_STRIP_DOTS = "replace.."
"""The method reported for a `replace` that removes every `..` (a global pattern or `replaceAll`): a path
sanitizer (see the tables)."""


def _strips_dots(pattern: Node, method: str) -> bool:
    text = _text(pattern)
    dots = ".." in text.replace("\\.", ".")
    every = method == "replaceAll" or (pattern.type == "regex" and "g" in _text(_field(pattern, "flags")))
    return dots and every


def _decorator_name(decorator: Node) -> str:
    inner = decorator.named_children[0] if decorator.named_children else None
    if inner is None:
        return ""
    if inner.type == "call_expression":
        inner = _field(inner, "function") or inner
    return _text(inner).rsplit(".", 1)[-1]


def _pattern_names(node: Node) -> list[str]:
    """Names bound by a parameter or declaration pattern (`a`, `{a, b: c}`, `[x, y]`, `...rest`)."""
    if node.type == "identifier":
        return [_text(node)]
    out: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop(0)
        if current.type in {"identifier", "shorthand_property_identifier_pattern"}:
            out.append(_text(current))
        elif current.type == "pair_pattern":
            value = _field(current, "value")
            if value is not None:
                stack.append(value)
        elif current.type == "assignment_pattern":
            left = _field(current, "left")
            if left is not None:
                stack.append(left)
        elif current.type in {"object_pattern", "array_pattern", "rest_pattern", "object_assignment_pattern"}:
            stack.extend(current.named_children)
    return out


def _pure(node: Node) -> bool:
    """Whether evaluating `node` calls nothing (a module-level constant folded into every function)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if (
            current.type in {"call_expression", "new_expression", "await_expression"}
            or current.type in _ANONYMOUS
        ):
            return False
        stack.extend(current.named_children)
    return True


def _in_condition(node: Node) -> bool:
    """Whether a `||`/`??` is (part of) the condition of an `if` or loop, where only its truth counts."""
    current = node
    while current.parent is not None:
        parent = current.parent
        if (
            parent.type in {"parenthesized_expression"}
            or (parent.type == "unary_expression" and _text(_field(parent, "operator")) == "!")
            or (parent.type == "binary_expression" and _text(_field(parent, "operator")) in {"&&", "||"})
        ):
            current = parent
            continue
        if parent.type in _CONDITION_PARENTS:
            return _field(parent, "condition") == current
        if parent.type == "ternary_expression":
            return _field(parent, "condition") == current
        return False
    return False


def _assign_op(node: Node) -> str:
    operator = _text(_field(node, "operator")) or "="
    return "" if operator == "=" else operator[:-1]


def _callee_text(receiver: Node) -> str:
    if receiver.type == "call_expression":
        function = _field(receiver, "function")
        if function is not None and function.type == "member_expression":
            return _text(_field(function, "property")) + "()"
        return _text(function) + "()"
    if receiver.type == "new_expression":
        return f"new {_text(_field(receiver, 'constructor'))}()"
    return short_label(_text(receiver).replace("?.", "."))


def _string(node: Node) -> str:
    return joined_string(node, _unescape)


def _unescape(text: str) -> str:
    return unescape(text, _ESCAPES, "ux", lambda digits: digits.strip("{}"))


def _number(text: str) -> Const:
    cleaned = text.replace("_", "").rstrip("n")
    try:
        if cleaned.lower().startswith(("0x", "0o", "0b")):
            return int(cleaned, 0)
        value = float(cleaned)
        return (
            int(value) if value.is_integer() and "." not in cleaned and "e" not in cleaned.lower() else value
        )
    except ValueError:
        return None


def _second_param(node: Node) -> str | None:
    """The name of a function's second parameter when it is a plain identifier (`(row, i) => ...`)."""
    plist = _field(node, "parameters")
    if plist is None:
        return None
    params = [c for c in plist.named_children if c.type != "comment"]
    if len(params) < 2:
        return None
    second = params[1]
    if second.type == "required_parameter":
        second = _field(second, "pattern") or second
    return _text(second) if second.type == "identifier" else None


_THROWING_CALLS = frozenset({"ctx.throw", "this.throw", "notFound", "forbidden", "unauthorized"})
"""Calls that never return: Koa's `ctx.throw(404)` throws an HTTP error, Next.js's `notFound()`,
`forbidden()` and `unauthorized()` (`next/navigation`) throw to render the error page."""


def _always_throws(node: Node | None) -> bool:
    """An expression statement that is a call which always throws (`ctx.throw(400, "bad name")`)."""
    while node is not None and node.type in {"await_expression", "parenthesized_expression"}:
        node = first_named(node)
    if node is None or node.type != "call_expression":
        return False
    return _text(_field(node, "function")) in _THROWING_CALLS
