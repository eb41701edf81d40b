"""Security checks for Ruby and Rails application code (controllers, models, jobs, middleware).

SQL fragments and shell commands built by interpolation, request data that picks a redirect target, a class,
a method, a file or a template, HTML marked safe, and `params` assigned in bulk. Values are judged within
their method (`_ruby_flow`): a constant, an integer, a quoted value or an allow-listed name is no finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from persona_review.checks._ruby import (
    Tree,
    arguments,
    has_block,
    method_name,
    name_text,
    option_key,
    pair_value,
    receiver,
    ruby_check,
    short,
    string_literal,
    text,
    trees,
)
from persona_review.checks._ruby_entry import placed_where_built
from persona_review.checks._ruby_flow import Flow, Value, flow_of
from persona_review.checks._sql import looks_like_sql
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node

_SEC = Category.SECURITY


def _call_hit(tree: Tree, call: Node, message: str) -> Hit:
    """A hit from the called method's name to the end of the call (a chain's receiver lines are not the
    call's)."""
    name = call.child_by_field_name("method")
    start = name if name is not None else call
    first = tree.line(start)
    last = tree.first + call.end_point.row
    return Hit(first, last if last > first else None, message)


def _flow_calls(ctx: FileContext) -> Iterator[tuple[Tree, Flow, Node, str]]:
    """Every method call of the file's trees, with its tree, the flow of values in that tree and the
    method's name."""
    for tree in trees(ctx):
        flow = flow_of(tree)
        for node in tree.nodes:
            if node.type == "call":
                yield tree, flow, node, method_name(node)


def _graded(hit: Hit, value: Value) -> Hit:
    """A hit at its check's severity when the value comes from the request, one step lower when its origin
    is unknown."""
    return hit if value.tainted else replace(hit, severity=Severity.MEDIUM)


def _origin(value: Value) -> str:
    return f"request data `{value.source}`" if value.tainted else f"`{value.source}`"


# --- SQL ---------------------------------------------------------------------------------------------

_FRAGMENT_METHODS = frozenset({
    "where", "not", "rewhere", "having", "joins", "from", "find_by", "find_by!", "exists?", "find_by_sql",
    "count_by_sql", "delete_all", "destroy_all", "update_all", "order", "reorder", "group", "pluck",
    "select", "lock", "distinct", "calculate", "average", "sum", "minimum", "maximum", "sql", "in_order_of",
    "order_by", "regroup", "reselect", "unscope", "count", "find_or_create_by", "find_or_create_by!",
    "find_or_initialize_by", "create_or_find_by", "create_or_find_by!", "destroy_by", "delete_by",
    "sanitize_sql", "sanitize_sql_array", "sanitize_sql_for_conditions",
})
_CONNECTION_METHODS = frozenset({
    "execute", "exec_query", "select_all", "select_one", "select_value", "select_values", "select_rows",
    "exec_update", "exec_delete", "exec_insert", "exec_params", "query", "async_exec", "exec",
})
_CONNECTION = lazy_re(r"connection|(?:^|\.)(?:conn|db|pg|mysql|client)$")
_SEQUEL_DB = lazy_re(r"(?:^|\.|::)(?:db|DB)$")
"""A Sequel database (`DB`, `Sequel::Model.db`; Sinatra, Hanami, Roda apps): `DB.fetch(sql)`, `DB.run(sql)`
and `DB[sql]` run the text as SQL."""
_SEQUEL_METHODS = frozenset({"fetch", "run", "execute", "execute_ddl", "execute_dui", "execute_insert"})
_DIRECT_TAINT = frozenset({
    "order", "reorder", "group", "pluck", "select", "joins", "from", "having", "find_by_sql", "count_by_sql",
    "sql", "lock", "calculate", "average", "sum", "minimum", "maximum", "regroup", "reselect",
    *_CONNECTION_METHODS,
})
"""Methods whose argument is SQL text even when it is passed as is (a column name, an ORDER BY clause)."""
_CONDITION_KEYS = ("conditions", "order", "group", "having", "select", "joins", "from")
_FINDERS = frozenset({"find", "all", "first", "last", "count", "paginate", "find_each", "find_in_batches",
                      "calculate", "sum", "scoped", "with_scope", "exists?", "update_all", "delete_all",
                      "named_scope", "default_scope", "find_all_by_id"})


