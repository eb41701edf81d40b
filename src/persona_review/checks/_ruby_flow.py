"""What a Ruby expression holds, judged within its method: a constant, request data, or something unknown.

A light intra-method view for the Rails checks, on the tree-sitter trees of `_ruby`:

- **Sources**: `params` (and anything read from it), `cookies`, and the request's user-controlled parts
  (`request.referer`, `request.headers[...]`, `request.env[...]`, `request.query_string`, ...).
- **Locals**: a local or instance variable takes the value of its last assignment above the use in the
  same method (an assignment inside a branch joins the value it had before). Lookups are by position, so
  the whole pass stays linear in the file (plus a logarithmic lookup per use).
- **Constants**: literals, symbols, constants and constant lookups (`SORTS[params[:sort]]`), strings built
  only from constants, and helper methods of the same file that take no arguments and return constants or
  check an allow-list.
- **Sanitizers**: numeric conversions (`to_i`, `Integer(...)`), predicates and sizes, SQL quoting
  (`connection.quote`, `sanitize_sql_*`, `quote_column_name`), table and key names, and allow-list checks:
  after `%w[a b].include?(x)`, `ALLOWED.include?(x)`, `x.in?(LIST)` or a regex match of `x`, the variable
  `x` counts as checked.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from persona_review.checks._ruby import (
    Tree,
    arguments,
    heredoc_bodies,
    method_name,
    name_text,
    receiver,
    string_literal,
    text,
    walk,
)
from persona_review.checks._url_guards import pins_scheme_only
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node


SAFE, UNKNOWN, TAINTED = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Value:
    level: int = UNKNOWN
    source: str = ""
    """The expression that makes it request data (TAINTED) or unknown (UNKNOWN), as written."""
    built: bool = False
    """A string assembled by interpolation or concatenation with a part that is not constant."""
    raw_params: bool = False
    """`params` or a part of it that was not passed through `permit`."""
    fixed_start: bool = False
    """A string whose literal beginning fixes where it points (`/path...`, `https://host/...`)."""
    permitted: bool = False
    """Request parameters passed through `permit` without `host`, `domain` or `protocol`: as a URL hash
    they can only fill in a path."""
    code_start: bool = False
    """A string that starts with a value the code chose, not request data (`"#{API_BASE}/items/#{id}"`,
    `base_url + params[:path]`): the code, not the caller, names the host it points at."""
    parsed_url: bool = False
    """`URI(x)` or `URI.parse(x)` of request data: its `path`, `query` and `request_uri` are parts of it that
    are not judged here (what they were before URI parsing was followed)."""
    request_object: bool = False
    """A request object under another name than `request`: `Rack::Request.new(env)`, Roda's `r`."""

    @property
    def tainted(self) -> bool:
        return self.level == TAINTED

    @property
    def constant(self) -> bool:
        return self.level == SAFE


CONST = Value(SAFE)


def join(values: list[Value]) -> Value:
    """The value of several parts together: the worst part decides, and names the source."""
    worst = CONST
    for value in values:
        if value.level > worst.level:
            worst = value
    return worst


_LITERALS = frozenset({
    "file", "line", "encoding", "uninterpreted",
    "integer", "float", "true", "false", "nil", "simple_symbol", "hash_key_symbol", "constant",
    "scope_resolution", "string_array", "symbol_array", "regex", "rational", "complex", "character",
})
_REQUEST_PARTS = frozenset({
    "referer", "referrer", "url", "original_url", "fullpath", "original_fullpath", "path", "query_string",
    "headers", "env", "params", "parameters", "query_parameters", "request_parameters", "path_parameters",
    "raw_post", "body", "cookies", "user_agent", "host", "domain", "GET", "POST", "filtered_parameters",
})
_RAW_PARAMS_METHODS = frozenset({
    "[]", "require", "fetch", "dig", "to_unsafe_h", "to_unsafe_hash", "except", "merge", "reverse_merge",
    "to_h", "to_hash", "with_indifferent_access", "deep_symbolize_keys", "symbolize_keys",
})
_ITERATORS = frozenset({
    "each", "map", "each_with_index", "flat_map", "each_with_object", "filter_map", "collect", "each_key",
    "each_value", "each_pair", "select", "reject", "find", "detect",
})
_SQL_BUILDER = ("_clause", "_conditions", "_condition", "_fragment")
_URL_KEYS = lazy_re(r"\b(?:host|domain|protocol|port|subdomain|script_name)\b")
_HASH_METHODS = frozenset({"merge", "except", "slice", "to_h", "reverse_merge", "with_indifferent_access"})
_PICKS = frozenset({"dig", "fetch", "[]", "slice", "values_at"})
"""Calls on `params` that pick a part of it: the part, not `params`, is named."""
_SANITIZING_METHODS = frozenset({
    "to_i", "to_f", "to_d", "to_r", "to_c", "to_sym", "id", "size", "length", "count", "present?", "blank?",
    "nil?", "empty?", "any?", "none?", "zero?", "positive?", "negative?", "include?", "is_a?", "kind_of?",
    "in?", "key?", "has_key?", "member?", "exists?", "quote", "quoted_table_name", "table_name",
    "primary_key", "quoted_primary_key", "quote_column_name", "quote_table_name", "quote_string",
    "sanitize_sql", "sanitize_sql_array", "sanitize_sql_for_conditions", "sanitize_sql_like",
    "sanitize_sql_for_order", "sanitize_sql_hash_for_conditions", "sanitize_sql_for_assignment",
    "quoted_id", "hash", "class", "persisted?", "new_record?", "valid?", "to_date", "to_time",
    "to_datetime", "iso8601", "strftime", "column_names", "attribute_names", "odd?", "even?",
    "abs", "round", "floor", "ceil", "presence_in", "sanitize", "escapeHTML", "escape_html", "h",
    "html_escape", "escape", "url_encode", "basename", "to_param", "parameterize", "shellescape", "shelljoin",
})
_PURE_TEXT = frozenset({
    "to_s", "join", "upcase", "downcase", "strip", "squish", "freeze", "first", "last", "capitalize",
    "titleize", "underscore", "camelize", "pluralize", "singularize", "dup", "lstrip", "rstrip", "chomp",
    "to_str", "inspect", "keys", "values", "sort", "uniq", "compact", "flatten", "reverse", "map",
    "gsub", "sub", "tr", "delete", "concat", "+", "format", "html_safe", "presence",
})
_NUMBER_KEEPING = frozenset({"clamp", "min", "max", "fdiv", "truncate", "succ", "pred", "+", "-", "*", "/",
                             "%", "abs"})
