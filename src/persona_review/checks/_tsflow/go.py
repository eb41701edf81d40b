"""The Go adapter: tree-sitter-go node types mapped to the engine's view, and what net/http, gorilla/mux,
chi, gin, echo, fiber and the standard library do to values (sources, sanitizers, validators)."""

from __future__ import annotations

import re
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
    unescape,
)
from persona_review.checks._tsflow.adapter_common import field as _field
from persona_review.checks._tsflow.adapter_common import node_text as _text
from persona_review.checks._tsflow.values import HTML, PATH, SHELL, SQL, URL

if TYPE_CHECKING:
    from tree_sitter import Node

GO_TABLES = ir.Tables(
    slice_builtins=True,
    source_methods=frozenset(
        {
            # net/http
            "FormValue",
            "PostFormValue",
            "Cookie",
            "Cookies",
            "FormFile",
            "MultipartReader",
            "Referer",
            "UserAgent",
            "BasicAuth",
            "PathValue",  # Go 1.22 `ServeMux` patterns (`/files/{name}`)
            # gin
            "Query",
            "DefaultQuery",
            "QueryArray",
            "QueryMap",
            "GetQuery",
            "Param",
            "PostForm",
            "DefaultPostForm",
            "PostFormArray",
            "GetPostForm",
            "GetHeader",
            "GetRawData",
            # echo
            "QueryParam",
            "QueryParams",
            "QueryString",
            "FormParams",
            "ParamValues",
            # fiber
            "Params",
            "Body",
            "BodyParser",
        }
    ),
    request_types=frozenset({"Request", "Context", "Ctx", "FileHeader", "Part", "Values"}),
    request_names=("req", "request"),
    request_exact_names=frozenset({"r", "c", "ctx", "gc", "ec"}),
    source_fields=frozenset(
        {
            "URL",
            "Body",
            "Form",
            "PostForm",
            "Header",
            "MultipartForm",
            "RequestURI",
            "Host",
            "Filename",
            "Trailer",
        }
    ),
    source_callees=frozenset(
        {"mux.Vars", "chi.URLParam", "chi.URLParamFromCtx", "httprouter.ParamsFromContext", "pat.Param"}
    ),
    fills=frozenset(
        {
            "Decode",
            "Unmarshal",
            "ShouldBind",
            "ShouldBindJSON",
            "ShouldBindQuery",
            "ShouldBindUri",
            "ShouldBindWith",
            "ShouldBindXML",
            "ShouldBindYAML",
            "Bind",
            "BindJSON",
            "BindQuery",
            "BindUri",
            "BodyParser",
            "QueryParser",
            "ParamsParser",
            "ReadJSON",
        }
    ),
    source_lookups=frozenset({"Get", "Query", "Values", "FormValue", "Cookie", "Param", "Params"}),
    formatters=frozenset({"fmt.Sprintf", "fmt.Errorf"}),
    sanitizers={
        "filepath.Base": frozenset({PATH}),
        "path.Base": frozenset({PATH}),
        # the suffix from the last dot of the last element: never a separator or `..` of its own
        "filepath.Ext": frozenset({PATH}),
        "path.Ext": frozenset({PATH}),
        "url.QueryEscape": frozenset({URL, HTML, PATH, SHELL}),
        "url.PathEscape": frozenset({URL, HTML, PATH}),
        "html.EscapeString": frozenset({HTML}),
        "template.HTMLEscapeString": frozenset({HTML}),
        "template.JSEscapeString": frozenset({HTML}),
        "shellescape.Quote": frozenset({SHELL}),
        "shellquote.Join": frozenset({SHELL}),
        "pq.QuoteIdentifier": frozenset({SQL}),
        "pq.QuoteLiteral": frozenset({SQL}),
        "QuoteIdentifier": frozenset({SQL}),
        "EscapeString": frozenset({HTML}),
        # encoding/json escapes <, > and & (HTMLEscape is on by default), and its output starts with a
        # JSON token, which net/http never sniffs as HTML.
        "json.Marshal": frozenset({HTML}),
        "json.MarshalIndent": frozenset({HTML}),
    },
    numeric=frozenset(
        {
            "strconv.Atoi",
            "strconv.ParseInt",
            "strconv.ParseUint",
            "strconv.ParseFloat",
            "strconv.ParseBool",
            "strconv.Itoa",
            "strconv.FormatInt",
            "strconv.FormatUint",
            "strconv.FormatBool",
            "len",
            "cap",
            "uuid.Parse",
            "uuid.MustParse",
            "ParamsInt",
            "QueryInt",
            "QueryBool",
            "QueryFloat",
        }
    ),
    numeric_fixed=True,
    equality_checks=True,
    guards=frozenset(
        {
            "HasPrefix",
            "MatchString",
            "Match",
            "Contains",
            "ContainsKey",
            "IsValid",
            "Valid",
            "isValid",
            "isSafe",
            "isAllowed",
            "Allowed",
            "IsLocalURL",
            "IsLocal",
            "IsAbs",
            "ContainsAny",
        }
    ),
    drops_taint=frozenset(
        {
            # Results that are data from elsewhere (a file, a command's output, stored rows), not the
            # request, whatever the request chose.
            "ReadFile",
            "ReadDir",
            "Output",
            "CombinedOutput",
            "QueryRow",
            "QueryRowContext",
            "QueryContext",
            "Len",
            "Size",
            "Error",
            "Close",
            "Method",
            "Context",
            "Has",
            "Is",
            "Equal",
            "EqualFold",
            "HasPrefix",
            "HasSuffix",
            "Contains",
            "Count",
            "Index",
            "Err",
        }
    ),
    builders=frozenset({"Builder", "Buffer"}),
    maps=frozenset(),
    lists=frozenset(),
    weak_random=frozenset(
        {
            "rand.Int",
            "rand.Intn",
            "rand.Int31",
            "rand.Int31n",
            "rand.Int63",
            "rand.Int63n",
            "rand.Uint32",
            "rand.Uint64",
            "rand.Float32",
            "rand.Float64",
            "rand.Perm",
            "rand.Shuffle",
            "rand.Read",
            "rand.IntN",
            "rand.N",
            "rand.Int64",
            "rand.Int64N",
            "rand.Uint32N",
            "rand.Uint64N",
        }
    ),
    weak_random_types=frozenset({"Rand"}),
    returns={
        "sql.Open": "DB",
        "exec.Command": "Cmd",
        "exec.CommandContext": "Cmd",
        "http.NewRequest": "Request",
        "http.NewRequestWithContext": "Request",
        "rand.New": "Rand",
    },
)