@ruby_check(
    "RB-SQL-INTERPOLATION", "SEC-01", _SEC, Severity.HIGH,
    title="SQL fragment built by interpolation",
    explanation=(
        "Active Record runs string fragments (`where`, `order`, `find_by_sql`, `execute`, ...) as raw "
        "SQL, so a value interpolated into them can rewrite the query. Use placeholders (`where(\"name = "
        "?\", name)`) or hash conditions; for a column or direction, map the input to an allow-list first."
    ),
    needs=r"#\{|params|cookies|request|\+|<<|%|format",
)
def sql_interpolation(ctx: FileContext) -> Iterator[Hit]:
    for tree, flow, node, name in _flow_calls(ctx):
        args = arguments(node)
        if not args:
            continue
        found: tuple[Node, Value] | None = None
        if (name in _FRAGMENT_METHODS or name == "new") and _is_query(node, name):
            found = _unsafe_sql(flow, args[1] if name == "calculate" and len(args) > 1 else args[0],
                                name)
            if found is None and name == "update_all" and len(args) > 1:
                found = _unsafe_sql(flow, args[1], name)  # update_all(updates, conditions)
        elif name in _CONNECTION_METHODS and _CONNECTION.search(name_text(receiver(node))):
            found = _unsafe_sql(flow, args[0], name)
        elif name in _SEQUEL_METHODS and _SEQUEL_DB.search(name_text(receiver(node))) \
                and looks_like_sql(text(args[0])):
            found = _unsafe_sql(flow, args[0], "execute")
        elif name == "lit" and name_text(receiver(node)).removeprefix("::") == "Sequel":
            found = _unsafe_sql(flow, args[0], "sql")  # `Sequel.lit` exists to mark its text as SQL
        if found is None and name in _FINDERS:
            found = _unsafe_options(flow, node)
        if found is not None:
            part, value = found
            how = "is interpolated into" if value.built else "is passed as"
            hit = _call_hit(tree, node, f"{_origin(value)} {how} the SQL of `{name}`"
                                        f"{'' if part is args[0] else ' (' + short(part, 30) + ')'}.")
            yield _graded(placed_where_built(ctx, tree, hit, part), value)
    yield from _sequel_datasets(ctx)


def _sequel_datasets(ctx: FileContext) -> Iterator[Hit]:
    """`DB["SELECT ... #{params[:q]}"]`: a Sequel dataset made from SQL text."""
    for tree in trees(ctx):
        flow = flow_of(tree)
        for node in tree.nodes:
            if node.type != "element_reference" or not node.named_children:
                continue
            first = node.named_children[0]
            if not _SEQUEL_DB.search(name_text(first)) or len(node.named_children) < 2 \
                    or not looks_like_sql(text(node.named_children[1])):
                continue
            found = _unsafe_sql(flow, node.named_children[1], "execute")
            if found is not None:
                yield _graded(tree.hit(node, f"{_origin(found[1])} is interpolated into the SQL of "
                                             f"`{name_text(first)}[...]`."), found[1])


_AMBIGUOUS_BARE = frozenset({"sum", "count", "not", "exec", "query"})
"""Rarely queries without a receiver (while `order(...)` or `select(...)` in a model scope are)."""


def _unsafe_options(flow: Flow, call: Node) -> tuple[Node, Value] | None:
    """An SQL option of an old-style finder (`find(:all, conditions: "...")`, `with_scope(find: {...})`,
    `named_scope :x, conditions: ...`), at any depth of its option hashes."""
    args = call.child_by_field_name("arguments")
    stack = list(args.named_children) if args is not None else []
    while stack:
        node = stack.pop()
        if node.type == "pair" and option_key(node) in _CONDITION_KEYS:
            value = node.child_by_field_name("value")
            found = _unsafe_sql(flow, value, "find") if value is not None else None
            if found is not None:
                return found
            continue
        if node.type in {"pair", "hash", "lambda", "block", "block_body", "body_statement"}:
            stack.extend(node.named_children)
    return None


_NOT_A_TABLE = lazy_re(
    r"(?i)(?:^|[.:$@])(?:redis|\w+_redis|redis_\w+|cache|rails\.cache|memcache\w*|dalli|file|dir|pathname|"
    r"fileutils)$"
)
"""Receivers whose `exists?`, `select` or `count` are no query: a Redis client, a cache, the file system."""