"""Methods of a number that give a number (with constant arguments)."""
_SAFE_FUNCTIONS = frozenset({"arel_table", "id",
                             "Integer", "Float", "Rational", "Complex", "quote", "sanitize_sql",
                             "sanitize_sql_array", "sanitize_sql_for_conditions", "sanitize_sql_like",
                             "sanitize_sql_for_order", "quote_column_name", "quote_table_name",
                             "quoted_table_name", "table_name", "primary_key", "quoted_primary_key"})
_DECODERS = {
    "Base64": frozenset({"decode64", "strict_decode64", "urlsafe_decode64"}),
    "CGI": frozenset({"unescape", "unescapeHTML"}),
    "URI": frozenset({"decode_www_form_component", "decode_uri_component"}),
    "Zlib": frozenset({"inflate", "gunzip"}), "Zlib::Inflate": frozenset({"inflate"}),
    "ActiveSupport::Gzip": frozenset({"decompress"}),
    "JSON": frozenset({"parse", "parse!"}), "ActiveSupport::JSON": frozenset({"decode"}),
}
"""Decoders of the standard library: what they return is still what the caller sent, only unwrapped."""
_ALLOW_CHECKS = frozenset({"include?", "member?", "key?", "has_key?", "in?", "match?", "match", "=~"})
_BRANCHES = frozenset({
    "if", "unless", "elsif", "else", "case", "when", "conditional", "if_modifier", "unless_modifier",
    "rescue", "rescue_modifier", "begin", "while", "until", "for",
})
_SCOPES = frozenset({"method", "singleton_method"})
_MAX_DEPTH = 120
"""Nesting beyond this (a generated 5,000-term concatenation) is unknown rather than a recursion error."""
_CONFIG_RECEIVERS = frozenset({"Rails", "Dir", "Shellwords", "Rails.application", "Rails.configuration"})
"""`Rails.root`, `Rails.env`, `Dir.tmpdir`, `Shellwords.escape(x)`: values code or deployment fix."""
_STATEMENT_PARENTS = frozenset({
    "body_statement", "then", "else", "begin", "program", "do_block", "block_body", "block", "do", "ensure",
    "when", "if_modifier", "unless_modifier",
})
_URI_PARSERS = frozenset({"parse", "join"})
_URL_PARTS = frozenset({"path", "request_uri", "query", "fragment", "path_query", "to_path"})
"""Parts of a parsed URL that hold no host: read as before URI parsing was followed (unknown)."""
_REQUEST_CLASSES = frozenset({"Rack::Request", "ActionDispatch::Request", "Sinatra::Request",
                              "Roda::RodaRequest"})
"""Classes whose `new(env)` wraps the Rack environment in a request object."""
_RACK_ENV_KEYS = lazy_re(r"^['\"](?:PATH_INFO|QUERY_STRING|REQUEST_URI|REQUEST_PATH|rack\.input|HTTP_\w+|"
                         r"CONTENT_TYPE|rack\.request\.(?:query_hash|form_hash))['\"]$")
"""Keys of the Rack environment whose values the client wrote (`env["PATH_INFO"]`, `env["HTTP_X_..."]`)."""
_OWN_URL_PARTS = frozenset({"url", "original_url", "fullpath", "original_fullpath", "path", "host", "domain"})
"""The page's own address on a request object made from a (possibly rewritten) Rack environment: not
what the caller sent as data."""
_ROUTE_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "link", "unlink"})
_RODA_MATCHERS = _ROUTE_VERBS | {"on", "is"}
_ROUTE_KEYS = frozenset({":action", ":controller", "'action'", "'controller'", '"action"', '"controller"'})
"""`params[:action]` and `params[:controller]` come from the router, not from the caller."""