_FUNCTIONS = frozenset({"function_declaration", "method_declaration"})
_EXPRESSIONS = frozenset(
    {
        "call_expression",
        "selector_expression",
        "identifier",
        "binary_expression",
        "unary_expression",
        "index_expression",
        "composite_literal",
        "func_literal",
        "parenthesized_expression",
        "type_assertion_expression",
        "slice_expression",
        "type_conversion_expression",
    }
)
_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}


def _exprs(node: Node | None) -> list[Node]:
    """The expressions of an `expression_list` (or the node itself)."""
    if node is None:
        return []
    if node.type == "expression_list":
        return [c for c in node.named_children if c.type != "comment"]
    return [node]


class GoAdapter(TreeAdapter):
    language = "go"
    tables = GO_TABLES

    def functions(self, root: Node) -> Sequence[ir.Function]:
        out: list[ir.Function] = []
        stack = [root]
        while stack:
            node = stack.pop()
            for child in node.named_children:
                if child.type in _FUNCTIONS:
                    out.append(self._function(child))
                elif child.type in {"source_file", "ERROR"}:
                    stack.append(child)
        out.sort(key=lambda f: f.node.start_byte)
        return out

    def _function(self, node: Node) -> ir.Function:
        params = self._params(_field(node, "parameters"))
        owner = None
        receiver = _field(node, "receiver")
        if node.type == "method_declaration" and receiver is not None:
            declared = next((c for c in receiver.named_children if c.type == "parameter_declaration"), None)
            owner = self.type_of(_field(declared, "type")) if declared is not None else None
            params = _rpc_arguments(node, params, owner)
        return ir.Function(node, _text(_field(node, "name")), params, _field(node, "body"), owner)

    def _params(self, plist: Node | None) -> list[ir.Param]:
        params: list[ir.Param] = []
        for param in plist.named_children if plist is not None else []:
            if param.type not in {"parameter_declaration", "variadic_parameter_declaration"}:
                continue
            type_name = self.type_of(_field(param, "type"))
            names = param.children_by_field_name("name")
            for name in names or []:
                params.append(ir.Param(_text(name), type_name))
            if not names:
                params.append(ir.Param("_", type_name))
        return params

    def fields(self, root: Node) -> Sequence[tuple[str, str | None, Node | None, bool]]:
        out: list[tuple[str, str | None, Node | None, bool]] = []
        for child in root.named_children:
            if child.type not in {"const_declaration", "var_declaration"}:
                continue
            constant = child.type == "const_declaration"
            for spec in _specs(child):
                type_name = self.type_of(_field(spec, "type"))
                values = _exprs(_field(spec, "value"))
                for index, name in enumerate(spec.children_by_field_name("name")):
                    init = values[index] if index < len(values) else None
                    fixed = constant or (init is not None and init.type == "composite_literal"
                                         and _never_written(root, _text(name)))
                    out.append((_text(name), type_name, init, fixed and init is not None))
        return out

    def type_of(self, node: Node | None) -> str | None:
        if node is None:
            return None
        text = _text(node).lstrip("*&[]").split("[", 1)[0].strip()
        return text.rsplit(".", 1)[-1] or None

    # --- statements ---------------------------------------------------------------------------------

    def statement(self, node: Node) -> ir.Statement:
        kind = node.type
        if kind in {"block", "statement_list", "source_file"}:
            return ir.Block([c for c in node.named_children if c.type not in _FUNCTIONS])
        if kind in _FUNCTIONS:
            return ir.Nested()
        if kind == "expression_statement":
            inner = first_named(node)
            return ir.Expr(inner) if inner is not None else ir.Other()
        if kind in {"go_statement", "defer_statement"}:
            inner = first_named(node)
            return ir.Expr(inner) if inner is not None else ir.Other()
        if kind == "short_var_declaration":
            return self._declare(_exprs(_field(node, "left")), _exprs(_field(node, "right")), None)
        if kind in {"var_declaration", "const_declaration"}:
            specs = _specs(node)
            if len(specs) == 1:
                spec = specs[0]
                return self._declare(
                    spec.children_by_field_name("name"),
                    _exprs(_field(spec, "value")),
                    self.type_of(_field(spec, "type")),
                )
            return ir.Block(specs)
        if kind in {"var_spec", "const_spec"}:
            return self._declare(
                node.children_by_field_name("name"),
                _exprs(_field(node, "value")),
                self.type_of(_field(node, "type")),
            )
        if kind == "assignment_statement":
            left, right = _exprs(_field(node, "left")), _exprs(_field(node, "right"))
            operator = _text(_field(node, "operator"))
            op = operator[:-1] if operator != "=" else ""
            return self._multi(left, right, op)
        if kind in {"inc_statement", "dec_statement"}:
            return ir.Other()
        if kind == "if_statement":
            initializer = _field(node, "initializer")
            if initializer is not None:
                keyword = node.children[0]
                return ir.Block([initializer, keyword])
            return self._if(node)
        if kind == "if" and node.parent is not None and node.parent.type == "if_statement":
            return self._if(node.parent)
        if kind in {"expression_switch_statement"}:
            initializer = _field(node, "initializer")
            if initializer is not None:
                return ir.Block([initializer, node.children[0]])
            return self._switch(node)
        if kind == "switch" and node.parent is not None and node.parent.type == "expression_switch_statement":
            return self._switch(node.parent)
        if kind == "for_statement":
            return self._for(node)
        if kind == "return_statement":
            values = _exprs(node.named_children[0]) if node.named_children else []
            return ir.Return(values[0] if values else None)
        if kind in {"break_statement", "continue_statement"}:
            return ir.Jump(kind.split("_", 1)[0])
        if kind == "labeled_statement":
            return ir.Other([c for c in node.named_children if c.type != "label_name"])
        if kind in _EXPRESSIONS:
            return ir.Expr(node)
        if kind in {"comment", "import_declaration", "package_clause", "type_declaration", "empty_statement"}:
            return ir.Other()
        return ir.Other([c for c in node.named_children if c.type not in _FUNCTIONS])

    def _declare(self, names: Sequence[Node], values: Sequence[Node], type_name: str | None) -> ir.Statement:
        """`a, b := x, y` pairs names with values; `a, err := f()` gives the call's value to every name but
        the last (the error or `ok`): `file, header, err := r.FormFile("doc")` makes both `file` and
        `header` the request's (the engine evaluates the call once)."""
        pairs: list[tuple[str, Node | None]] = []
        for index, name in enumerate(names):
            if len(values) == len(names):
                value: Node | None = values[index]
            else:
                value = values[0] if values and (index == 0 or index < len(names) - 1) else None
            pairs.append((_text(name), value))
        return ir.Declare(pairs, type_name)

    def _multi(self, left: Sequence[Node], right: Sequence[Node], op: str) -> ir.Statement:
        """`a = x`, `a, err = f()` (the first name gets the call); `a, b = x, y` evaluates both values and
        gives `a` the first (the others are then not followed)."""
        if right and left:
            if len(right) > 1:
                return ir.Other(list(right))
            return ir.Assign(left[0], right[0], op)
        return ir.Other(list(right))

    def _if(self, node: Node) -> ir.If:
        return ir.If(
            _field(node, "condition") or node, _field(node, "consequence"), _field(node, "alternative")
        )

    def _switch(self, node: Node) -> ir.Switch:
        cases: list[ir.Case] = []
        for case in node.named_children:
            if case.type == "expression_case":
                labels = _exprs(_field(case, "value"))
                body = [
                    c
                    for c in case.named_children
                    if c.type != "expression_list"
                    and c is not None
                    and c.start_byte > (labels[-1].end_byte if labels else 0)
                ]
                cases.append(ir.Case(labels, body))
            elif case.type == "default_case":
                cases.append(ir.Case([], list(case.named_children), is_default=True))
        return ir.Switch(_field(node, "value"), cases, falls_through=False)

    def _for(self, node: Node) -> ir.Loop:
        body = _field(node, "body")
        clause = next((c for c in node.named_children if c.type in {"range_clause", "for_clause"}), None)
        if clause is not None and clause.type == "range_clause":
            left = _exprs(_field(clause, "left"))
            iterable = _field(clause, "right")
            name = _text(left[-1]) if left else ""
            return ir.Loop(body, (), (name, iterable) if name and iterable is not None else None)
        if clause is not None:
            header = [c for c in clause.named_children]
            return ir.Loop(body, header)
        condition = [c for c in node.named_children if c != body]
        return ir.Loop(body, condition)

    # --- expressions --------------------------------------------------------------------------------

    def expression(self, node: Node) -> ir.Expression:
        kind = node.type
        if kind in {"interpreted_string_literal", "raw_string_literal"}:
            return ir.Literal(_string(node))
        if kind == "rune_literal":
            return ir.Literal(_unescape(_text(node)[1:-1]))
        if kind == "int_literal":
            try:
                return ir.Literal(int(_text(node).replace("_", ""), 0))
            except ValueError:
                return ir.Other()
        if kind == "float_literal":
            try:
                return ir.Literal(float(_text(node).replace("_", "")))
            except ValueError:
                return ir.Other()
        if kind in {"true", "false"}:
            return ir.Literal(kind == "true")
        if kind == "nil":
            return ir.Literal(None)
        if kind == "identifier":
            return ir.Name(_text(node))
        if kind == "parenthesized_expression":
            return ir.Passthrough(node.named_children[0]) if node.named_children else ir.Other()
        if kind == "variadic_argument" and node.named_children:  # `args...`: the slice, spread
            return ir.Passthrough(node.named_children[0])
        if kind == "type_assertion_expression":
            operand = _field(node, "operand")
            return ir.Passthrough(operand) if operand is not None else ir.Other()
        if kind == "unary_expression":
            operand = _field(node, "operand")
            operator = _text(_field(node, "operator"))
            if operand is None:
                return ir.Other()
            if operator in {"&", "*", "<-"}:
                return ir.Passthrough(operand)
            return ir.Unary(operator, operand)
        if kind == "call_expression":
            return self._call(node)
        if kind == "type_conversion_expression":
            operand = _field(node, "operand")
            return ir.Passthrough(operand) if operand is not None else ir.Other()
        if kind == "binary_expression":
            return binary(node)
        if kind == "selector_expression":
            operand, member = _field(node, "operand"), _field(node, "field")
            if operand is None or member is None:
                return ir.Other(node.named_children)
            written = _text(node)
            dotted = written if all(p.isidentifier() for p in written.split(".")) else ""
            return ir.Member(operand, _text(member), dotted)
        if kind == "index_expression":
            return subscript(node, "operand")
        if kind == "slice_expression":
            operand = _field(node, "operand")
            return ir.Other([operand]) if operand is not None else ir.Other()
        if kind == "composite_literal":
            return self._composite(node)
        if kind in {"literal_value"}:
            return ir.Sequence_([_element(c) for c in node.named_children if c.type != "comment"])
        if kind in {"literal_element"}:
            return ir.Passthrough(node.named_children[0]) if node.named_children else ir.Other()
        if kind == "keyed_element":
            values = node.named_children
            return ir.Passthrough(values[-1]) if values else ir.Other()
        if kind == "func_literal":
            params = [p.name for p in self._params(_field(node, "parameters"))]
            return ir.Lambda(params, _field(node, "body"))
        return ir.Other([c for c in node.named_children if c.type not in _FUNCTIONS])

    def _call(self, node: Node) -> ir.Expression:
        function = _field(node, "function")
        args_node = _field(node, "arguments")
        args = [c for c in args_node.named_children if c.type != "comment"] if args_node is not None else []
        if function is None:
            return ir.Other(args)
        if function.type == "selector_expression":
            operand, member = _field(function, "operand"), _field(function, "field")
            name = _text(member)
            prefix = _callee_text(operand) if operand is not None else ""
            return ir.Call(f"{prefix}.{name}" if prefix else name, name, operand, args)
        if function.type == "identifier":
            name = _text(function)
            if name in {"string", "int", "int64", "int32", "float64", "[]byte"} and len(args) == 1:
                return ir.Passthrough(args[0]) if name == "string" else ir.Call(name, name, None, args)
            return ir.Call(name, name, None, args)
        if function.type == "parenthesized_expression" or function.type.endswith("_type"):
            return ir.Passthrough(args[0]) if len(args) == 1 else ir.Other(args)
        return ir.Other([function, *args])

    def _composite(self, node: Node) -> ir.Expression:
        type_node = _field(node, "type")
        body = _field(node, "body")
        elements = [c for c in body.named_children if c.type != "comment"] if body is not None else []
        if type_node is not None and type_node.type in {
            "slice_type",
            "array_type",
            "implicit_length_array_type",
        }:
            return ir.Sequence_([_element(c) for c in elements])
        type_name = self.type_of(type_node) or ""
        if type_node is not None and type_node.type == "map_type":
            return ir.Record([_element(c) for c in elements])
        return ir.Call(
            f"{type_name}{{}}", type_name, None, [_element(c) for c in elements], new_type=type_name
        )