def _is_query(call: Node, name: str) -> bool:
    """Is this a query method and not its Enumerable namesake (`select { ... }`, `sum(&:x)`)?"""
    if has_block(call):
        return False
    recv = receiver(call)
    if name == "sql":
        return name_text(recv) == "Arel"
    if name == "new":
        return name_text(recv).endswith("SqlLiteral")
    if recv is None and name in _AMBIGUOUS_BARE:
        return False  # a bare `sum(...)` or `count(...)` is Enumerable's
    if recv is not None and _NOT_A_TABLE.search(name_text(recv)):
        return False  # `redis.exists?(key)`, `File.exists?(path)`: a key or a path, no SQL
    return name != "not" or (recv is not None and method_name(recv) == "where")


def _unsafe_sql(flow: Flow, arg: Node, name: str) -> tuple[Node, Value] | None:
    if arg.type == "array" and arg.named_children:
        arg = arg.named_children[0]  # ["name = ?", value]: the first element is the SQL
    if arg.type in {"pair", "hash", "simple_symbol", "hash_key_symbol", "block_argument", "splat_argument"}:
        return None
    value = flow.value(arg)
    if value.constant:
        return None
    if value.built:
        return arg, value
    if value.tainted and (name in _DIRECT_TAINT or value.raw_params):
        return arg, value
    return None


# --- shell -------------------------------------------------------------------------------------------

_SHELL_FUNCTIONS = frozenset({"system", "exec", "spawn", "`"})
_SHELL_METHODS = {"IO": {"popen"}, "Open3": {"capture2", "capture2e", "capture3", "popen2", "popen2e",
                                           "popen3", "pipeline", "pipeline_r", "pipeline_w", "pipeline_rw",
                                           "pipeline_start"},
                  "POSIX::Spawn": {"spawn", "popen4"},
                  "Process": {"spawn"}, "Kernel": {"system", "exec", "spawn", "open"}, "PTY": {"spawn"}}


@ruby_check(
    "RB-SHELL-INTERPOLATION", "SEC-02", _SEC, Severity.HIGH,
    title="Shell command built by interpolation",
    explanation=(
        "A command given as one string runs through `/bin/sh`, so `;`, `|` or `$(...)` in an interpolated "
        "value run commands of the caller's choice. Pass the program and its arguments separately "
        "(`system(\"convert\", src, dst)`, `Open3.capture2(\"git\", \"log\", ref)`) and add `--` "
        "before paths."
    ),
    needs=r"system|exec|spawn|`|popen|Open3|%x|capture|pipeline",
)
def shell_interpolation(ctx: FileContext) -> Iterator[Hit]:
    for tree in trees(ctx):
        flow = flow_of(tree)
        for node in tree.nodes:
            if node.type == "subshell":
                value = flow.value(node)
                if not value.constant:
                    yield tree.hit(node, f"{_origin(value)} is interpolated into a backtick command.")
                continue
            if node.type != "call":
                continue
            name = method_name(node)
            recv = receiver(node)
            if recv is not None and name.startswith("pipeline") and name_text(recv) == "Open3":
                args = [a for a in arguments(node) if a.type == "array"]
                script = next((v for a in args for v in [_shell_script(flow, "system", a.named_children)]
                               if v is not None), None)
                if script is not None:
                    yield _call_hit(tree, node, f"{_origin(script)} reaches the shell through `{name}`.")
            if not (
                (recv is None and name in _SHELL_FUNCTIONS)
                or (recv is not None and name in _SHELL_METHODS.get(name_text(recv).lstrip(":"), ()))
            ):
                continue
            script = _shell_script(flow, name, [a for a in arguments(node) if a.type not in {"pair", "hash"}])
            if script is not None:
                hit = _call_hit(tree, node, f"{_origin(script)} reaches the shell through `{name}`.")
                yield _graded(hit, script)


_SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh", "/bin/sh", "/bin/bash", "/usr/bin/env"})


def _shell_script(flow: Flow, name: str, args: list[Node]) -> Value | None:
    """The value of the text a shell interprets, when it is not constant: the one command string, any
    command string of a pipeline, or the script after `sh -c`."""
    if name.startswith("pipeline"):
        candidates = [a for a in args if a.type != "array"]
    elif len(args) == 1:
        candidates = args
    else:
        words = [string_literal(a) for a in args]
        dash_c = next((i for i, w in enumerate(words) if w == "-c"), None)
        if dash_c is None or words[0] not in _SHELLS:
            return None
        candidates = args[dash_c + 1 : dash_c + 2]
        for arg in args:
            if arg.type == "array":
                candidates.extend(_after_dash_c(arg))
    for arg in candidates:
        value = flow.value(arg)
        if value.built or value.tainted:
            return value
    return None