class Flow:
    """Values of expressions in one tree, with each method's locals tracked by position."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.heredocs = heredoc_bodies(tree)
        self._history: dict[tuple[int, str], tuple[list[int], list[Value]]] = {}
        self._helpers: dict[str, Node] = {}
        self._helper_values: dict[str, Value] = {}
        self._depth = 0
        private = _private_methods(tree)
        private_calls: dict[str, list[Node]] = {}
        self._methods: dict[str, Node] = {}
        for node in tree.nodes:
            if node.type == "method" and node.child_by_field_name("parameters") is None:
                name = text(node.child_by_field_name("name"))
                if name:
                    self._helpers[name] = node
            elif node.type == "method":
                self._methods.setdefault(text(node.child_by_field_name("name")), node)
        self._route_blocks()
        for node in tree.nodes:
            if node.type == "call" and method_name(node) in private and _on_self(node):
                private_calls.setdefault(method_name(node), []).append(node)
            if node.type in {"method", "singleton_method"}:
                self._parameters(node)
            elif node.type == "call" and method_name(node) in _ITERATORS and receiver(node) is not None:
                self._block_over_constant(node)
            elif node.type in {"assignment", "operator_assignment"}:
                self._assign(node)
            elif node.type == "call" and method_name(node) in _ALLOW_CHECKS:
                self._allow_checked(node)
            elif node.type == "call" and _validating(tree, node):
                self._validated(node)
            elif node.type == "binary":
                operator = text(node.child_by_field_name("operator"))
                pattern = node.child_by_field_name("right")
                if operator in {"=~", "!~"} and not (pattern is not None and pattern.type == "regex"
                                                     and pins_scheme_only(_regex_text(pattern))):
                    self._mark(node.child_by_field_name("left"), node.end_byte)
                elif operator == "<<" and _type(tree.parent(node)) in _STATEMENT_PARENTS:
                    self._append(node)
        for name, calls in private_calls.items():
            self._bind_passed(private[name], calls)

    def _route_blocks(self) -> None:
        """Block parameters that a router fills from the request path: a Sinatra route's
        (`get "/files/:name" do |name|`), a Roda matcher's (`r.on "users", String do |slug|`: one per
        capturing matcher, a number for `Integer`), and Roda's request object (`route do |r|`)."""
        roda: set[str] = set()
        for node in self.tree.nodes:
            if node.type != "call":
                continue
            name = method_name(node)
            recv = receiver(node)
            block = node.child_by_field_name("block")
            parameters = block.child_by_field_name("parameters") if block is not None else None
            if parameters is None:
                continue
            names = [child for child in parameters.named_children if child.type == "identifier"]
            args = arguments(node)
            if name == "route" and recv is None and len(names) == 1 and not args:
                roda.add(text(names[0]))
                self._record(names[0], text(names[0]), parameters.end_byte,
                             Value(UNKNOWN, text(names[0]), request_object=True))
            elif recv is None and name in _ROUTE_VERBS and args and args[0].type in {"string", "regex"}:
                for param in names:
                    self._record(param, text(param), parameters.end_byte,
                                 Value(TAINTED, f"route parameter `{text(param)}`"))
            elif recv is not None and name in _RODA_MATCHERS and name_text(recv) in roda:
                captures = [a for a in args if a.type != "string" or any(
                    c.type == "interpolation" for c in a.named_children)]
                for index, param in enumerate(names):
                    number = index < len(captures) and text(captures[index]) == "Integer"
                    value = CONST if number else Value(TAINTED, f"path segment `{text(param)}`")
                    self._record(param, text(param), parameters.end_byte, value)

    def _bind_passed(self, method: Node, calls: list[Node]) -> None:
        """A private method is called only from its own class: a positional parameter that one of the
        file's calls passes request data to holds request data (`decode(params[:cursor])` ... `def
        decode(token)`), and the method's assignments are read again with it."""
        parameters = method.child_by_field_name("parameters")
        if parameters is None:
            return
        bound = False
        for index, parameter in enumerate(parameters.named_children):
            if parameter.type != "identifier":
                break  # optional, splat and keyword parameters: positions no longer line up
            passed = [self.value(args[index]) for call in calls
                      if len(args := arguments(call)) > index and args[index].type not in _NOT_POSITIONAL]
            tainted = next((value for value in passed if value.tainted), None)
            if tainted is not None:  # the value, not a hash of attributes the helper assigns as is
                self._record(parameter, text(parameter), parameters.end_byte,
                             replace(tainted, raw_params=False, permitted=False))
                bound = True
        if bound:  # the method's own nodes: a slice of the tree's, which are in document order
            nodes = self.tree.nodes
            first = bisect.bisect_right(nodes, method.start_byte, key=lambda n: n.start_byte)
            last = bisect.bisect_left(nodes, method.end_byte, key=lambda n: n.start_byte)
            for node in nodes[first:last]:
                if node.type in {"assignment", "operator_assignment"}:
                    self._assign(node)

    # --- locals ---------------------------------------------------------------------------------------

    def _assign(self, node: Node) -> None:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or right is None or left.type not in {"identifier", "instance_variable"}:
            return
        if _dead(self.tree, node):
            return
        value = self.value(right)
        name = text(left)
        previous = self._lookup(node, name, node.start_byte)
        if node.type == "operator_assignment" and text(node.child_by_field_name("operator")) in {"+=", "<<="}:
            joined = join([previous or Value(UNKNOWN, name), value])
            value = replace(joined, built=not joined.constant)  # `sql += "AND x = #{y}"`: text grows
        elif node.type == "operator_assignment" or self._in_branch(node):
            value = join([previous, value]) if previous is not None else value
        self._record(node, name, node.end_byte, value)

    def _parameters(self, method: Node) -> None:
        """A method's parameters hold what its callers pass: unknown, even when one is named `params`;
        constant when the default is a symbol or a number (`cursor_column: :id`: callers name a column),
        and the attribute name a Rails `validate_each` is given."""
        parameters = method.child_by_field_name("parameters")
        if parameters is None:
            return
        validator = text(method.child_by_field_name("name")) == "validate_each"
        for index, parameter in enumerate(parameters.named_children):
            name = parameter.child_by_field_name("name") if parameter.type != "identifier" else parameter
            if name is None:
                continue
            default = parameter.child_by_field_name("value")
            chosen = (default is not None and default.type in _LITERALS) or (validator and index == 1)
            value = CONST if chosen else Value(UNKNOWN, text(name))
            self._record(name, text(name), parameters.end_byte, value)

    def _block_over_constant(self, call: Node) -> None:
        """`EVENTS.each do |event| ... end`: the block's parameters take the constant's elements;
        `params[:ids].each do |id| ... end`: they take the request's elements, as sent."""
        block = call.child_by_field_name("block")
        parameters = block.child_by_field_name("parameters") if block is not None else None
        if parameters is None:
            return
        over = self.value(receiver(call))
        names = [name for name in _descendants(parameters) if name.type == "identifier"]
        if over.constant:
            element = CONST
        elif over.tainted:
            element = replace(over, built=False, raw_params=False, permitted=False)
            if method_name(call) in {"each_with_index", "each_with_object"}:
                names = names[:1]  # the index or the memo that follows is the code's own
        else:
            return
        for name in names:
            self._record(name, text(name), parameters.end_byte, element)

    def _append(self, node: Node) -> None:
        """`sql << " AND name = " + x`: the variable now also holds what was appended."""
        left = node.child_by_field_name("left")
        if left is None or left.type not in {"identifier", "instance_variable"}:
            return
        name = text(left)
        previous = self._lookup(node, name, node.start_byte) or Value(UNKNOWN, name)
        added = self.value(node.child_by_field_name("right"))
        joined = join([previous, added])
        built = previous.built or added.built or not added.constant
        self._record(node, name, node.end_byte, replace(joined, built=built and not joined.constant))

    def _allow_checked(self, call: Node) -> None:
        """`LIST.include?(x)` / `x.in?(LIST)` / `x.match?(/re/)`: `x` counts as checked from here on."""
        self._mark(_allow_checked_subject(call), call.end_byte)

    def _validated(self, call: Node) -> None:
        """A predicate in a condition (`if safe_url?(url)`, `unless params[:to].start_with?("/")`): its
        subject counts as checked from there on."""
        args = arguments(call)
        recv = receiver(call)
        if method_name(call) in {"start_with?", "end_with?"} and recv is not None:
            prefix = string_literal(args[0]) if args else None
            if prefix is None or (prefix.startswith("/") and not prefix.startswith("//")):
                self._mark(recv, call.end_byte)  # a path prefix or a configured host, not `"http"`
        elif len(args) == 1:
            self._mark(args[0], call.end_byte)

    def _mark(self, target: Node | None, position: int) -> None:
        if target is None or target.type not in {"identifier", "instance_variable", "element_reference"}:
            return
        parent = self.tree.parent(target)
        while parent is not None and parent.type not in _SCOPES:
            if parent.type in {"if_modifier", "unless_modifier"}:
                # `use(x) if ok?(x)`: checked before the body runs; `x = d unless ok?(x)`: and after it
                self._record(target, text(target), parent.end_byte, CONST)
                position = min(position, parent.start_byte)
                break
            if parent.type in {"body_statement", "then", "else"}:
                break
            parent = self.tree.parent(parent)
        self._record(target, text(target), position, CONST)

    def _record(self, node: Node, name: str, position: int, value: Value) -> None:
        key = (self._scope_id(node), name)
        positions, values = self._history.setdefault(key, ([], []))
        index = bisect.bisect_right(positions, position)
        positions.insert(index, position)
        values.insert(index, value)

    def _lookup(self, node: Node, name: str, position: int) -> Value | None:
        found = self._history.get((self._scope_id(node), name))
        if found is None:
            return None
        positions, values = found
        index = bisect.bisect_right(positions, position) - 1
        return values[index] if index >= 0 else None

    def _scope_id(self, node: Node) -> int:
        parent = self.tree.parent(node)
        while parent is not None:
            if parent.type in _SCOPES:
                return parent.start_byte
            parent = self.tree.parent(parent)
        return -1

    def _in_branch(self, node: Node) -> bool:
        parent = self.tree.parent(node)
        while parent is not None and parent.type not in _SCOPES:
            if parent.type in _BRANCHES:
                return True
            parent = self.tree.parent(parent)
        return False

    def _helper(self, name: str) -> Value | None:
        """A same-file method without parameters: constant when it returns constants or checks an
        allow-list."""
        if name not in self._helpers:
            return None
        if name not in self._helper_values:
            self._helper_values[name] = Value(UNKNOWN, name)  # guards recursion
            method = self._helpers[name]
            body = method.child_by_field_name("body")
            checks = body is not None and any(
                n.type == "call" and method_name(n) in {"include?", "in?", "member?", "key?"}
                for n in _descendants(body)
            )
            last = body.named_children[-1] if body is not None and body.named_children else None
            value = CONST if checks else self.value(last) if last is not None else Value(UNKNOWN, name)
            if value.tainted:  # `def search_params = params.require(:search).permit(:q)`: the request's
                kept = replace(value, source=f"{value.source} (through `{name}`)", raw_params=False)
                self._helper_values[name] = kept
            else:
                self._helper_values[name] = CONST if value.constant else Value(UNKNOWN, name)
        return self._helper_values[name]

    def _built_by(self, name: str, args: list[Node]) -> Value | None:
        """A call of a same-file method with positional parameters that is given request data: what the
        method's last expression gives when it is built from one of its parameters (`def order_clause(col)
        "ORDER BY #{col}" end`), as this call's argument makes it; None when it is not."""
        method = self._methods.get(name)
        parameters = method.child_by_field_name("parameters") if method is not None else None
        body = method.child_by_field_name("body") if method is not None else None
        if parameters is None or body is None or not body.named_children:
            return None
        names = []
        for parameter in parameters.named_children:
            if parameter.type != "identifier":
                return None  # optional, splat and keyword parameters: positions no longer line up
            names.append(text(parameter))
        if len(names) != len(args) or any(a.type in _NOT_POSITIONAL for a in args):
            return None
        passed = [self.value(a) for a in args]
        if not any(value.tainted for value in passed):
            return None
        last = self.value(body.named_children[-1])
        if last.level == UNKNOWN and last.source in names:
            given = passed[names.index(last.source)]
            if given.tainted:
                return replace(given, built=given.built or last.built, raw_params=False, permitted=False)
            return None
        return last if last.tainted else None

    # --- values ---------------------------------------------------------------------------------------

    def value(self, node: Node | None) -> Value:
        """What `node` holds at its position in its method."""
        if node is None or self._depth > _MAX_DEPTH:
            return Value(UNKNOWN, self.tree.head(node) if node is not None else "")
        self._depth += 1
        try:
            return self._value(node)
        finally:
            self._depth -= 1

    def _value(self, node: Node) -> Value:
        kind = node.type
        if kind in _LITERALS:
            return CONST
        if kind in {"string", "subshell", "delimited_symbol", "heredoc_beginning", "heredoc_body"}:
            return self._string(node)
        if kind == "chained_string":  # "SELECT ..." \ "WHERE a = #{b}"
            parts = [self._string(part) for part in node.named_children]
            joined = join(parts)
            fixed = bool(parts) and parts[0].fixed_start
            return replace(joined, built=not joined.constant, fixed_start=fixed)
        if kind == "identifier":
            return self._identifier(node)
        if kind == "instance_variable":
            found = self._lookup(node, text(node), node.start_byte)
            return found if found is not None else self._unseen(node)
        if kind == "element_reference":
            checked = self._lookup(node, text(node), node.start_byte)
            if checked is not None:
                return checked
            obj = node.child_by_field_name("object")
            if obj is not None and obj.type in {"constant", "scope_resolution"}:
                return CONST
            inner = self.value(obj)
            keys = [c for c in node.named_children if c != obj]
            if obj is not None and text(obj) == "env" and len(keys) == 1 \
                    and _RACK_ENV_KEYS.match(text(keys[0])):
                return Value(TAINTED, self.tree.head(node))  # a Rack app's environment: the client's request
            if inner.tainted and text(obj) == "params" and keys and text(keys[0]) in _ROUTE_KEYS:
                return CONST
            if inner.tainted:  # a value picked from request data is as the caller sent it
                picked = self.tree.head(node)
                return replace(inner, source=picked, built=False, raw_params=True, permitted=False)
            return inner if inner.constant else Value(UNKNOWN, self.tree.head(node))
        if kind == "call":
            return self._call(node)
        if kind == "binary":
            return self._binary(node)
        if kind == "conditional":
            condition = node.child_by_field_name("condition")
            consequence = node.child_by_field_name("consequence")
            subject = None
            if condition is not None and condition.type == "call" and method_name(condition) in _ALLOW_CHECKS:
                subject = _allow_checked_subject(condition)
            # `SORTS.include?(params[:sort]) ? params[:sort] : "name"`: the branch taken when the check holds
            # gives a value of the list (read before the pass over the method reaches the check)
            chosen = subject is not None and consequence is not None and text(subject) == text(consequence)
            return join([CONST if chosen else self.value(consequence),
                         self.value(node.child_by_field_name("alternative"))])
        if kind in {"parenthesized_statements", "begin_block", "then", "else"}:
            children = node.named_children
            return self.value(children[-1]) if children else CONST
        if kind in {"array", "argument_list"}:
            return join([self.value(c) for c in node.named_children])
        if kind == "hash":
            return join([self.value(p.child_by_field_name("value")) for p in node.named_children
                         if p.type == "pair"])
        if kind == "pair":
            return self.value(node.child_by_field_name("value"))
        if kind == "unary":
            operator = text(node.child_by_field_name("operator"))
            if operator in {"!", "not", "defined?"}:
                return CONST
            return self.value(node.child_by_field_name("operand"))
        if kind in {"splat_argument", "block_argument"}:
            children = node.named_children
            return self.value(children[0]) if children else Value(UNKNOWN)
        if kind == "interpolation":
            children = node.named_children
            return self.value(children[-1]) if children else CONST
        return Value(UNKNOWN, self.tree.head(node))

    def _string(self, node: Node) -> Value:
        if node.type == "heredoc_beginning":
            body = self.heredocs.get(node.start_byte)
            if body is None:
                return Value(UNKNOWN, self.tree.head(node))
            node = body
        parts = [c for c in node.named_children if c.type == "interpolation"]
        value = join([self.value(p) for p in parts])
        fixed = _fixed_start(node)
        if value.constant:
            return Value(SAFE, fixed_start=fixed)
        first = node.named_children[0] if node.named_children else None
        chosen = first is not None and first.type == "interpolation" and not self.value(first).tainted
        return replace(value, built=True, raw_params=False, fixed_start=fixed, code_start=chosen,
                       parsed_url=False)

    def _identifier(self, node: Node) -> Value:
        name = text(node)
        found = self._lookup(node, name, node.start_byte)
        if found is not None:
            return found
        if name == "params":
            return Value(TAINTED, "params", raw_params=True)
        if name == "cookies":
            return Value(TAINTED, "cookies")
        if name in _SAFE_FUNCTIONS or _quoting(name):
            return CONST
        helper = self._helper(name)
        return helper if helper is not None else self._unseen(node)

    def _unseen(self, node: Node) -> Value:
        """A variable with no assignment in view: unknown, unless this is a hunk that starts inside the
        method, where the assignment or the check that makes it safe may lie above the hunk (then it is not
        judged, so a fragment never reports what the whole file would not)."""
        if not self.tree.whole_file and self._scope_id(node) == -1:
            return CONST
        return Value(UNKNOWN, text(node))

    def _call(self, node: Node) -> Value:
        name = method_name(node)
        recv = receiver(node)
        args = arguments(node)
        if name in _SANITIZING_METHODS or (recv is None and name in _SAFE_FUNCTIONS) or _quoting(name):
            return CONST
        if ("sql" in name or name.endswith(_SQL_BUILDER)) and all(self.value(a).constant for a in args):
            return CONST  # SQL a builder of the code base makes from constants (`sql_for_area("lat")`)
        if recv is None:
            if name in {"params", "cookies"}:
                return Value(TAINTED, name, raw_params=name == "params")
            if name == "declared" and args:  # Grape's `declared(params)`: the declared part of the request,
                given = self.value(args[0])  # its keys limited as `permit` limits them
                return replace(given, raw_params=False) if given.tainted else given
            if name in {"url_for", "URI", "Array", "String"} and args:
                target = self.value(args[0])
                if name == "URI" and target.tainted:
                    return replace(target, parsed_url=True)
                return CONST if name == "url_for" and target.permitted else target
            if name in {"format", "sprintf"}:
                value = join([self.value(a) for a in args])
                fixed = bool(args) and _fixes_destination((string_literal(args[0]) or "").split("%", 1)[0])
                return CONST if value.constant else replace(value, built=True, fixed_start=fixed)
            helper = self._helper(name) if not args else self._built_by(name, args)
            return helper if helper is not None else Value(UNKNOWN, self.tree.head(node))
        if name == "fetch" and text(recv) == "env" and args and _RACK_ENV_KEYS.match(text(args[0])):
            return Value(TAINTED, self.tree.head(node))  # `env.fetch("HTTP_X_TOKEN", "")`, as `env[...]`
        if name_text(recv) in _CONFIG_RECEIVERS:
            return CONST
        if name in _REQUEST_PARTS and (name_text(recv) == "request" or (
                name not in _OWN_URL_PARTS and recv.type == "identifier"
                and self.value(recv).request_object)):
            return Value(TAINTED, self.tree.head(node))
        if name == "new" and name_text(recv).removeprefix("::") in _REQUEST_CLASSES:
            return Value(UNKNOWN, self.tree.head(node), request_object=True)
        if name == "sql" and name_text(recv) == "Arel":
            return self.value(args[0]) if args else CONST
        if name in _URI_PARSERS and name_text(recv).removeprefix("::") == "URI" and args:
            parsed = self.value(args[0])
            return replace(parsed, parsed_url=True) if parsed.tainted else parsed
        if args and name in _DECODERS.get(name_text(recv).removeprefix("::"), ()):
            decoded = self.value(args[0])
            return replace(decoded, raw_params=False, permitted=False) if decoded.tainted else decoded
        if name == "fetch" and args and recv.type in {"constant", "scope_resolution"} \
                and all(self.value(a).constant for a in args[1:]):
            return CONST  # `SORTS.fetch(params[:sort], "name")`: one of the table's values, or the default
        if name in {"map", "collect"} and not args and self._block_gives_constant(node):
            return CONST  # `filters.map { "(?, ?)" }`: one bind-marker group per element, nothing of them
        inner = self.value(recv)
        if inner.tainted and inner.parsed_url and name in _URL_PARTS:
            return Value(UNKNOWN, self.tree.head(node))
        if inner.tainted:
            raw = inner.raw_params and name in _RAW_PARAMS_METHODS
            permitted = (name == "permit" and not _URL_KEYS.search(self.tree.head(node, 400))) or (
                inner.permitted and name in _HASH_METHODS
            )
            inner = replace(inner, permitted=permitted)
            source = self.tree.head(node) if name in _PICKS else inner.source
            return replace(inner, raw_params=raw, built=inner.built and name in _PURE_TEXT, source=source)
        if inner.constant and not args and recv.type not in {"constant", "scope_resolution", "self"}:
            return CONST  # a property of a constant value (`arel_table.name`)
        if inner.constant and name in _NUMBER_KEEPING and all(self.value(a).constant for a in args):
            return CONST  # `params[:limit].to_i.clamp(1, 100)`: still a number
        if inner.constant and name in _PURE_TEXT:
            rest = join([self.value(a) for a in args])
            return rest if not rest.constant else CONST
        if name in {"+", "concat", "<<"} or (name in _PURE_TEXT and inner.built):
            joined = join([inner, *[self.value(a) for a in args]])
            return replace(joined, built=joined.built or not joined.constant)
        return Value(UNKNOWN, self.tree.head(node))

    def _block_gives_constant(self, call: Node) -> bool:
        """Whether the block of `call` has no parameters and its last expression is a constant."""
        block = call.child_by_field_name("block")
        if block is None or any(c.type == "block_parameters" for c in block.named_children):
            return False
        body = next((c for c in block.named_children if c.type in {"block_body", "body_statement"}), None)
        last = body.named_children[-1] if body is not None and body.named_children else None
        return last is not None and self.value(last).constant

    def _binary(self, node: Node) -> Value:
        operator = text(node.child_by_field_name("operator"))
        left = self.value(node.child_by_field_name("left"))
        right = self.value(node.child_by_field_name("right"))
        if operator in {"+", "<<", "%"}:
            joined = join([left, right])
            sides = (node.child_by_field_name("left"), node.child_by_field_name("right"))
            stringy = any(_is_string(side) for side in sides)
            built = joined.built or (stringy and not joined.constant)
            chosen = left.code_start or (not left.tainted and not _is_string(sides[0]))
            fixed = left.fixed_start
            if operator == "%":  # `"https://%s/x" % host`: only text before the first `%` is fixed
                fixed = _fixes_destination((string_literal(sides[0]) or "").split("%", 1)[0])
            return replace(joined, built=built, fixed_start=fixed, raw_params=False,
                           code_start=chosen, parsed_url=False)
        if operator in {"||", "or", "&&", "and"}:
            return join([left, right])
        if operator in {"-", "*", "/", "**"}:
            return CONST if left.constant and right.constant else Value(UNKNOWN, self.tree.head(node))
        return CONST  # comparisons give booleans