_GQLGEN_ROOTS = frozenset({"queryResolver", "mutationResolver", "subscriptionResolver"})
"""The receiver types gqlgen generates for the schema's root operations: their methods' parameters after the
context are the operation's arguments, as the client sent them."""


def _rpc_arguments(node: Node, params: list[ir.Param], owner: str | None) -> list[ir.Param]:
    """The parameters of a method that serves a remote call, marked as request data: a gRPC (or Connect)
    handler `(ctx context.Context, in *pb.XRequest) (*pb.XResponse, error)`, whose request message is what
    the client sent, or a gqlgen root resolver, whose parameters are the operation's arguments."""
    if len(params) < 2 or params[0].type_name != "Context":
        return params
    if owner in _GQLGEN_ROOTS:
        return [params[0], *(ir.Param(p.name, p.type_name, f"the GraphQL argument `{p.name}`")
                             for p in params[1:])]
    declared = _field(node, "parameters")
    second = [c for c in declared.named_children if c.type == "parameter_declaration"][-1] \
        if declared is not None else None
    written = _text(_field(second, "type")) if second is not None else ""
    results = _text(_field(node, "result"))
    if len(params) == 2 and written.startswith("*") and "." in written \
            and (params[1].type_name or "").endswith("Request") \
            and results.startswith("(*") and results.replace(" ", "").endswith(",error)"):
        return [params[0], ir.Param(params[1].name, params[1].type_name,
                                    f"the RPC request message `{params[1].name}`")]
    return params