def _after_dash_c(array: Node) -> list[Node]:
    items = array.named_children
    words = [string_literal(i) for i in items]
    return items[words.index("-c") + 1 :][:1] if "-c" in words and words[0] in _SHELLS else []


# --- mass assignment ---------------------------------------------------------------------------------

_ASSIGNING = frozenset({
    "new", "create", "create!", "update", "update!", "update_attributes", "update_attributes!",
    "assign_attributes", "attributes=", "build", "first_or_create", "first_or_create!", "first_or_initialize",
    "first_or_initialize!",
    "insert", "insert!", "upsert", "insert_all", "upsert_all", "update_columns", "create_with",
})
_NOT_MODEL_SUFFIXES = (
    "Component", "Service", "Form", "Job", "Mailer", "Presenter", "Serializer", "Decorator", "Query",
    "Command", "Error", "Exception", "Client", "Worker", "Policy", "Builder",
)

_NOT_MODELS = frozenset({"Date", "Time", "DateTime", "URI", "File", "Regexp", "Struct", "Set", "Hash",
                         "Array", "String", "Logger", "Thread", "OpenStruct", "BigDecimal", "Pathname",
                         "Tempfile", "StringIO", "Proc", "Class", "Module", "Mutex", "Queue", "Range"})


@ruby_check(
    "RB-MASS-ASSIGNMENT", "SEC-00", _SEC, Severity.HIGH,
    title="Request parameters assigned to a model without an allow-list",
    explanation=(
        "Every attribute the request names is written to the record, including `admin`, `role` or "
        "`account_id`, so a user can promote themselves or move records between accounts. Allow the exact "
        "keys with `params.require(:user).permit(:name, :email)` and never call `permit!`."
    ),
    needs=r"permit|params|without_protection",
)
def mass_assignment(ctx: FileContext) -> Iterator[Hit]:
    self_service = _self_service_controller(ctx)
    for tree in trees(ctx):
        flow = flow_of(tree)
        for node in tree.nodes:
            if node.type == "call" and method_name(node) == "permit!":
                yield _call_hit(tree, node, f"`{short(node, 40)}` allows every attribute the request sends.")
                continue
            if node.type == "call" and method_name(node) == "permit" and self_service:
                privileged = _privileged_keys(node)
                if privileged:
                    keys = ", ".join(f"`:{key}`" for key in privileged)
                    yield _call_hit(tree, node, (
                        f"The user's own parameters allow {keys}: any user can send "
                        f"`{privileged[0]}` with the form and change their role or move to another account "
                        "or tenant. Leave these out of the self-service allow-list and set them in admin "
                        "code that checks who may."))
                    continue
            if node.type == "assignment":
                left = node.child_by_field_name("left")
                setting = method_name(left) if left is not None and left.type == "call" else ""
                if setting == "permit_all_parameters" and text(node.child_by_field_name("right")) == "true":
                    yield tree.hit(node, "`permit_all_parameters = true` turns strong parameters off.")
                    continue
                if left is not None and left.type == "call" and method_name(left) == "attributes":
                    value = flow.value(node.child_by_field_name("right"))
                    if value.raw_params:
                        yield tree.hit(node, f"`{value.source}` is assigned to `{short(left, 30)}` as is.")
                continue
            if node.type != "call" or method_name(node) not in _ASSIGNING:
                continue
            if _option_is(arguments(node), "without_protection", "true"):
                yield _call_hit(tree, node, "`without_protection: true` lets the request set any attribute.")
                continue
            recv = receiver(node)
            model = name_text(recv).lstrip(":")
            if recv is None or model in _NOT_MODELS or model.endswith(_NOT_MODEL_SUFFIXES):
                continue
            args = arguments(node)
            if method_name(node) in {"update", "update!"} and recv.type == "constant" and len(args) > 1:
                args = args[1:]  # Model.update(id, attributes)
            if len(args) != 1 or args[0].type in {"hash", "pair"}:
                continue  # `Search.new(params[:q], page: 2)`: a value and options, not a record's attributes
            value = flow.value(args[0])
            source = value.source
            whole = source == "params" or (source.startswith("params[") and not _an_id(source))
            if value.raw_params and whole:
                message = f"`{value.source}` goes to `{method_name(node)}` without `permit`."
                yield _call_hit(tree, node, message)