_NOT_POSITIONAL = frozenset({"pair", "splat_argument", "hash_splat_argument", "block_argument"})


def _allow_checked_subject(call: Node) -> Node | None:
    """What an allow-list check (`LIST.include?(x)`, `x.in?(LIST)`, `x.match?(/re/)`) checks: `x`; the
    parsed URL for a check of its host (`ALLOWED_HOSTS.include?(uri.host)`: the URL is then a fetch target
    the code chose among); None for a pattern that pins only a URL's scheme (the host is still the
    caller's)."""
    name = method_name(call)
    args = arguments(call)
    on_receiver = name in {"in?", "match?", "match"}
    target = receiver(call) if on_receiver else args[0] if args else None
    pattern = args[0] if on_receiver and args else receiver(call) if name in {"match?", "match"} else None
    if pattern is not None and pattern.type == "regex" and pins_scheme_only(_regex_text(pattern)):
        return None
    if target is not None and target.type == "call" and method_name(target) in {"host", "hostname"}:
        target = receiver(target)
    return target


def _private_methods(tree: Tree) -> dict[str, Node]:
    """The methods of the tree's classes declared private: after a bare `private` in the class body (or at
    the top of a hunk cut from one), or written `private def name`."""
    found: dict[str, Node] = {}
    for node in tree.nodes:
        if node.type == "program" or (node.type == "body_statement"
                                      and _type(tree.parent(node)) in {"class", "module"}):
            private = False
            for child in node.named_children:
                if child.type == "identifier" and text(child) in {"private", "public", "protected"}:
                    private = text(child) == "private"
                elif child.type == "method" and private:
                    found[text(child.child_by_field_name("name"))] = child
        elif node.type == "call" and method_name(node) == "private" and receiver(node) is None:
            args = arguments(node)
            if args and args[0].type == "method":
                found[text(args[0].child_by_field_name("name"))] = args[0]
        elif node.type == "call" and method_name(node) == "helpers" and receiver(node) is None \
                and node.child_by_field_name("block") is not None:
            # Sinatra's `helpers do ... end`: methods for this app's routes and views, called from this file
            block = node.child_by_field_name("block")
            for method in _descendants(block) if block is not None else []:
                if method.type == "method":
                    found[text(method.child_by_field_name("name"))] = method
    return found