def _never_written(root: Node, name: str) -> bool:
    """Whether the file only ever reads the package variable `name` (a lookup table written as a
    literal, `var sorts = map[string]string{...}`): its one assignment is its declaration, and it is not
    changed in place (`name[k] = v`, `delete(name, k)`) or handed out by address."""
    source = _text(root)
    if name not in source:
        return True
    word = re.escape(name)
    assignments = re.findall(rf"(?<![\w.]){word}\s*(?:\[[^\]\n]*\]\s*)?(?:[-+*/%|&^]|<<|>>)?=(?!=)", source)
    changed = re.search(rf"\bdelete\(\s*{word}\b|&{word}\b|(?<![\w.]){word}\s*\[[^\]\n]*\]\s*(?:\+\+|--)",
                        source)
    return len(assignments) <= 1 and changed is None


def _element(node: Node) -> Node:
    """The value of a composite literal element (`Key: value` gives `value`)."""
    if node.type == "keyed_element" and node.named_children:
        node = node.named_children[-1]
    if node.type == "literal_element" and node.named_children:
        return node.named_children[0]
    return node


def _specs(node: Node) -> list[Node]:
    out: list[Node] = []
    for child in node.named_children:
        if child.type in {"var_spec", "const_spec"}:
            out.append(child)
        elif child.type in {"var_spec_list", "const_spec_list"}:
            out.extend(c for c in child.named_children if c.type in {"var_spec", "const_spec"})
    return out


def _callee_text(receiver: Node) -> str:
    if receiver.type == "call_expression":
        function = _field(receiver, "function")
        if function is not None and function.type == "selector_expression":
            return _text(_field(function, "field")) + "()"
        return _text(function) + "()"
    return short_label(_text(receiver))


def _string(node: Node) -> str:
    text = _text(node)
    if node.type == "raw_string_literal":
        return text[1:-1]
    return joined_string(node, _unescape)


def _unescape(text: str) -> str:
    return unescape(text, _ESCAPES, "uUx", lambda digits: digits)