_PRIVILEGED = lazy_re(
    r"^(?:roles?|role_ids?|admin|is_admin|superuser|super_admin|is_superuser|staff|is_staff|permissions|"
    r"account_id|organization_id|org_id|tenant_id|company_id|workspace_id)$"
)
"""Attributes no user sets on their own record: a role or admin flag, and the account or tenant it is in."""
_SELF_KEYS = frozenset({"user", "profile", "account", "member", "me", "current_user", "registration",
                        "person"})
_SELF_SERVICE_PATH = lazy_re(
    r"(?:^|/)app/controllers/(?:[\w/]*/)?(?:profiles?|settings|registrations|accounts?|me|preferences|"
    r"users/registrations|my_\w+)(?:_controller\.rb$|/)"
)
_ADMIN_CONTEXT = lazy_re(r"(?i)\badmin\b|::Admin|Admin::|authorize\b|\bcan\?|policy|pundit|cancan")


def _self_service_controller(ctx: FileContext) -> bool:
    """A controller where users edit their own record: by its place (`settings/`, `profiles_controller`,
    `registrations_controller`...), outside any admin namespace, with no admin or authorization check in
    the known lines."""
    if "/admin/" in ctx.path or _SELF_SERVICE_PATH.search(ctx.path) is None:
        return False
    return _ADMIN_CONTEXT.search(ctx.known_text()) is None


def _privileged_keys(permit: Node) -> list[str]:
    """The privileged attribute names `params.require(:user).permit(...)` allows, when the record required
    is the user's own (`:user`, `:profile`, `:account`)."""
    chain = receiver(permit)
    if chain is None or chain.type != "call" or method_name(chain) != "require":
        return []
    required = [text(arg).lstrip(":").strip("'\"") for arg in arguments(chain)]
    if not required or required[0] not in _SELF_KEYS:
        return []
    keys = [text(arg).lstrip(":") for arg in arguments(permit) if arg.type == "simple_symbol"]
    return [key for key in keys if _PRIVILEGED.match(key)]


def _an_id(source: str) -> bool:
    """`params[:id]`, `params[:user_id]`: one value, not a set of attributes."""
    key = source.rsplit("[", 1)[-1].strip("]:'\" ")
    return key == "id" or key.endswith("_id")


# --- outbound requests -----------------------------------------------------------------------------

_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options"})
_HTTP_CLIENTS: dict[str, frozenset[str]] = {
    "Net::HTTP": frozenset({"get", "get_response", "get_print", "post", "post_form", "start", "new"}),
    "URI": frozenset({"open"}),
    "OpenURI": frozenset({"open_uri"}),
    "Faraday": _VERBS | {"new"},
    "HTTParty": _VERBS,
    "RestClient": _VERBS,
    "RestClient::Request": frozenset({"execute"}),
    "HTTP": _VERBS | {"request"},
    "HTTPX": _VERBS | {"request"},
    "Excon": _VERBS | {"new"},
    "Typhoeus": _VERBS,
    "Typhoeus::Request": frozenset({"new"}),
}
"""Calls whose first argument (or `url:` option) names the server contacted: the standard library's
`Net::HTTP` and open-uri, and the usual gems (Faraday, HTTParty, rest-client, http.rb, HTTPX, Excon,
Typhoeus)."""
_URL_OPTIONS = ("url", "base_url")
_OPEN_URI_READS = frozenset({"open", "read"})
"""open-uri's `URI.parse(url).open` and `URI(url).read`: the parsed URL is fetched."""


def _outbound_target(node: Node, name: str) -> Node | None:
    """The node naming the server an outbound request contacts, or None for any other call."""
    recv = receiver(node)
    if recv is None:
        return None
    args = arguments(node)
    if name in _OPEN_URI_READS and recv.type == "call" and not args and _parses_uri(recv):
        return recv
    if recv.type == "call" and method_name(recv) == "new" and name in _VERBS and args \
            and "new" in _HTTP_CLIENTS.get(name_text(receiver(recv)).removeprefix("::"), ()):
        # `Faraday.new(request: {...}).get(url)`: an absolute URL given to the verb replaces any base
        return args[0] if args[0].type not in {"pair", "hash"} else None
    if name not in _HTTP_CLIENTS.get(name_text(recv).removeprefix("::"), ()):
        return None
    for key in _URL_OPTIONS:
        option = pair_value(args, key)
        if option is not None:
            return option
    return args[0] if args and args[0].type not in {"pair", "hash"} else None