def _on_self(call: Node) -> bool:
    recv = receiver(call)
    return recv is None or recv.type == "self"


def _type(node: Node | None) -> str:
    return node.type if node is not None else ""


def _regex_text(node: Node) -> str:
    """The pattern of a regex literal, without its delimiters and flags."""
    return "".join(text(child) for child in node.named_children if child.type == "string_content")


_FILE_QUERIES = frozenset({"File", "::File", "Dir", "::Dir", "FileTest", "Pathname"})
"""`File.exist?(path)`, `File.file?(path)`: a test that a path exists says nothing of where it points."""


def _validating(tree: Tree, call: Node) -> bool:
    """A predicate call in the condition of an `if`/`unless` (or its modifier form, or a guard `&&`)."""
    name = method_name(call)
    if not name.endswith("?") or name in _SANITIZING_METHODS - {"include?", "in?"}:
        return False
    if name_text(receiver(call)) in _FILE_QUERIES:
        return False
    child = call
    parent = tree.parent(call)
    for _ in range(8):  # a condition is a short way up (a chain of calls is not walked to its end)
        if parent is None or parent.type not in {"binary", "unary", "parenthesized_statements", "call"}:
            break
        child, parent = parent, tree.parent(parent)
    if parent is None or parent.type not in {"if", "unless", "elsif", "if_modifier", "unless_modifier"}:
        return False
    return parent.child_by_field_name("condition") == child


