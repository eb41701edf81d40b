"""The Java adapter: tree-sitter-java node types mapped to the engine's view, and what the servlet, Spring
and JDK libraries do to values (sources, sanitizers, validators, collections)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from persona_review.checks._tsflow import ir
from persona_review.checks._tsflow.adapter_common import (
    TreeAdapter,
    binary,
    first_named,
    joined_string,
    short_label,
    subscript,
    ternary,
    unescape,
)
from persona_review.checks._tsflow.adapter_common import field as _field
from persona_review.checks._tsflow.adapter_common import node_text as _text
from persona_review.checks._tsflow.values import HTML, LDAP, PATH, SHELL, SQL, URL, XPATH, Const
from persona_review.lazy_re import lazy_re

_REQUEST_ANNOTATIONS = frozenset(
    {
        "RequestParam",
        "PathVariable",
        "RequestBody",
        "RequestHeader",
        "CookieValue",
        "RequestPart",
        "MatrixVariable",
        "ModelAttribute",
        "QueryParam",
        "PathParam",
        "FormParam",
        "HeaderParam",
        "CookieParam",
        "BeanParam",
        "FormDataParam",
        "MatrixParam",
        # Micronaut
        "QueryValue",
        "Body",
        "Header",
        "Part",
        # Quarkus RESTEasy Reactive
        "RestQuery",
        "RestPath",
        "RestForm",
        "RestHeader",
        "RestCookie",
        "RestMatrix",
        "MultipartForm",
    }
)

if TYPE_CHECKING:
    from tree_sitter import Node, Query

JAVA_TABLES = ir.Tables(
    numeric_fixed=True,
    bound_enums=True,
    source_methods=frozenset(
        {
            "getParameter",
            "getParameterValues",
            "getParameterMap",
            "getParameterNames",
            "getHeader",
            "getHeaders",
            "getHeaderNames",
            "getCookies",
            "getQueryString",
            "getInputStream",
            "getReader",
            "getPathInfo",
            "getRequestURI",
            "getRequestURL",
            "getPart",
            "getParts",
            "getSubmittedFileName",
            "getOriginalFilename",
            "getServletPath",
            "getRemoteUser",
            "getContentType",
            # Spring WebFlux `ServerRequest` (functional endpoints)
            "pathVariable",
            "pathVariables",
            "queryParam",
            "queryParams",
            "bodyToMono",
            "bodyToFlux",
            "formData",
            "multipartData",
            # Micronaut `HttpRequest`
            "getParameters",
            "getBody",
            "getPath",
            "getUri",
            # Vert.x `HttpServerRequest`/`RoutingContext`
            "getParam",
            "getFormAttribute",
            "pathParam",
            "getBodyAsString",
            "getBodyAsJson",
        }
    ),
    request_types=frozenset(
        {
            "HttpServletRequest",
            "ServletRequest",
            "HttpServletRequestWrapper",
            "MultipartHttpServletRequest",
            "Part",
            "MultipartFile",
            "WebRequest",
            "NativeWebRequest",
            "ServerHttpRequest",
            "FileItem",
            "ServerRequest",  # Spring WebFlux functional endpoints
            "HttpRequest",  # Micronaut
            "HttpServerRequest",  # Vert.x
            "RoutingContext",  # Vert.x Web
            "Context",  # Javalin (`io.javalin.http.Context`)
            "UploadedFile",  # Javalin
        }
    ),
    typed_source_methods=frozenset(
        {
            # Javalin `Context`
            *("formParam", "formParams", "formParamMap", "queryParamMap", "pathParamMap", "header",
              "headerMap", "cookie", "cookieMap", "body", "bodyAsBytes", "bodyAsClass", "bodyStreamAsClass",
              "bodyAsInputStream", "uploadedFile", "uploadedFiles", "queryString", "fullUrl", "path",
              "filename"),
            # Helidon `ServerRequest` (`req.query().get("q")`, `req.path().pathParameters()`, `req.content()`)
            *("query", "content", "headers"),
        }
    ),
    request_names=("request", "req", "part", "file", "upload"),
    source_types=frozenset({"MultipartFile", "Part"}),
    sanitizers={
        "encodeForHTML": frozenset({HTML}),
        "encodeForHTMLAttribute": frozenset({HTML}),
        "encodeForJavaScript": frozenset({HTML}),
        "encodeForCSS": frozenset({HTML}),
        "encodeForURL": frozenset({HTML, URL}),
        "escapeHtml": frozenset({HTML}),
        "escapeHtml4": frozenset({HTML}),
        "escapeHtml3": frozenset({HTML}),
        "htmlEscape": frozenset({HTML}),
        "escapeXml": frozenset({HTML, XPATH}),
        "escapeXml10": frozenset({HTML, XPATH}),
        "escapeXml11": frozenset({HTML, XPATH}),
        "escapeEcmaScript": frozenset({HTML}),
        "forHtml": frozenset({HTML}),
        "forHtmlContent": frozenset({HTML}),
        "forHtmlAttribute": frozenset({HTML}),
        "forJavaScript": frozenset({HTML}),
        "sanitize": frozenset({HTML}),
        "encodeForSQL": frozenset({SQL}),
        "escapeSql": frozenset({SQL}),
        # jOOQ: a quoted identifier, a bound value, a value inlined as an escaped literal
        "DSL.name": frozenset({SQL}),
        "DSL.quotedName": frozenset({SQL}),
        "DSL.val": frozenset({SQL}),
        "DSL.value": frozenset({SQL}),
        "DSL.inline": frozenset({SQL}),
        "DSL.param": frozenset({SQL}),
        "encodeForLDAP": frozenset({LDAP}),
        "encodeForDN": frozenset({LDAP}),
        "encodeForXPath": frozenset({XPATH}),
        "encodeForOS": frozenset({SHELL}),
        "getName": frozenset({PATH}),
        "getBaseName": frozenset({PATH}),
        "FilenameUtils.getName": frozenset({PATH}),
        "encode": frozenset({HTML, URL}),
        "URLEncoder.encode": frozenset({HTML, URL, PATH}),
    },
    numeric=frozenset(
        {
            "parseInt",
            "parseLong",
            "parseDouble",
            "parseFloat",
            "parseBoolean",
            "Integer.valueOf",
            "Long.valueOf",
            "Double.valueOf",
            "UUID.fromString",
            "size",
            "hashCode",
            "length",
            "compareTo",
            "intValue",
            "longValue",
            "getSize",
            "getContentLength",
            "nextInt",
        }
    ),
    guards=frozenset(
        {
            "matches",
            "isValid",
            "isSafe",
            "isAllowed",
            "contains",
            "containsKey",
            "isDigits",
            "isNumeric",
            "isAlphanumeric",
            "isAlpha",
            "isCreatable",
            "isParsable",
        }
    ),
    partial_guards={"startsWith": frozenset({PATH, URL})},
    code_names=frozenset({"getSimpleName", "getCanonicalName", "getTypeName", "name", "ordinal"}),
    lookups=(
        "get",
        "find",
        "load",
        "fetch",
        "lookup",
        "query",
        "select",
        "search",
        "count",
        "exists",
        "is",
        "has",
        "read",
        "retrieve",
    ),
    drops_taint=frozenset(
        {
            "equals",
            "equalsIgnoreCase",
            "isEmpty",
            "isBlank",
            "startsWith",
            "endsWith",
            "contains",
            "containsKey",
            "matches",
            "hasMoreElements",
            "hasNext",
            "exists",
            "isDirectory",
            "isFile",
            "getClass",
            "hashCode",
            "size",
            "length",
            "indexOf",
            "lastIndexOf",
            "compareTo",
            "getSize",
            "getContentLength",
        }
    ),
    parsed_addresses=frozenset({"URI.create", "java.net.URI.create"}),
    builders=frozenset({"StringBuilder", "StringBuffer"}),
    maps=frozenset({"HashMap", "LinkedHashMap", "TreeMap", "Hashtable", "ConcurrentHashMap", "Properties"}),
    lists=frozenset(
        {"ArrayList", "LinkedList", "Vector", "ArrayDeque", "Stack", "HashSet", "LinkedHashSet", "TreeSet",
         "StringJoiner"}  # a joiner collects the parts added to it
    ),
    weak_random=frozenset(
        {
            "Math.random",
            "RandomStringUtils.random",
            "RandomStringUtils.randomAlphanumeric",
            "RandomStringUtils.randomAlphabetic",
            "RandomStringUtils.randomNumeric",
            "RandomUtils.nextInt",
            "RandomUtils.nextLong",
            "java.lang.Math.random",
        }
    ),
    weak_random_types=frozenset({"Random", "ThreadLocalRandom"}),
    returns={
        "getWriter": "PrintWriter",
        "getOutputStream": "ServletOutputStream",
        "getSession": "HttpSession",
        "Runtime.getRuntime": "Runtime",
        "newXPath": "XPath",
        "createStatement": "Statement",
        "prepareStatement": "PreparedStatement",
        "prepareCall": "CallableStatement",
        "ThreadLocalRandom.current": "ThreadLocalRandom",
        "DocumentBuilderFactory.newInstance": "DocumentBuilderFactory",
        "SAXParserFactory.newInstance": "SAXParserFactory",
        "XMLInputFactory.newInstance": "XMLInputFactory",
        "XMLInputFactory.newFactory": "XMLInputFactory",
        "TransformerFactory.newInstance": "TransformerFactory",
        "SchemaFactory.newInstance": "SchemaFactory",
        "XPathFactory.newInstance": "XPathFactory",
        "newDocumentBuilder": "DocumentBuilder",
        "newSAXParser": "SAXParser",
        "getXMLReader": "XMLReader",
        "getConnection": "Connection",
        "Cipher.getInstance": "Cipher",
        "MessageDigest.getInstance": "MessageDigest",
    },
)

_FUNCTIONS = frozenset(
    {
        "method_declaration",
        "constructor_declaration",
        "compact_constructor_declaration",
        "static_initializer",
    }
)
_CLASSES = frozenset({"class_declaration", "enum_declaration", "record_declaration", "interface_declaration"})
_EXPRESSIONS = frozenset(
    {
        "method_invocation",
        "object_creation_expression",
        "assignment_expression",
        "update_expression",
        "identifier",
        "field_access",
        "lambda_expression",
        "binary_expression",
        "unary_expression",
        "ternary_expression",
        "cast_expression",
        "parenthesized_expression",
        "array_access",
        "array_creation_expression",
        "string_literal",
        "method_reference",
        "instanceof_expression",
    }
)
_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "b": "\b",
    "f": "\f",
    "0": "\0",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "s": " ",
}


class JavaAdapter(TreeAdapter):
    language = "java"
    tables = JAVA_TABLES

    def functions(self, root: Node) -> Sequence[ir.Function]:
        out = []
        for node in _captures(root, _FUNCTION_QUERY):
            out.append(self._function(node, self._owner(node)))
        out.sort(key=lambda f: f.node.start_byte)
        return out

    def _owner(self, node: Node) -> str | None:
        parent = node.parent
        while parent is not None:
            if parent.type in _CLASSES:
                return _text(_field(parent, "name")) or None
            if parent.type == "object_creation_expression":
                return self.type_of(_field(parent, "type"))
            parent = parent.parent
        return None

    def _function(self, node: Node, owner: str | None) -> ir.Function:
        params: list[ir.Param] = []
        plist = _field(node, "parameters")
        for param in plist.named_children if plist is not None else []:
            if param.type not in {"formal_parameter", "spread_parameter"}:
                continue
            name_node = _field(param, "name")
            if name_node is None:
                declarator = next((c for c in param.named_children if c.type == "variable_declarator"), None)
                name_node = _field(declarator, "name") if declarator is not None else None
            name = _text(name_node)
            type_name = self.type_of(_field(param, "type"))
            source = None
            for child in param.named_children:
                if child.type == "modifiers":
                    for annotation in child.named_children:
                        label = _text(_field(annotation, "name")).rsplit(".", 1)[-1]
                        if label in _REQUEST_ANNOTATIONS:
                            source = f"the `@{label}` parameter `{name}`"
            params.append(ir.Param(name, type_name, source))
        body = _field(node, "body")
        if node.type == "static_initializer":
            body = next((c for c in node.named_children if c.type == "block"), None)
        modifiers = next((c for c in node.named_children if c.type == "modifiers"), None)
        private = modifiers is not None and "private" in _text(modifiers).split()
        return ir.Function(node, _text(_field(node, "name")), params, body, owner, private)

    def fields(self, root: Node) -> Sequence[tuple[str, str | None, Node | None, bool]]:
        out: list[tuple[str, str | None, Node | None, bool]] = []
        stack = [root]
        while stack:
            node = stack.pop()
            nested: list[Node] = []
            for child in node.named_children:  # in source order: a constant may use one declared above
                if child.type in {"field_declaration", "constant_declaration"}:
                    modifiers = next((c for c in child.named_children if c.type == "modifiers"), None)
                    words = _text(modifiers).split() if modifiers is not None else []
                    constant = child.type == "constant_declaration" or "final" in words
                    type_name = self.type_of(_field(child, "type"))
                    for declarator in child.children_by_field_name("declarator"):
                        name = _text(_field(declarator, "name"))
                        out.append((name, type_name, _field(declarator, "value"), constant))
                elif child.type in _CLASSES or child.type in {
                    "class_body",
                    "program",
                    "interface_body",
                    "enum_body",
                    "enum_body_declarations",
                }:
                    nested.append(child)
            stack.extend(reversed(nested))
        return out

    def type_of(self, node: Node | None) -> str | None:
        if node is None:
            return None
        text = _text(node).split("<", 1)[0].replace("[]", "").strip()
        return text.rsplit(".", 1)[-1] or None

    # --- statements ---------------------------------------------------------------------------------

    def statement(self, node: Node) -> ir.Statement:
        kind = node.type
        if kind in {"block", "program", "constructor_body", "class_body", "switch_block_statement_group"}:
            return ir.Block(
                [c for c in node.named_children if c.type not in _FUNCTIONS and c.type not in _CLASSES]
            )
        if kind in _FUNCTIONS or kind in _CLASSES:
            return ir.Nested()
        if kind == "expression_statement":
            inner = first_named(node)
            if inner is not None and inner.type == "assignment_expression":
                return self._assign(inner)
            if inner is not None and inner.type == "switch_expression":
                return self.statement(inner)
            return ir.Expr(inner) if inner is not None else ir.Other()
        if kind == "local_variable_declaration":
            type_name = self.type_of(_field(node, "type"))
            names = [
                (_text(_field(d, "name")), _field(d, "value"))
                for d in node.children_by_field_name("declarator")
            ]
            return ir.Declare(names, type_name)
        if kind == "resource":
            name = _field(node, "name")
            if name is not None:
                return ir.Declare([(_text(name), _field(node, "value"))], self.type_of(_field(node, "type")))
            return ir.Expr(node.named_children[-1]) if node.named_children else ir.Other()
        if kind == "if_statement":
            return ir.If(
                _field(node, "condition") or node, _field(node, "consequence"), _field(node, "alternative")
            )
        if kind == "switch_expression":
            return self._switch(node)
        if kind in {"for_statement", "while_statement", "do_statement"}:
            header = list(node.children_by_field_name("init"))
            update = list(node.children_by_field_name("update"))
            return ir.Loop(
                _field(node, "body"),
                header,
                condition=_field(node, "condition"),
                at_least_once=kind == "do_statement",
                update=update,
            )
        if kind == "enhanced_for_statement":
            iterable = _field(node, "value")
            bound = _text(_field(node, "name"))
            return ir.Loop(
                _field(node, "body"), (), (bound, iterable) if iterable is not None and bound else None
            )
        if kind in {"try_statement", "try_with_resources_statement"}:
            handlers = [_field(c, "body") for c in node.named_children if c.type == "catch_clause"]
            final = next(
                (
                    c.named_children[-1]
                    for c in node.named_children
                    if c.type == "finally_clause" and c.named_children
                ),
                None,
            )
            resources = _field(node, "resources")
            return ir.Try(
                _field(node, "body"),
                [h for h in handlers if h is not None],
                final,
                list(resources.named_children) if resources is not None else [],
            )
        if kind == "return_statement":
            return ir.Return(first_named(node))
        if kind == "yield_statement":
            return ir.Return(first_named(node))
        if kind in {"break_statement", "continue_statement"}:
            return ir.Jump(kind.split("_", 1)[0])
        if kind == "throw_statement":
            return ir.Jump("throw", first_named(node))
        if kind in _EXPRESSIONS:
            return ir.Expr(node)
        if kind in {"line_comment", "block_comment", "import_declaration", "package_declaration"}:
            return ir.Other()
        return ir.Other([c for c in node.named_children if c.type not in _FUNCTIONS])

    def _assign(self, node: Node) -> ir.Assign:
        operator = _text(_field(node, "operator"))
        left, right = _field(node, "left"), _field(node, "right")
        assert left is not None and right is not None
        return ir.Assign(left, right, operator[:-1] if operator != "=" else "")

    def _switch(self, node: Node) -> ir.Switch:
        body = _field(node, "body")
        cases: list[ir.Case] = []
        arrows = False
        for group in body.named_children if body is not None else []:
            if group.type not in {"switch_block_statement_group", "switch_rule"}:
                continue
            arrows = arrows or group.type == "switch_rule"
            labels: list[Node] = []
            default = False
            statements: list[Node] = []
            for child in group.named_children:
                if child.type == "switch_label":
                    if not child.named_children or _text(child).startswith("default"):
                        default = True
                    labels.extend(c for c in child.named_children if c.type != "guard")
                else:
                    statements.append(child)
            cases.append(ir.Case(labels, statements, default))
        return ir.Switch(_field(node, "condition"), cases, falls_through=not arrows)

    # --- expressions --------------------------------------------------------------------------------

    def expression(self, node: Node) -> ir.Expression:
        kind = node.type
        if kind == "string_literal":
            return ir.Literal(_string(node))
        if kind == "character_literal":
            return ir.Literal(_unescape(_text(node)[1:-1]))
        if kind in {
            "decimal_integer_literal",
            "hex_integer_literal",
            "octal_integer_literal",
            "binary_integer_literal",
        }:
            return ir.Literal(_integer(_text(node)))
        if kind == "decimal_floating_point_literal":
            try:
                return ir.Literal(float(_text(node).rstrip("fFdD")))
            except ValueError:
                return ir.Other()
        if kind in {"true", "false"}:
            return ir.Literal(kind == "true")
        if kind == "null_literal":
            return ir.Literal(None)
        if kind == "identifier":
            return ir.Name(_text(node))
        if kind in {"parenthesized_expression", "cast_expression"}:
            inner = (
                _field(node, "value")
                if kind == "cast_expression"
                else (first_named(node))
            )
            return ir.Passthrough(inner) if inner is not None else ir.Other()
        if kind == "method_invocation":
            receiver = _field(node, "object")
            name = _text(_field(node, "name"))
            args = _field(node, "arguments")
            prefix = _callee_text(receiver) if receiver is not None else ""
            return ir.Call(
                f"{prefix}.{name}" if prefix else name,
                name,
                receiver,
                list(args.named_children) if args is not None else [],
            )
        if kind == "object_creation_expression":
            type_name = self.type_of(_field(node, "type")) or ""
            args = _field(node, "arguments")
            return ir.Call(
                f"new {type_name}",
                type_name,
                None,
                list(args.named_children) if args is not None else [],
                new_type=type_name,
            )
        if kind == "binary_expression":
            return binary(node)
        if kind == "unary_expression":
            operand = _field(node, "operand")
            return ir.Unary(_text(_field(node, "operator")), operand) if operand is not None else ir.Other()
        if kind == "ternary_expression":
            return ternary(node)
        if kind == "update_expression":  # `i++`: a new value of `i`, not followed (a counted loop ends)
            operand = first_named(node)
            return ir.AssignExpr(operand, operand, "++") if operand is not None else ir.Other()
        if kind == "field_access":
            obj, member = _field(node, "object"), _field(node, "field")
            if obj is None or member is None:
                return ir.Other(node.named_children)
            dotted = _text(node) if _DOTTED.match(_text(node)) else ""
            return ir.Member(obj, _text(member), dotted)
        if kind == "array_access":
            return subscript(node, "array")
        if kind == "array_creation_expression":
            value = _field(node, "value")
            if value is not None:
                return ir.Sequence_(value.named_children)
            return ir.Other([c for c in node.named_children if c.type == "dimensions_expr"])
        if kind == "array_initializer":
            return ir.Sequence_(node.named_children)
        if kind == "lambda_expression":
            params = _field(node, "parameters")
            names = [_text(p) for p in _identifiers(params)] if params is not None else []
            return ir.Lambda(names, _field(node, "body"))
        if kind == "assignment_expression":
            assign = self._assign(node)
            return ir.AssignExpr(assign.target, assign.value, assign.op)
        if kind in {"this", "super", "class_literal", "method_reference", "type_identifier"}:
            return ir.Other()
        if kind == "instanceof_expression":
            return ir.Other()
        return ir.Other(
            [c for c in node.named_children if c.type not in _FUNCTIONS and c.type != "class_body"]
        )


_FUNCTION_QUERY = (
    "[(method_declaration) (constructor_declaration) (compact_constructor_declaration)"
    " (static_initializer)] @f"
)
_QUERIES: dict[str, Query] = {}


def _captures(root: Node, pattern: str) -> list[Node]:
    """The nodes a tree-sitter query captures (run in C: far cheaper than walking the tree in Python)."""
    from tree_sitter import Language, Query, QueryCursor  # loaded with the grammar
    from tree_sitter_java import language

    query = _QUERIES.get(pattern)
    if query is None:
        query = _QUERIES[pattern] = Query(Language(language()), pattern)
    found: list[Node] = []
    for nodes in QueryCursor(query).captures(root).values():
        found.extend(nodes)
    return found


_DOTTED = lazy_re(r"^[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)+$")


def _identifiers(params: Node) -> list[Node]:
    if params.type == "identifier":
        return [params]
    out = []
    for child in params.named_children:
        if child.type == "identifier":
            out.append(child)
        else:
            name = _field(child, "name")
            if name is not None:
                out.append(name)
    return out


def _callee_text(receiver: Node) -> str:
    """The receiver as it reads in a callee name: dotted names as written, calls as `name()`."""
    if receiver.type == "method_invocation":
        return _text(_field(receiver, "name")) + "()"
    if receiver.type == "object_creation_expression":
        return f"new {_text(_field(receiver, 'type'))}()"
    return short_label(_text(receiver))


def _string(node: Node) -> str:
    if node.named_children:
        return joined_string(node, _unescape)
    text = _text(node)
    return text[3:-3] if text.startswith('"""') else text[1:-1]


def _unescape(text: str) -> str:
    return unescape(text, _ESCAPES, "u", lambda digits: digits[:4])


def _integer(text: str) -> Const:
    cleaned = text.replace("_", "").rstrip("lL")
    try:
        if cleaned.lower().startswith("0x"):
            return int(cleaned, 16)
        if cleaned.lower().startswith("0b"):
            return int(cleaned[2:], 2)
        if len(cleaned) > 1 and cleaned.startswith("0"):
            return int(cleaned, 8)
        return int(cleaned)
    except ValueError:
        return None