def _parses_uri(call: Node) -> bool:
    """`URI(x)` or `URI.parse(x)`."""
    name = method_name(call)
    recv = receiver(call)
    if recv is None:
        return name == "URI"
    return name == "parse" and name_text(recv).removeprefix("::") == "URI"


@ruby_check(
    "RB-SSRF", "SEC-14", _SEC, Severity.HIGH,
    title="Outbound request to a URL taken from the request",
    explanation=(
        "The server fetches whatever URL the caller names: internal services, the cloud metadata endpoint "
        "(169.254.169.254) and admin ports become reachable through it. Keep the scheme and host fixed in "
        "code (`\"https://api.example.com/items/#{id}\"`) and put only the checked value in the path or "
        "query, or parse the URL and match its host against an allow-list."
    ),
    needs=r"HTTP|Faraday|URI|RestClient|Excon|Typhoeus",
)
def ssrf(ctx: FileContext) -> Iterator[Hit]:
    for tree, flow, node, name in _flow_calls(ctx):
        target = _outbound_target(node, name)
        if target is None:
            continue
        value = flow.value(target)
        if value.tainted and not value.fixed_start and not value.code_start:
            called = f"{name_text(receiver(node))}.{name}" if receiver(node) is not None else name
            message = f"{_origin(value)} chooses the host contacted by `{short(called, 40)}`."
            yield placed_where_built(ctx, tree, _call_hit(tree, node, message), target)


# --- tokens -----------------------------------------------------------------------------------------

@ruby_check(
    "RB-JWT-UNVERIFIED", "SEC-07", _SEC, Severity.CRITICAL,
    title="JWT from the request decoded without verifying its signature",
    explanation=(
        "`JWT.decode(token, key, false)` (ruby-jwt's third argument) and `algorithm: 'none'` skip the "
        "signature check, so whoever sends the token writes its claims: any `sub`, any role, any expiry. "
        "Decode with the key and the algorithm pinned (`JWT.decode(token, key, true, algorithm: 'HS256')`) "
        "and treat a `JWT::DecodeError` as unauthenticated."
    ),
    needs=r"JWT",
)
def jwt_unverified(ctx: FileContext) -> Iterator[Hit]:
    decodes = [(tree, flow, node) for tree, flow, node, name in _flow_calls(ctx)
               if name == "decode" and name_text(receiver(node)) in {"JWT", "::JWT"} and arguments(node)]
    verified = {(_method_start(node), text(arguments(node)[0])) for _tree, _flow, node in decodes
                if _verifying_decode(node)}
    for tree, flow, node in decodes:
        args = arguments(node)
        if not flow.value(args[0]).tainted:
            continue  # a token the code fetched itself (reading its `exp` to refresh it) is its own
        positional = [a for a in args if a.type != "pair"]
        if len(positional) >= 3 and text(positional[2]) in {"false", "nil"}:
            if (_method_start(node), text(args[0])) in verified:
                continue  # a peek at the header (`kid`) before the same method decodes the token with its key
            why = "with verification turned off (third argument `false`)"
        elif any(_NONE_ALG.search(text(pair)) for pair in args if pair.type == "pair"):
            why = "accepting the `none` algorithm"
        else:
            continue
        yield _call_hit(tree, node, f"{_origin(flow.value(args[0]))} is decoded by `JWT.decode` {why}.")


def _method_start(node: Node) -> int:
    """Where the method around `node` starts (-1 at the top level)."""
    current = node.parent
    while current is not None and current.type not in {"method", "singleton_method"}:
        current = current.parent
    return current.start_byte if current is not None else -1


def _verifying_decode(call: Node) -> bool:
    """`JWT.decode(token, key)` / `JWT.decode(token, key, true, algorithm: "RS256")`: a decode that checks
    the signature, with a key and without `none`."""
    args = arguments(call)
    positional = [a for a in args if a.type != "pair"]
    if len(positional) < 2 or positional[1].type == "nil":
        return False
    if len(positional) >= 3 and text(positional[2]) in {"false", "nil"}:
        return False
    return not any(_NONE_ALG.search(text(pair)) for pair in args if pair.type == "pair")


_NONE_ALG = lazy_re(r"""^:?["']?algorithms?["']?\s*(?::|=>)\s*\[?[^\]]*["']none["']""", re.IGNORECASE)