def _dead(tree: Tree, node: Node) -> bool:
    """Is `node` in a branch that never runs (`if true ... else <here>`, `if false <here> end`)?"""
    child = node
    parent = tree.parent(node)
    while parent is not None and parent.type not in _SCOPES:
        if parent.type in {"if", "unless", "elsif"}:
            condition = text(parent.child_by_field_name("condition"))
            if condition in {"true", "false"}:
                runs_then = (condition == "true") == (parent.type != "unless")
                in_then = parent.child_by_field_name("consequence") == child
                in_else = parent.child_by_field_name("alternative") == child
                if (in_then and not runs_then) or (in_else and runs_then):
                    return True
        child = parent
        parent = tree.parent(parent)
    return False


def _quoting(name: str) -> bool:
    """Quoting and sanitizing helpers by their name: `quote_schema_name`, `sanitize_sql_like`, ..."""
    return name.startswith(("quote", "quoted_", "sanitize", "escape"))


def _descendants(node: Node) -> list[Node]:
    return list(walk(node))


def _is_string(node: Node | None) -> bool:
    return node is not None and node.type in {"string", "heredoc_beginning"}


def _fixed_start(node: Node) -> bool:
    """Does the literal start of a string fix its destination (a path `/x`, or `scheme://host/`)?"""
    first = node.named_children[0] if node.named_children else None
    if first is None or first.type != "string_content":
        return False
    return _fixes_destination(text(first))


def _fixes_destination(start: str) -> bool:
    """Does literal text at the start of a URL fix where it points (a path `/x`, or `scheme://host/`)?"""
    if "://" in start:
        return "/" in start.split("://", 1)[1]
    return start.startswith("/") and len(start) > 1 and start[1] not in "/\\"



_FLOWS: dict[int, tuple[Tree, Flow]] = {}


def flow_of(tree: Tree) -> Flow:
    """The flow of `tree`, built once (the Ruby checks of one file share it)."""
    cached = _FLOWS.get(id(tree))
    if cached is not None and cached[0] is tree:
        return cached[1]
    flow = Flow(tree)
    if len(_FLOWS) > 16:
        _FLOWS.clear()
    _FLOWS[id(tree)] = (tree, flow)
    return flow