# --- redirects, reflection, HTML, files --------------------------------------------------------------

_REDIRECTS = frozenset({"redirect_to", "redirect_back", "redirect_back_or_to", "redirect"})
"""Rails's redirects; Sinatra's, Grape's and Roda's `redirect`; Hanami's `response.redirect_to`."""
_RESPONSE_RECEIVERS = frozenset({"response", "res", "r"})


@ruby_check(
    "RB-OPEN-REDIRECT", "SEC-14", _SEC, Severity.MEDIUM,
    title="Redirect to a URL taken from the request",
    explanation=(
        "A link to this action with `?url=https://evil.example` sends users, from a page on your domain, "
        "to a site of the attacker's choice (phishing, token theft). Redirect to a path you build, check "
        "the host against an allow-list, or pass `allow_other_host: false`."
    ),
    needs=r"redirect",
)
def open_redirect(ctx: FileContext) -> Iterator[Hit]:
    for tree, flow, node, name in _flow_calls(ctx):
        if name not in _REDIRECTS:
            continue
        args = arguments(node)
        if not args or (receiver(node) is not None and name_text(receiver(node)) not in _RESPONSE_RECEIVERS):
            continue
        if _option_is(args, "allow_other_host", "false"):
            continue
        back = name == "redirect_back"
        target = pair_value(args, "fallback_location") if back else args[0]
        if target is None or target.type in {"pair", "hash"}:
            continue
        value = flow.value(target)
        if value.tainted and not value.fixed_start and not _only_path(target, args):
            message = f"{_origin(value)} picks where `{name}` sends the user."
            yield _call_hit(tree, node, message)


_ONLY_PATH = lazy_re(r"only_path\s*(?:=>|:)\s*true")


def _only_path(target: Node, args: list[Node]) -> bool:
    """`redirect_to params.merge(only_path: true)`: a URL hash kept to a path (a string target ignores
    the option)."""
    if target.type == "element_reference":
        return False
    return any(_ONLY_PATH.search(text(a)) for a in args)


def _option_is(args: list[Node], key: str, literal: str) -> bool:
    option = pair_value(args, key)
    return option is not None and text(option) == literal


_REFLECTION_ON_RECEIVER = frozenset({"constantize", "safe_constantize"})
_REFLECTION_ON_ARGUMENT = frozenset({
    "send", "public_send", "__send__", "try", "try!", "method", "instance_variable_get",
    "instance_variable_set", "const_get", "qualified_const_get", "eval", "instance_eval", "class_eval",
    "module_eval", "instance_exec", "define_method",
})
_DESERIALIZERS = {
    "YAML": {"load", "load_documents", "load_stream", "unsafe_load", "parse_documents", "parse_stream",
             "object_load"},
    "Psych": {"load", "load_documents", "load_stream", "unsafe_load", "parse_stream"},
    "Marshal": {"load", "restore"}, "CSV": {"load"}, "Oj": {"load", "object_load"},
    "ERB": {"new"}, "Erubi::Engine": {"new"}, "Erubis::Eruby": {"new"}, "Haml::Engine": {"new"},
}
"""Loaders that can build any object (YAML's and Marshal's, Oj's object mode) and template engines that
compile their text into Ruby code (ERB and its kin; Liquid, made to run untrusted templates, is not here)."""
_SAFE_OJ_MODES = frozenset({":strict", ":null", ":compat", ":json", ":rails", ":wab", ":custom"})
"""Oj modes that build only JSON values (its default, `:object`, builds any class the text names)."""


@ruby_check(
    "RB-CODE-INJECTION", "SEC-14", _SEC, Severity.HIGH,
    title="Request data picks the class, method or code to run",
    explanation=(
        "`constantize`, `send` and `eval` on request data let the caller choose which class is loaded or "
        "which method runs (`destroy`, `system`, ...), up to running code on the server. Map the input to "
        "an allow-list (`{\"csv\" => CsvExport}.fetch(params[:format])`) and call that."
    ),
    needs=r"params|cookies|request",
)
def code_injection(ctx: FileContext) -> Iterator[Hit]:
    for tree, flow, node, name in _flow_calls(ctx):
        if name in _REFLECTION_ON_RECEIVER:
            value = flow.value(receiver(node))
        elif name in _REFLECTION_ON_ARGUMENT or name in _DESERIALIZERS.get(name_text(receiver(node)), ()):
            args = arguments(node)
            if not args or _option_is(args, "safe", "true"):
                continue
            mode = pair_value(args, "mode")
            if name_text(receiver(node)) == "Oj" and mode is not None and text(mode) in _SAFE_OJ_MODES:
                continue
            value = flow.value(args[0])
        else:
            continue
        if value.tainted:
            yield _call_hit(tree, node, f"{_origin(value)} reaches `{name}`.")


@ruby_check(
    "RB-UNESCAPED-HTML", "SEC-14", _SEC, Severity.HIGH,
    title="Request data rendered as HTML or as a template without escaping",
    explanation=(
        "`html_safe` and `raw` turn Rails' escaping off, so markup in the value runs as script in every "
        "viewer's browser; `render inline:` even evaluates it as ERB on the server. Let the view escape "
        "the value, use `sanitize` with an allow-list of tags, and render templates from files."
    ),
    needs=r"html_safe|raw|render",
)
def unescaped_html(ctx: FileContext) -> Iterator[Hit]:
    for tree, flow, node, name in _flow_calls(ctx):
        recv = receiver(node)
        if name == "html_safe" and recv is not None:
            value = flow.value(recv)
            if value.tainted or (value.built and recv.type == "string"):
                yield _call_hit(tree, node, f"{_origin(value)} is marked `html_safe`.")
        elif name == "raw" and recv is None:
            args = arguments(node)
            value = flow.value(args[0]) if args else Value()
            if args and (value.tainted or (value.built and args[0].type == "string")):
                yield _call_hit(tree, node, f"{_origin(value)} is output with `raw`.")
        elif name == "render" and recv is None:
            args = arguments(node)
            for key in ("inline", "html", "text"):
                option = pair_value(args, key)
                if option is None or pair_value(args, "content_type") is not None:
                    continue
                value = flow.value(option)
                if value.tainted or (value.built and option.type in {"string", "heredoc_beginning"}):
                    kind = "as an ERB template" if key == "inline" else f"as `{key}:`"
                    yield _call_hit(tree, node, f"{_origin(value)} is rendered {kind}.")
                    break


def _opens_file(name: str, recv: Node | None) -> bool:
    if recv is None:
        return name in {"send_file", "open", "load", "require"}
    return name in _FILE_METHODS and name_text(recv).lstrip(":") in _FILE_CLASSES


_FILE_CLASSES = frozenset({"File", "IO", "Dir", "FileUtils", "Pathname", "YAML", "Psych", "CSV", "Zip::File"})
_FILE_METHODS = frozenset({
    "open", "read", "readlines", "binread", "write", "binwrite", "new", "delete", "unlink", "foreach",
    "glob", "[]", "load_file", "safe_load_file", "rm", "rm_f", "rm_rf", "rm_r", "mv", "cp", "cp_r",
    "copy_file", "remove", "remove_file", "remove_dir", "mkdir_p", "chmod", "chown", "symlink", "ln_s",
    "truncate", "rename", "exist?", "file?", "directory?", "size", "stat", "lstat", "entries", "children",
    "each_child", "touch", "install", "parse_file",
})


@ruby_check(
    "RB-FILE-PATH", "SEC-14", _SEC, Severity.HIGH,
    title="Request data chooses a file, template or download path",
    explanation=(
        "A value like `../../config/master.key` reads, sends or renders any file the process can open. "
        "Reduce the input to a known name (an id looked up in the database, `File.basename` plus a check "
        "that the path stays under the intended directory) before it reaches the file system."
    ),
    needs=r"params|cookies|request|Request|env|route|get |post |put |patch |delete ",
)
def file_path(ctx: FileContext) -> Iterator[Hit]:
    for tree, flow, node, name in _flow_calls(ctx):
        recv = receiver(node)
        args = arguments(node)
        target: Node | None = None
        if recv is None and name == "render" and args:
            target = args[0] if args[0].type not in {"pair", "hash"} else None
            for key in ("file", "template", "partial", "action", "layout"):
                target = target or pair_value(args, key)
        elif args and _opens_file(name, recv):
            target = args[0]
        elif recv is not None and name == "join" and name_text(recv) == "Rails.root" and args:
            target = next((a for a in args if flow.value(a).tainted), None)
        if target is None:
            continue
        value = flow.value(target)
        if value.tainted:
            what = "template" if name == "render" else "path"
            hit = _call_hit(tree, node, f"{_origin(value)} is the {what} given to `{name}`.")
            yield placed_where_built(ctx, tree, hit, target)
