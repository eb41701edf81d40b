"""Intra-procedural data flow for Python, on the standard library's `ast`.

The pattern checks see one line at a time; they cannot tell a constant from a request parameter. This
module follows values through one function at a time, statement by statement:

- **Sources**: the request objects of Flask, Django, FastAPI/Starlette and friends (`request.args`,
  `request.GET`, `request.json`, headers, cookies, uploaded files and their names), and the URL
  parameters of route handlers (a function under `@app.route`/`@router.get`/..., or a Django view's
  arguments after `request`).
- **Propagation**: assignment and unpacking, f-strings, `+`, `%` and `.format`, method calls on a tainted
  value, subscripts, containers, `or`/`if` expressions, loops and comprehensions over a tainted iterable,
  and a few library functions known to pass text through (`os.path.join`, `urljoin`, `json.loads`, ...).
  A call to any other function gives an untainted value: a checker that guesses flows through unknown
  code reports noise.
- **Sanitizers**: numeric and UUID conversions, `secure_filename`/`basename` (paths), `shlex.quote`
  (shell), escaping functions (HTML, LDAP), and validation: a name tested in an `if` with `startswith`,
  `in`, a regex match, `isdigit`/`isalnum`, or a safe-URL helper counts as checked from there on.
- **Same-file code**: a helper that reads the request is a source; a function or method of the file
  called with request data is walked again with it (one level, bounded), so sinks inside it are seen.
  A prefix/suffix test is a path check only on a resolved path; a test that a URL names no host (after
  its backslashes were replaced) clears it for redirects and fetches.
- **Constants**: a URL whose scheme and host are literals (`f"https://api.example.com/{x}"`) keeps its
  host, which is what separates a path parameter from server-side request forgery or an open redirect.

`Flow.calls` lists every call with the value of each argument, for the checks to judge.
"""

from __future__ import annotations

import ast
import re
import textwrap
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from importlib import import_module
from typing import TypeVar

from persona_review.checks._url_guards import pins_scheme_only
from persona_review.checks.base import FileContext
from persona_review.lazy_re import lazy_re

_N = TypeVar("_N", bound=ast.AST)
PATH, URL, SHELL, HTML, LDAP, XPATH, SQL = "path", "url", "shell", "html", "ldap", "xpath", "sql"
ALL_KINDS = frozenset({PATH, URL, SHELL, HTML, LDAP, XPATH, SQL})


@dataclass(frozen=True, slots=True)
class Value:
    tainted: bool = False
    source: str = ""
    """Where the taint came from, as written (e.g. `request.args`)."""
    safe_for: frozenset[str] = frozenset()
    """Sink kinds this value was sanitized for."""
    start: str | None = None
    """Tainted: the literal text before the first tainted part ("" when the taint comes first; None when
    an untainted value we cannot see, such as a configured base URL, comes first). Untainted: the whole
    text when it is a literal, else None."""
    pathlike: bool = False
    """Built by `Path(...)`/`os.path.join`: its methods open files."""
    http_client: bool = False
    """A `requests.Session()`/`httpx.Client()`: its get/post/... methods send requests."""
    normalized: bool = False
    """A path with `..` resolved (`os.path.normpath`/`abspath`/`realpath`, `Path.resolve()`): only then
    does a prefix check keep it inside a directory."""
    schema_keys: bool = False
    """A mapping whose keys are the fields a schema declares (a pydantic model's `model_dump()`): its
    values are the caller's, but iterating it gives names the code wrote."""

    def union(self, other: Value) -> Value:
        """Either value (an `or`, a branch, a container's elements)."""
        pathlike = self.pathlike or other.pathlike
        if not other.tainted:
            if not self.tainted:
                if self.http_client or other.http_client:  # `session or requests.Session()`
                    return Value(pathlike=pathlike, http_client=True)
                return _PATHLIKE if pathlike else CLEAN
            return self if self.pathlike == pathlike else replace(self, pathlike=pathlike)
        if not self.tainted:
            return other if other.pathlike == pathlike else replace(other, pathlike=pathlike)
        start = "" if "" in (self.start, other.start) else self.start
        return Value(True, self.source or other.source, self.safe_for & other.safe_for, start, pathlike,
                     normalized=self.normalized and other.normalized,
                     schema_keys=self.schema_keys and other.schema_keys)

    def unsafe_for(self, kind: str) -> bool:
        return self.tainted and kind not in self.safe_for

    def host_fixed(self) -> bool:
        """Whether code, not the caller, decides the destination: an untainted start we cannot see (a
        configured base URL), a literal `scheme://host/`, or a relative path of at least one segment."""
        if self.start is None:
            return True
        text = self.start
        if "://" in text:
            rest = text.split("://", 1)[1]
            return "/" in rest or "?" in rest or "#" in rest
        return text.startswith("/") and len(text) > 1 and text[1] not in "/\\"


def join(left: Value, right: Value) -> Value:
    """`left` followed by `right` (concatenation, f-string parts)."""
    tainted = left.tainted or right.tainted
    if left.tainted:
        start = left.start
    elif left.start is None or right.start is None or len(left.start) + len(right.start) > MAX_TEXT:
        start = None  # unknown, or text doubled over and over by the input: not worth keeping
    else:
        start = left.start + right.start
    if not tainted:
        return Value(start=start, pathlike=left.pathlike)
    out = left.union(right)
    return replace(out, start=start, pathlike=left.pathlike)


CLEAN = Value()
_PATHLIKE = Value(pathlike=True)

_OWN_URL = frozenset({"url", "full_path", "path", "base_url", "url_root", "host_url", "script_root", "host",
                      "path_info", "get_full_path", "build_absolute_uri", "get_host"})
"""The page's own URL and its parts: the caller's text (a reflected path is cross-site scripting), but
not another site, so a redirect or fetch to them stays on this host."""
_SOURCE_ATTRS = frozenset({
    "args", "form", "values", "json", "data", "files", "headers", "cookies", "GET", "POST", "body",
    "META", "FILES", "COOKIES", "query_params", "path_params", "query_string", "get_json", "get_data",
    "query", "match_info", "raw_post_data", "stream", "environ",
    "referrer", "user_agent", "view_args", "authorization", "remote_user", *_OWN_URL,
    # Pyramid and WebOb: `params` (query and form), `matchdict` (route placeholders), `json_body`
    "params", "matchdict", "json_body",
    # Bottle: `forms` (form fields), next to `query`, `files`, `json`, `params`
    "forms",
    # Falcon: `get_param*`, `get_header`, the body as `media`/`get_media()`/`bounded_stream`
    "get_param", "get_param_as_list", "get_header", "get_cookie_values", "media", "get_media",
    "bounded_stream",
    # aiohttp: `await request.post()` (form), `text()`/`read()` (body), `rel_url` (path and query)
    "post", "text", "read", "rel_url",
    # Tornado's `self.request.arguments` / `body_arguments` / `query_arguments`; Masonite's `input`
    "arguments", "body_arguments", "query_arguments", "input",
})
"""Request attributes that carry the caller's data, in the spellings of Flask/Quart, Django/DRF,
Starlette/FastAPI/Litestar, Sanic, aiohttp, Pyramid, Bottle, Falcon, Tornado and Masonite."""
_HANDLER_SOURCES = frozenset({
    "self.get_argument", "self.get_arguments", "self.get_query_argument", "self.get_query_arguments",
    "self.get_body_argument", "self.get_body_arguments", "self.get_cookie", "self.path_args",
    "self.path_kwargs",
})
"""Tornado's `RequestHandler` reads the request through methods of the handler itself."""
_VIEW_KWARGS = frozenset({"self.kwargs", "self.args"})
"""A Django (or REST framework) class-based view's URL arguments, kept on the view."""
_VIEW_BASE = lazy_re(r"(?:View|ViewSet|APIView|Mixin)$")
_LAMBDA_CONTEXT = frozenset({"context", "_context", "ctx", "_ctx", "_", "lambda_context"})
_FALCON_RESPONDER = lazy_re(r"^on_(?:get|post|put|patch|delete|head|options)(?:_\w+)?$")
_TORNADO_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options"})
_REQUEST_NAMES = frozenset({"request", "req", "self.request", "flask.request"})
_ROUTE_DECORATOR = lazy_re(
    r"(?:^|\.)(?:route|get|post|put|patch|delete|head|options|api_route|websocket|api_view|action)$")
_NUMERIC = frozenset({"int", "float", "bool", "len", "abs", "round", "uuid.UUID", "UUID", "Decimal",
                      "decimal.Decimal", "hash", "ord", "datetime.fromisoformat", "date.fromisoformat"})
_SANITIZERS: dict[str, frozenset[str]] = {
    "secure_filename": frozenset({PATH}), "werkzeug.utils.secure_filename": frozenset({PATH}),
    "os.path.basename": frozenset({PATH}), "posixpath.basename": frozenset({PATH}),
    "safe_join": frozenset({PATH}), "werkzeug.utils.safe_join": frozenset({PATH}),
    "werkzeug.security.safe_join": frozenset({PATH}), "flask.safe_join": frozenset({PATH}),
    "shlex.quote": frozenset({SHELL}), "pipes.quote": frozenset({SHELL}),
    "html.escape": frozenset({HTML}), "escape": frozenset({HTML}), "markupsafe.escape": frozenset({HTML}),
    "cgi.escape": frozenset({HTML}), "bleach.clean": frozenset({HTML}),
    "django.utils.html.escape": frozenset({HTML}), "conditional_escape": frozenset({HTML}),
    "escape_filter_chars": frozenset({LDAP}), "ldap.filter.escape_filter_chars": frozenset({LDAP}),
    "ldap3.utils.conv.escape_filter_chars": frozenset({LDAP}),
}
_PASS_THROUGH = frozenset({
    "str", "os.path.join", "posixpath.join", "os.path.normpath", "os.path.abspath", "os.path.realpath",
    "os.path.expanduser", "urljoin", "urllib.parse.urljoin", "parse.urljoin", "json.loads",
    "base64.b64decode", "base64.urlsafe_b64decode", "unquote", "urllib.parse.unquote", "format",
    "base64.b64encode", "base64.urlsafe_b64encode", "b64encode", "b64decode", "codecs.encode",
    "codecs.decode", "urllib.parse.unquote_plus", "unquote_plus", "html.unescape", "bytes.fromhex",
    "re.sub", "copy.copy", "copy.deepcopy", "textwrap.dedent",
    "posixpath.normpath", "posixpath.abspath", "posixpath.realpath",
    "Path", "pathlib.Path", "PurePath", "str.format", "bytes", "io.BytesIO", "io.StringIO",
    "urlparse", "urllib.parse.urlparse", "dict", "list", "tuple", "sorted", "reversed", "compile",
    "parse_qs", "urllib.parse.parse_qs", "parse_qsl", "urllib.parse.parse_qsl", "iter", "next",
})
_NORMALIZERS = frozenset({"os.path.normpath", "os.path.abspath", "os.path.realpath", "posixpath.normpath",
                          "posixpath.abspath", "posixpath.realpath"})
"""Pass-through calls that resolve `..` in a path."""
_PREFIX_CHECKS = frozenset({"startswith", "endswith"})
"""Checks that say nothing about `..` further on: `"docs/../../etc/passwd".startswith("docs/")`."""
_HTTP_CLIENTS = frozenset({"requests.Session", "requests.session", "Session", "httpx.Client",
                           "httpx.AsyncClient", "aiohttp.ClientSession", "urllib3.PoolManager",
                           "AsyncHTTPClient", "httpclient.AsyncHTTPClient", "HTTPClient",
                           "httpclient.HTTPClient", "tornado.httpclient.AsyncHTTPClient",
                           "tornado.httpclient.HTTPClient"})
_PATH_BUILDERS = frozenset({"Path", "pathlib.Path"})
"""Calls that make a path object whose methods touch files (`os.path.join` and friends return a str)."""
_CHECKING_CALLS = lazy_re(
    r"(?:^|\.)(?:startswith|endswith|fullmatch|match|isdigit|isdecimal|isnumeric|isalnum|isalpha|"
    r"isidentifier|is_safe_url|url_has_allowed_host_and_scheme|is_relative_to|validate\w*|check\w*|"
    r"is_valid\w*|allowed\w*|commonprefix|commonpath)$")


def dotted(node: ast.expr) -> str:
    """`a.b.c` for a name or attribute chain (calls in the chain are kept as `a.b()`), else ""."""
    parts: list[str] = []
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            inner = dotted(node.func)
            return f"{inner}()." + ".".join(reversed(parts)) if inner and parts else inner
        elif isinstance(node, ast.Name):
            parts.append(node.id)
            return ".".join(reversed(parts))
        else:
            return ""


@dataclass(frozen=True, slots=True)
class SinkCall:
    call: ast.Call
    name: str
    """The called function as written (`requests.get`, `os.path.join`, `.read_text` for a method)."""
    args: tuple[Value, ...]
    kwargs: dict[str, Value]
    receiver: Value
    heads: tuple[Value | None, ...]
    """For each positional argument written as a list or tuple, or a name holding a list built before the
    call, the value of its first element."""
    line: int
    literal_lists: frozenset[int] = frozenset()
    """Positions of the list arguments whose every element is literal text (`["sh", "-c", "ls"]`)."""


@dataclass(frozen=True, slots=True)
class Assignment:
    target: ast.expr
    value: Value
    line: int
    key: Value | None = None
    """For a subscript target (`session[k] = v`), the value of the key `k`."""


@dataclass(slots=True)
class _Scope:
    env: dict[str, Value] = field(default_factory=dict)
    consts: dict[str, object] = field(default_factory=dict)
    """Names bound to a literal number, string or boolean (folded in `if` tests and conditional
    expressions, so that a branch that cannot run is not followed)."""
    items: dict[str, dict[object, Value]] = field(default_factory=dict)
    """For a name holding a dict filled under literal keys, the value under each key."""

    def copy(self) -> _Scope:
        return _Scope(dict(self.env), dict(self.consts), {k: dict(v) for k, v in self.items.items()})

    def merge(self, *branches: _Scope) -> None:
        """After an `if`: each name may hold what any branch left in it."""
        for name in {n for b in branches for n in b.env}:
            values = [b.env.get(name, self.env.get(name, CLEAN)) for b in branches]
            out = values[0]
            for value in values[1:]:
                out = out.union(value)
            self.env[name] = out
        self.consts = {n: v for n, v in branches[0].consts.items()
                       if all(n in b.consts and b.consts[n] == v for b in branches[1:])}
        self.items = {n: v for n, v in branches[0].items.items()
                      if all(b.items.get(n) == v for b in branches)}


class Flow:
    """The data flow of one parsed module (or fragment), with line numbers of the file."""

    def __init__(self, tree: ast.Module, offset: int = 0) -> None:
        self.tree = tree
        self.offset = offset
        self.earlier: list[Flow] = []
        """The flows of the file's earlier runs of hunk lines (their session writes are seen here)."""
        self._stored: dict[str, Value] = {}
        """Session keys that a function of the file (or of an earlier run) sets to request data."""
        self._writes: dict[str, Value] = {}
        self._analysed = False
        self._by_type: dict[type, list[ast.AST]] | None = None
        self._reset()

    def _reset(self) -> None:
        """The state one pass over the module builds, empty."""
        self._calls: list[SinkCall] = []
        self._helpers: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        self._summaries: dict[str, Value | None] = {}
        self._constant_returns: dict[str, str] = {}
        """Same-file helpers whose every `return` gives the same literal text, with that text."""
        self._returns: list[Value] | None = None
        self._assignments: list[Assignment] = []
        self._handler_returns: list[tuple[ast.Return, Value]] = []
        self._in_handler: list[bool] = []
        self._methods: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
        self._modules: set[str] = set()
        self._entered: set[tuple[int, tuple[tuple[str, Value], ...]]] = set()
        self._entering = False
        self._entered_lines = 0
        self._lines = max((getattr(node, "end_lineno", 0) or 0 for node in self.tree.body), default=0)
        self._check_results: dict[str, ast.Call] = {}
        """Names last assigned a checking call's result, with the call (`ok = is_safe_url(...)`)."""
        self._parsed: dict[str, str] = {}
        """Names holding `urlparse(x)`, with x."""
        self._unbackslashed: set[str] = set()
        """Names last assigned with their backslashes replaced (`x = x.replace("\\", "/")`)."""
        self._forms: dict[str, str] = {}
        """Names holding a form or serializer bound to request data, with its class as written."""
        self._cleaned: dict[str, str] = {}
        """Names holding such a form's cleaned data (`data = form.cleaned_data`), with the form's class."""
        self._typed_fields: dict[str, set[str]] = {}
        """Form classes of this module -> their fields whose cleaned value is no free text (a number, a
        date, a choice)."""
        self._classes: list[ast.ClassDef] = []
        """The classes the walk is inside, innermost last."""
        self._tornado: set[str] = set()
        """Classes of this module that are Tornado request handlers (through same-file bases too)."""
        self._routed_names: set[str] = set()
        """Module functions the file registers as views in a route table (`add_url_rule`)."""
        self._patterns: dict[str, str] = {}
        """Module names bound to a literal text or a regex compiled from one (`URL_RE = re.compile(...)`)."""
        self._choices: frozenset[str] = frozenset()
        """Enum classes of this module (a handler parameter typed with one holds a member)."""

    @property
    def calls(self) -> list[SinkCall]:
        """Every call, with the value of each argument (the data flow runs on first use)."""
        self._analyse()
        return self._calls

    @property
    def assignments(self) -> list[Assignment]:
        self._analyse()
        return self._assignments

    @property
    def handler_returns(self) -> list[tuple[ast.Return, Value]]:
        """Each `return` of a request handler (a routed function or an error handler), with its value."""
        self._analyse()
        return self._handler_returns

    @property
    def session_writes(self) -> dict[str, Value]:
        """Session keys set to request data here or in an earlier run of hunk lines, with that data."""
        self._analyse()
        return self._writes

    def _analyse(self) -> None:
        """One pass over the module; a second one when it stores request data in the session
        (`session["next"] = request.args["next"]`), so that a view reading that key back gets it."""
        if self._analysed:
            return
        self._analysed = True
        inherited: dict[str, Value] = {}
        for other in self.earlier:
            inherited.update(other.session_writes)
        self._stored = inherited
        self._run()
        found = self._session_stores()
        self._writes = {**inherited, **found}
        if any(key not in inherited for key in found):
            self._reset()
            self._stored = dict(self._writes)
            self._run()

    def _session_stores(self) -> dict[str, Value]:
        found: dict[str, Value] = {}
        for assignment in self._assignments:
            target = assignment.target
            key = assignment.key
            if isinstance(target, ast.Subscript) and _is_session(target.value) and key is not None \
                    and not key.tainted and isinstance(key.start, str) and assignment.value.tainted:
                old = found.get(key.start)
                found[key.start] = assignment.value if old is None else old.union(assignment.value)
        return found

    def _run(self) -> None:
        self._routed_names = _route_table_views(self.nodes(ast.Call))
        self._choices = choice_classes(self.tree)
        self._helpers = {node.name: node for node in self.tree.body
                         if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                         and not _tainted_params(node, routed=node.name in self._routed_names,
                                                 choices=self._choices)}
        tornado = False
        for node in self.tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                self._modules.update((a.asname or a.name).split(".", 1)[0] for a in node.names)
                tornado = tornado or any(a.name.startswith("tornado") for a in node.names) or (
                    isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tornado"))
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 \
                    and isinstance(node.targets[0], ast.Name):
                pattern = _pattern_text(node.value)
                if pattern is not None:
                    self._patterns[node.targets[0].id] = pattern
        for node in self.tree.body:
            if isinstance(node, ast.ClassDef):
                if any(_tornado_base(dotted(base), self._tornado, tornado) for base in node.bases):
                    self._tornado.add(node.name)
                for method in node.body:
                    if isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef):
                        self._methods.setdefault(method.name, []).append(method)
                self._typed_fields[node.name] = _typed_form_fields(node)
        self._block(self.tree.body, _Scope())

    def _summary(self, name: str) -> Value | None:
        """What a same-file helper returns when its parameters carry request data: a tainted value (with
        what it sanitized for), or None when the result does not depend on them (a constant, a lookup).
        Computed once per helper, with its calls and assignments left unrecorded."""
        if name in self._summaries:
            return self._summaries[name]
        self._summaries[name] = None  # recursion: assume nothing flows
        node = self._helpers[name]
        scope = _Scope({})
        params = [a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)]
        for param in params:
            scope.env[param] = Value(True, "", start="")
        saved = (self._calls, self._assignments, self._returns, self._handler_returns)
        self._calls, self._assignments, self._returns, self._handler_returns = [], [], [], []
        try:
            self._block(node.body, scope)
            returned = CLEAN
            for value in self._returns:
                returned = returned.union(value)
            texts = {value.start for value in self._returns if not value.tainted}
            if len(texts) == 1 and None not in texts and len(self._returns) == len(_returns_of(node)):
                self._constant_returns[name] = str(texts.pop())
        finally:
            self._calls, self._assignments, self._returns, self._handler_returns = saved
        self._summaries[name] = returned if returned.tainted else None
        return self._summaries[name]

    def _earlier_helper(self, name: str) -> Flow | None:
        """The flow of an earlier run of hunk lines that defines the module function `name` (a helper
        added in one hunk and called in the next), when this run does not define it itself."""
        for other in reversed(self.earlier):
            other._analyse()
            if name in other._helpers:
                return other
        return None

    def _enter(self, node: ast.Call, args: tuple[Value, ...], kwargs: dict[str, Value],
               fields: dict[str, Value] | None = None) -> None:
        """A same-file function (or a method of a same-file class) called with request data: its body is
        walked once more with the arguments' values in its parameters, so that a sink inside it is seen
        with them. One level deep, once per function and set of argument values, at most MAX_ENTERED
        times per file and within ENTERED_LINES_PER_LINE lines per line of the file; never while a helper's
        return is being summarised. `fields` are the attributes of `self` the caller set to request data
        (`self.name = request.args["name"]`) when it calls a method on `self`: they hold it there too."""
        if self._entering or self._returns is not None or len(self._entered) >= MAX_ENTERED \
                or any(isinstance(arg, ast.Starred) for arg in node.args):
            return
        target = self._callee(node)
        if target is None:
            return
        positional = [a.arg for a in (*target.args.posonlyargs, *target.args.args)]
        own: dict[str, Value] = {}
        if isinstance(node.func, ast.Attribute) and not _decorated(target, _STATIC):
            if fields and positional and positional[0] == "self":
                own = fields
            positional = positional[1:]  # `self` or `cls`
        named = {*positional, *(a.arg for a in target.args.kwonlyargs)}
        bound = dict(zip(positional, args, strict=False))
        bound.update(own)
        bound.update((name, value) for name, value in kwargs.items() if name in named)
        key = (id(target), tuple(sorted(bound.items())))
        if not any(value.tainted for value in bound.values()) or key in self._entered:
            return
        cost = (target.end_lineno or target.lineno) - target.lineno + 1
        if self._entered_lines + cost > ENTERED_LINES_PER_LINE * self._lines:
            return
        self._entered_lines += cost
        self._entered.add(key)
        self._entering = True
        self._in_handler.append(False)  # its returns are not the response
        try:
            self._block(target.body, _Scope(dict(bound)))
        finally:
            self._in_handler.pop()
            self._entering = False

    def _callee(self, node: ast.Call) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """The same-file definition a call runs: a module-level function, or the only method of that name
        in the file's classes (called on anything but an imported module; common container and file
        method names are left out, since `x.get(...)` is far more often a dict's)."""
        if isinstance(node.func, ast.Name):
            return self._helpers.get(node.func.id)
        if not isinstance(node.func, ast.Attribute) or node.func.attr in _COMMON_METHODS \
                or node.func.attr.startswith("__"):
            return None
        root = dotted(node.func.value).split(".", 1)[0]
        defined = self._methods.get(node.func.attr, [])
        if len(defined) != 1 or not root or root in self._modules:
            return None
        return defined[0]

    def _in_view(self) -> bool:
        """Whether the walk is inside a class-based view (a base named `...View`, `...ViewSet`,
        `...Mixin`), whose `self.kwargs` are the URL's arguments."""
        return any(_VIEW_BASE.search(dotted(base)) for owner in self._classes for base in owner.bases)

    def nodes(self, kind: type[_N]) -> list[_N]:
        """Every node of `kind` in the tree (one walk of the tree serves all kinds)."""
        if self._by_type is None:
            self._by_type = _index(self.tree)
        found = self._by_type.get(kind, [])
        return found  # type: ignore[return-value]

    # --- walking -------------------------------------------------------------------------------------

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef, outer: _Scope) -> None:
        scope = _Scope(dict(outer.env))
        owner = self._classes[-1] if self._classes and node in self._classes[-1].body else None
        params = _tainted_params(node, owner, routed=owner is None and node.name in self._routed_names,
                                 tornado=owner is not None and owner.name in self._tornado,
                                 choices=self._choices)
        for name in params:
            scope.env[name] = Value(True, f"parameter `{name}` of a request handler", start="")
        self._in_handler.append(is_handler(node))
        returns = self._returns  # a helper being summarised: what its nested functions return is not its own
        self._returns = None if returns is None else []
        try:
            self._block(node.body, scope)
        finally:
            self._in_handler.pop()
            self._returns = returns

    def _block(self, body: Sequence[ast.stmt], scope: _Scope) -> None:
        for stmt in body:
            self._stmt(stmt, scope)

    def _stmt(self, stmt: ast.stmt, scope: _Scope) -> None:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            for deco in stmt.decorator_list:
                self.eval(deco, scope)
            self._function(stmt, scope)
        elif isinstance(stmt, ast.ClassDef):
            self._classes.append(stmt)
            try:
                self._block(stmt.body, _Scope(dict(scope.env)))
            finally:
                self._classes.pop()
        elif isinstance(stmt, ast.Assign):
            elements = self._elements(stmt.value, scope)
            value = self.eval(stmt.value, scope) if elements is None else _joined(elements)
            for target in stmt.targets:
                self._bind(target, value, scope, stmt.lineno)
            self._remember(stmt.targets, stmt.value, scope)
            for target in stmt.targets:  # `ok = is_safe_url(url=x, ...)` ... `if ok:`
                if isinstance(target, ast.Name):
                    self._note_form(target.id, stmt.value, scope)
                    self._note_url_parts(target.id, stmt.value)
                    if isinstance(stmt.value, ast.Call) and _CHECKING_CALLS.search(dotted(stmt.value.func)):
                        self._check_results[target.id] = stmt.value
                    else:
                        self._check_results.pop(target.id, None)
            if elements is not None and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
                scope.items[stmt.targets[0].id] = dict(enumerate(elements))
            elif isinstance(stmt.value, ast.Dict) and len(stmt.targets) == 1:
                self._hold_dict(stmt.targets[0], stmt.value, scope)
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            self._bind(stmt.target, self.eval(stmt.value, scope), scope, stmt.lineno)
        elif isinstance(stmt, ast.AugAssign):
            value = self.eval(stmt.value, scope)
            if isinstance(stmt.target, ast.Name):
                old = scope.env.get(stmt.target.id, CLEAN)
                scope.env[stmt.target.id] = old.union(value) if value.tainted else old
                scope.items.pop(stmt.target.id, None)  # `argv += [...]`: the contents changed
            else:
                self._bind(stmt.target, value, scope, stmt.lineno)
        elif isinstance(stmt, ast.If | ast.While):
            self.eval(stmt.test, scope)
            decided = fold(stmt.test, scope.consts) if isinstance(stmt, ast.If) else _UNKNOWN
            if decided is not _UNKNOWN:  # a test on constants: only one branch can run
                self._block(stmt.body if decided else stmt.orelse, scope)
                return
            test = self._check_behind(stmt.test)
            if self._host_guard(stmt, test, scope):
                return
            checked, negated = self._validated(test, scope)
            weak: set[str] = set()
            hosts: set[str] = set()
            if any(scope.env.get(name, CLEAN).tainted for name in checked):  # else how it is checked is moot
                weak = _prefix_only(test, checked, scope)
                hosts = self._scheme_only(test, checked)
            body, orelse = scope.copy(), scope.copy()
            if negated:  # `if not valid(x): return` (or fix x): x is checked in `else` and after
                fixed = _replaced_when_inspected(stmt, scope, self._parsed) - checked
                self._block(stmt.body, body)
                self._mark_checked(checked, orelse, weak, hosts=hosts)
                self._block(stmt.orelse, orelse)
                scope.merge(body, orelse)
                self._mark_checked(checked, scope, weak, hosts=hosts)
                fixed = _replaced_by_own_values(stmt, fixed, scope)
                if fixed:  # `if not (parts.path).startswith(base): ... url = default`: fixed in the body
                    self._mark_checked(fixed, scope, hosts=self._scheme_only(test, fixed))
            elif guarded := _replaced_when_inspected(stmt, scope, self._parsed):
                # `if urlparse(x).netloc != "": x = "/"`: a test that inspects x, and a body that
                # replaces it, let through only what passed the test
                self._block(stmt.body, body)
                hosts = self._scheme_only(test, guarded)  # `guarded` holds request data
                self._mark_checked(guarded, orelse, hosts=hosts)
                self._block(stmt.orelse, orelse)
                scope.merge(body, orelse)
                # a body that replaces the name with a value of the code's own on one branch (`if not
                # allowed: url = default`) keeps it only where its own check passed
                self._mark_checked(_replaced_by_own_values(stmt, guarded, scope), scope, hosts=hosts)
            else:  # `if valid(x): use(x)`: checked inside the body only
                self._mark_checked(checked, body, weak, hosts=hosts)
                self._block(stmt.body, body)
                self._block(stmt.orelse, orelse)
                scope.merge(body, orelse)
        elif isinstance(stmt, ast.For | ast.AsyncFor):
            self._bind_loop(stmt.target, stmt.iter, scope, stmt.lineno)
            self._block(stmt.body, scope)
            self._block(stmt.orelse, scope)
        elif isinstance(stmt, ast.With | ast.AsyncWith):
            for item in stmt.items:
                value = self.eval(item.context_expr, scope)
                if item.optional_vars is not None:
                    self._bind(item.optional_vars, value, scope, stmt.lineno)
            self._block(stmt.body, scope)
        elif isinstance(stmt, ast.Try):
            self._block(stmt.body, scope)
            for handler in stmt.handlers:
                self._block(handler.body, scope)
            self._block(stmt.orelse, scope)
            self._block(stmt.finalbody, scope)
        elif isinstance(stmt, ast.Return):
            value = self.eval(stmt.value, scope)
            if self._returns is not None:
                self._returns.append(value)
            if self._in_handler and self._in_handler[-1]:
                self._handler_returns.append((stmt, value))
        elif isinstance(stmt, ast.Expr | ast.Raise | ast.Assert | ast.Delete):
            for child in ast.iter_child_nodes(stmt):
                if isinstance(child, ast.expr):
                    self.eval(child, scope)
        elif isinstance(stmt, ast.Match):
            self.eval(stmt.subject, scope)
            subject = fold(stmt.subject, scope.consts)
            if subject is not _UNKNOWN:  # `match` on a constant: the first case that fits runs
                for case in stmt.cases:
                    fits = _case_fits(case.pattern, subject)
                    if fits is None or (fits and case.guard is not None):
                        break
                    if fits:
                        self._block(case.body, scope)
                        return
                else:
                    return
            branches = []
            for case in stmt.cases:
                branch = scope.copy()
                self._block(case.body, branch)
                branches.append(branch)
            if not any(_case_fits(case.pattern, _UNKNOWN) and case.guard is None for case in stmt.cases):
                branches.append(scope.copy())  # no case may fit
            scope.merge(*branches)

    def _literal_items(self, node: ast.Dict, scope: _Scope) -> dict[object, Value] | None:
        """`{"a": x, "b": y}`: each value under its literal key, or None when a key is not literal or a
        value has effects (values are read again here: only those without calls or `:=`)."""
        keys = [fold(key, scope.consts) if key is not None else _UNKNOWN for key in node.keys]
        if any(key is _UNKNOWN for key in keys) or any(
                isinstance(inner, ast.Call | ast.NamedExpr | ast.Await | ast.Lambda | ast.comprehension)
                for value in node.values for inner in ast.walk(value)):
            return None
        return {key: self.eval(value, scope) for key, value in zip(keys, node.values, strict=True)}

    def _hold_dict(self, target: ast.expr, node: ast.Dict, scope: _Scope) -> None:
        """`name = {"a": x}`: each value kept under its literal key. `config["section"] = {"key": x}` on a
        container whose contents are known: each value kept under the pair of literal keys too, for
        `config["section"]["key"]`."""
        if isinstance(target, ast.Name):
            items = self._literal_items(node, scope)
            if items is not None:
                scope.items[target.id] = items
            return
        if not isinstance(target, ast.Subscript) or not isinstance(target.value, ast.Name) \
                or target.value.id not in scope.items:
            return
        section = fold(target.slice, scope.consts)
        items = self._literal_items(node, scope) if section is not _UNKNOWN else None
        if items is not None:
            held = scope.items[target.value.id]
            for key, value in items.items():
                held[(section, key)] = value

    @staticmethod
    def _remember(targets: Sequence[ast.expr], node: ast.expr, scope: _Scope) -> None:
        """Keep what is known of a plain assignment's value: a literal, or a dict's literal keys."""
        for target in targets:
            if isinstance(target, ast.Name):
                folded = fold(node, scope.consts)
                if folded is _UNKNOWN:
                    scope.consts.pop(target.id, None)
                else:
                    scope.consts[target.id] = folded

    def _elements(self, node: ast.expr, scope: _Scope) -> list[Value] | None:
        """Each element's value of a list literal without `*` (evaluated once), else None."""
        if not isinstance(node, ast.List) or any(isinstance(e, ast.Starred) for e in node.elts):
            return None
        return [self.eval(element, scope) for element in node.elts]

    def _bind_loop(self, target: ast.expr, iterable: ast.expr, scope: _Scope, line: int) -> None:
        """A loop variable takes its iterable's value; over a schema's field mapping (`for name in
        data`, `data.keys()`, `name, value in data.items()`), the names it gives are the code's own."""
        method = ""
        mapping_node = iterable
        if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Attribute) and not iterable.args \
                and iterable.func.attr in {"keys", "items"}:
            method, mapping_node = iterable.func.attr, iterable.func.value
        whole = self.eval(iterable, scope)
        # (the mapping read again only when that records nothing: a name or an attribute)
        mapping = self.eval(mapping_node, scope) if method and _plain_chain(mapping_node) else whole
        if mapping.schema_keys and isinstance(target, ast.Name) and method != "items":
            self._bind(target, CLEAN, scope, line)
        elif mapping.schema_keys and method == "items" and isinstance(target, ast.Tuple) \
                and len(target.elts) == 2:
            self._bind(target.elts[0], CLEAN, scope, line)
            self._bind(target.elts[1], replace(mapping, start="", schema_keys=False), scope, line)
        else:
            self._bind(target, whole, scope, line)

    def _bind(self, target: ast.expr, value: Value, scope: _Scope, line: int) -> None:
        key = self.eval(target.slice, scope) if isinstance(target, ast.Subscript) else None
        self._assignments.append(Assignment(target, value, line + self.offset, key))
        if isinstance(target, ast.Name):
            scope.env[target.id] = value
            scope.items.pop(target.id, None)
            for stale in [key for key in scope.env if key.startswith(f"{target.id}.")]:
                del scope.env[stale]  # what was checked of the old value's attributes
        elif isinstance(target, ast.Tuple | ast.List):
            for element in target.elts:
                self._bind(element.value if isinstance(element, ast.Starred) else element,
                           replace(value, start="") if value.tainted else CLEAN, scope, line)
        elif isinstance(target, ast.Subscript | ast.Attribute):
            base = target.value
            self.eval(base, scope)
            if isinstance(target, ast.Subscript) and isinstance(base, ast.Name):
                _hold(base.id, target.slice, value, scope)
            if isinstance(base, ast.Name) and value.tainted:
                scope.env[base.id] = scope.env.get(base.id, CLEAN).union(replace(value, start=""))
            if isinstance(target, ast.Attribute) and isinstance(base, ast.Name) and base.id == "self":
                scope.env[f"self.{target.attr}"] = value  # read back as it is (`self.name`)

    def _note_form(self, name: str, node: ast.expr, scope: _Scope) -> None:
        """`form = SearchForm(request.POST)`, `serializer = ItemSerializer(data=request.data)`: what the
        form cleans (`form.cleaned_data[...]`, `serializer.validated_data[...]`) is the request's data,
        checked only as far as its fields' types go. Anything else the name is given forgets it."""
        for attribute in _CLEANED:
            scope.env.pop(f"{name}.{attribute}", None)
        self._forms.pop(name, None)
        self._cleaned.pop(name, None)
        if isinstance(node, ast.Attribute) and node.attr in _CLEANED and isinstance(node.value, ast.Name) \
                and node.value.id in self._forms:  # `data = form.cleaned_data`
            self._cleaned[name] = self._forms[node.value.id]
        if not isinstance(node, ast.Call):
            return
        written = dotted(node.func)
        if not written.endswith(_FORM_SUFFIXES):
            return
        made = next((call for call in reversed(self._calls) if call.call is node), None)
        if made is None:
            return
        given = CLEAN  # the form object stays what it was: its other methods give the program's objects
        for part in (*made.args, *(v for k, v in made.kwargs.items() if k in {"data", "**"})):
            given = given.union(part)
        if not given.tainted:
            return
        self._forms[name] = written.rsplit(".", 1)[-1]
        for attribute in _CLEANED:
            scope.env[f"{name}.{attribute}"] = Value(True, f"{name}.{attribute}", given.safe_for, start="")

    def _typed_field(self, node: ast.Subscript) -> bool:
        """`form.cleaned_data["page"]` where the form's class (in this module) declares `page` as a
        number, date, boolean or choice field: its cleaned value holds no free text."""
        owner = node.value
        if not isinstance(node.slice, ast.Constant) or not isinstance(node.slice.value, str):
            return False
        if isinstance(owner, ast.Attribute) and owner.attr in _CLEANED and isinstance(owner.value, ast.Name):
            form = self._forms.get(owner.value.id)
        elif isinstance(owner, ast.Name):
            form = self._cleaned.get(owner.id)
        else:
            return False
        return form is not None and node.slice.value in self._typed_fields.get(form, set())

    def _note_url_parts(self, name: str, value: ast.expr) -> None:
        """Remember `parts = urlparse(x)` (parts -> x) and `x = x.replace("\\", ...)` (x has no
        backslashes), for `_host_guard`; any other assignment forgets what the name held."""
        self._parsed.pop(name, None)
        self._unbackslashed.discard(name)
        if isinstance(value, ast.Call) and value.args and _plain_chain(value.args[0]) \
                and dotted(value.func).rsplit(".", 1)[-1] in {"urlparse", "urlsplit"}:
            self._parsed[name] = dotted(value.args[0])  # `url`, or `body.url` of a request model
        elif isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                and value.func.attr == "replace" and value.args and isinstance(value.args[0], ast.Constant) \
                and "\\" in str(value.args[0].value):
            self._unbackslashed.add(name)

    def _host_guard(self, stmt: ast.If | ast.While, test: ast.expr, scope: _Scope) -> bool:
        """An `if` that tests whether a URL names a host (`not urlparse(x).netloc`, `parts.hostname == ""`,
        `if urlparse(x).netloc: return ...`), on a name whose backslashes were replaced first (browsers
        read `\\evil.com` as `//evil.com`, which `urlparse` does not): where the test shows there is no
        host, x is safe as a redirect or fetch target. Walks the statement and returns True when it is
        such a test, else False."""
        if not isinstance(stmt, ast.If):
            return False
        found = self._host_test(test)
        if found is None:
            return False
        names, when_true = found
        names = {name for name in names if name in self._unbackslashed and name in scope.env}
        if not names:
            return False
        body, orelse = scope.copy(), scope.copy()
        self._mark_checked(names, body if when_true else orelse, kinds=frozenset({URL}))
        self._block(stmt.body, body)
        self._block(stmt.orelse, orelse)
        scope.merge(body, orelse)
        if not when_true and stmt.body and isinstance(stmt.body[-1], ast.Return | ast.Raise):
            self._mark_checked(names, scope, kinds=frozenset({URL}))  # the hosted case left
        return True

    def _host_test(self, test: ast.expr) -> tuple[set[str], bool] | None:
        """The URL names a test inspects for a host, and whether the test is true when there is none."""
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            inner = self._host_test(test.operand)
            return None if inner is None else (inner[0], not inner[1])
        if isinstance(test, ast.Compare) and len(test.ops) == 1 \
                and isinstance(test.ops[0], ast.Eq | ast.NotEq | ast.Is | ast.IsNot) \
                and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value in ("", None):
            inner = self._host_test(test.left)
            if inner is None:
                return None
            return (inner[0], not inner[1]) if isinstance(test.ops[0], ast.Eq | ast.Is) else inner
        if isinstance(test, ast.BoolOp):  # `and` of no-host tests; `or` of has-host tests
            wanted = isinstance(test.op, ast.And)
            parts = [part for part in map(self._host_test, test.values)
                     if part is not None and part[1] == wanted]
            return ({name for part in parts for name in part[0]}, wanted) if parts else None
        if isinstance(test, ast.Attribute) and test.attr in {"netloc", "hostname"}:
            base = test.value
            if isinstance(base, ast.Name) and base.id in self._parsed:
                return {self._parsed[base.id]}, False
            if isinstance(base, ast.Call) and base.args and isinstance(base.args[0], ast.Name) \
                    and dotted(base.func).rsplit(".", 1)[-1] in {"urlparse", "urlsplit"}:
                return {base.args[0].id}, False
        return None

    def _check_behind(self, test: ast.expr) -> ast.expr:
        """An `if` on a name that holds a checking call's result (`if ok:`, `if not ok:`) tests that
        call; any other test is itself."""
        inner, nots = test, 0
        while isinstance(inner, ast.UnaryOp) and isinstance(inner.op, ast.Not):
            inner, nots = inner.operand, nots + 1
        if not isinstance(inner, ast.Name) or inner.id not in self._check_results:
            return test
        out: ast.expr = self._check_results[inner.id]
        for _ in range(nots):
            out = ast.UnaryOp(op=ast.Not(), operand=out)
        return out

    def _validated(self, test: ast.expr, scope: _Scope) -> tuple[set[str], bool]:
        """The names an `if` test validates (a checking call, or membership in a collection), and
        whether the test is negated (`not ...`, `not in`), so that passing it means the check failed."""
        negated = False
        while isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            negated, test = not negated, test.operand
        if not negated and isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
            # `if not inside(x) or other: raise`: past the `if`, every `or`ed failed check passed
            failed = [self._validated(part, scope) for part in test.values]
            passed = {name for part_names, part_negated in failed if part_negated for name in part_names}
            if passed:
                return passed, True
        if isinstance(test, ast.Compare) and len(test.ops) == 1 \
                and isinstance(test.ops[0], ast.NotEq | ast.IsNot) != _is_none(test.comparators[0]):
            negated = not negated  # `if commonpath(...) != base: return`, `if match(...) is None: return`
        names: set[str] = set()
        for node in ast.walk(test):
            checked: list[ast.expr] = []
            if isinstance(node, ast.Call) and _CHECKING_CALLS.search(dotted(node.func) or ""):
                checked.extend(node.args)
                checked.extend(kw.value for kw in node.keywords if kw.arg in {"url", "path", "value"})
                if isinstance(node.func, ast.Attribute):
                    checked.append(node.func.value)
            elif isinstance(node, ast.Compare) and len(node.ops) == 1 \
                    and isinstance(node.ops[0], ast.In | ast.NotIn):
                if _reads_field(node.left) or (isinstance(node.left, ast.Attribute)
                                               and node.left.attr == "scheme"):
                    pass  # `upload.mimetype in TYPES` checks the type, `urlparse(x).scheme in ...` the scheme
                else:
                    checked.append(node.left)
                checked.extend(self._parsed_url_of(node.left))
                if isinstance(node.ops[0], ast.NotIn) and node is test:
                    negated = not negated
            names.update(n.id for expr in checked for n in ast.walk(expr)
                         if isinstance(n, ast.Name) and n.id.split(".", 1)[0] in scope.env)
        return names, negated

    def _scheme_only(self, test: ast.expr, checked: set[str]) -> set[str]:
        """The checked names an `if` test inspects only with a prefix or regex that pins a URL's scheme
        (`x.startswith(("http://", "https://"))`, `re.match(r"^https?://", x)`, `URL_RE.match(x)`): the
        caller still names the host. A prefix or pattern that spells a host too (`"https://api.x.com/"`)
        is a host check; any other check of the name in the test counts as one."""
        scheme: set[str] = set()
        other: set[str] = set()
        for node in ast.walk(test):
            if isinstance(node, ast.Compare) and isinstance(node.ops[0], ast.In | ast.NotIn) and not (
                    isinstance(node.left, ast.Attribute) and node.left.attr == "scheme"):
                other |= {n.id for n in ast.walk(node.left) if isinstance(n, ast.Name) and n.id in checked}
            if not isinstance(node, ast.Call) or not _CHECKING_CALLS.search(dotted(node.func) or ""):
                continue
            names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and n.id in checked}
            texts = self._tested_texts(node)
            if texts and all(pins_scheme_only(text) for text in texts):
                scheme |= names
            else:
                other |= names
        return scheme - other

    def _tested_texts(self, node: ast.Call) -> list[str]:
        """The literal prefixes or patterns a checking call tests against: `x.startswith(lit)` (or a tuple
        of them), `re.match(pattern, x)`, `PATTERN.match(x)` of a module-level compiled pattern."""
        func = node.func
        if not isinstance(func, ast.Attribute):
            return []
        if func.attr in {"startswith", "match", "fullmatch"} and node.args:
            first = node.args[0]
            if func.attr != "startswith" and dotted(func.value) not in {"re", "regex"}:
                first = func.value  # `URL_RE.match(x)`: the pattern is the receiver
            items = first.elts if isinstance(first, ast.Tuple) else [first]
            texts = [self._literal_text(item) for item in items]
            return [] if None in texts else [t for t in texts if t is not None]
        return []

    def _literal_text(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return self._patterns.get(node.id)
        return None

    def _parsed_url_of(self, node: ast.expr) -> list[ast.expr]:
        """`parts.hostname` (`netloc`, `host`) of `parts = urlparse(url)`, or `urlparse(url).hostname`:
        a host tested against a collection (an allow-list) checks `url` and `parts` as fetch targets."""
        if not isinstance(node, ast.Attribute) or node.attr not in {"hostname", "netloc", "host"}:
            return []
        base = node.value
        if isinstance(base, ast.Name) and base.id in self._parsed:
            return [base, ast.Name(id=self._parsed[base.id], ctx=ast.Load())]
        if isinstance(base, ast.Call) and base.args and isinstance(base.args[0], ast.Name) \
                and dotted(base.func).rsplit(".", 1)[-1] in {"urlparse", "urlsplit"}:
            return [base.args[0]]
        return []

    @staticmethod
    def _mark_checked(names: set[str], scope: _Scope, weak: set[str] | frozenset[str] = frozenset(),
                      kinds: frozenset[str] = ALL_KINDS, hosts: set[str] | frozenset[str] = frozenset()
                      ) -> None:
        """Validated names are safe for the sinks `kinds` (every sink unless told); those checked only by a
        prefix or suffix before their `..` was resolved (`weak`) stay unsafe as paths, and those whose
        test pinned only a URL's scheme (`hosts`) stay unsafe as URLs: the host is still the caller's."""
        for name in names:
            root = name.split(".", 1)[0]
            if name not in scope.env and root != name and scope.env.get(root, CLEAN).tainted:
                scope.env[name] = replace(scope.env[root], start="", pathlike=False)  # `body.url`
            if name in scope.env:
                value = scope.env[name]
                granted = kinds - {PATH} if name in weak else kinds
                granted = granted - {URL} if name in hosts else granted
                scope.env[name] = replace(value, safe_for=value.safe_for | granted)

    # --- expressions ---------------------------------------------------------------------------------

    def eval(self, node: ast.expr | None, scope: _Scope) -> Value:
        if node is None:
            return CLEAN
        if isinstance(node, ast.Constant):
            return Value(start=node.value) if isinstance(node.value, str) else CLEAN
        if isinstance(node, ast.Name):
            return scope.env.get(node.id, CLEAN)
        if isinstance(node, ast.Attribute):
            name = dotted(node)
            held = scope.env.get(name) if node.attr in _CLEANED or name.startswith("self.") \
                or name in scope.env else None
            if held is not None:
                return held
            if _is_source(name) or (name in _VIEW_KWARGS and self._in_view()):
                return Value(True, name, _source_safe_for(name), start="")
            base = self.eval(node.value, scope)
            return replace(base, start="", pathlike=False) if base.tainted else CLEAN
        if isinstance(node, ast.Subscript):
            base = self.eval(node.value, scope)
            index = self.eval(node.slice, scope)
            if base.tainted and self._typed_field(node):
                return CLEAN
            if self._stored and _is_session(node.value) and not index.tainted \
                    and isinstance(index.start, str) and index.start in self._stored:
                return self._stored[index.start]  # request data another view stored under this key
            held = _held(node.value, node.slice, scope) if not isinstance(node.value, ast.Subscript) \
                else _held_pair(node.value, node.slice, scope)
            if held is not None:
                return held
            return replace(base, start="", pathlike=False) if base.tainted else CLEAN
        if isinstance(node, ast.Call):
            return self._call(node, scope)
        if isinstance(node, ast.JoinedStr):
            return self._concat(node.values, scope)
        if isinstance(node, ast.FormattedValue):
            return self.eval(node.value, scope)
        if isinstance(node, ast.BinOp):
            left, right = self.eval(node.left, scope), self.eval(node.right, scope)
            if isinstance(node.op, ast.Add):
                return join(left, right)
            if isinstance(node.op, ast.Mod) and not left.tainted and left.start is not None:
                literal = Value(start=left.start.split("%", 1)[0])
                return join(literal, replace(right, start="")) if right.tainted else Value()
            if isinstance(node.op, ast.Div) and left.pathlike:  # pathlib's `/`
                return replace(join(left, right), pathlike=True)
            if isinstance(node.op, ast.Mod | ast.Div):
                return join(left, right)
            if left.tainted or right.tainted:  # arithmetic: a number
                return Value(True, left.source or right.source, ALL_KINDS)
            return CLEAN
        if isinstance(node, ast.BoolOp):
            out = CLEAN
            for value in node.values:
                out = out.union(self.eval(value, scope))
            return out
        if isinstance(node, ast.IfExp):
            self.eval(node.test, scope)
            decided = fold(node.test, scope.consts)
            if decided is not _UNKNOWN:
                return self.eval(node.body if decided else node.orelse, scope)
            return self.eval(node.body, scope).union(self.eval(node.orelse, scope))
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            out = CLEAN
            for element in node.elts:
                out = out.union(self.eval(element, scope))
            return replace(out, start="") if out.tainted else CLEAN
        if isinstance(node, ast.Dict):
            out = CLEAN
            for key, value in zip(node.keys, node.values, strict=True):
                self.eval(key, scope)
                out = out.union(self.eval(value, scope))
            return replace(out, start="") if out.tainted else CLEAN
        if isinstance(node, ast.Compare):
            self.eval(node.left, scope)
            for comparator in node.comparators:
                self.eval(comparator, scope)
            return CLEAN
        if isinstance(node, ast.Await | ast.Starred | ast.NamedExpr):
            result = self.eval(node.value, scope)
            if isinstance(node, ast.NamedExpr):  # a new value: what was known of the old one goes
                scope.env[node.target.id] = result
                scope.items.pop(node.target.id, None)
                self._remember([node.target], node.value, scope)
            return result
        if isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            return self._comprehension(node, scope)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                self.eval(child, scope)
            elif isinstance(child, ast.arguments):  # a lambda's defaults run where it is written
                for default in (*child.defaults, *child.kw_defaults):
                    self.eval(default, scope)
        return CLEAN

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp,
                       scope: _Scope) -> Value:
        """Each loop variable takes its iterable's value, in a scope of its own; the result holds what
        its elements hold, as a container does."""
        inner = _Scope(dict(scope.env))
        for loop in node.generators:
            self._bind_loop(loop.target, loop.iter, inner, loop.target.lineno)
            for test in loop.ifs:
                self.eval(test, inner)
        out = CLEAN
        for part in (node.key, node.value) if isinstance(node, ast.DictComp) else (node.elt,):
            out = out.union(self.eval(part, inner))
        return replace(out, start="") if out.tainted else CLEAN

    def _concat(self, parts: Sequence[ast.expr], scope: _Scope) -> Value:
        out = Value(start="")
        for part in parts:
            value = self.eval(part, scope)
            if isinstance(part, ast.FormattedValue) and part.format_spec is not None and not value.tainted:
                value = CLEAN
            out = join(out, value)
        return out

    def _arguments(self, nodes: Sequence[ast.expr], scope: _Scope
                   ) -> tuple[tuple[Value, ...], tuple[Value | None, ...], frozenset[int]]:
        """Each positional argument's value; for one written as a list or tuple, or a name holding a list
        built before the call, its first element's (the program of `subprocess.run([...])`); and the
        positions of such lists whose every element is literal text. Every element is evaluated once."""
        values: list[Value] = []
        heads: list[Value | None] = []
        literal: set[int] = set()
        for position, arg in enumerate(nodes):
            elements: list[Value] | None = None
            if isinstance(arg, ast.List | ast.Tuple) and arg.elts:
                elements = [self.eval(element, scope) for element in arg.elts]
                values.append(_joined(elements))
                if any(isinstance(element, ast.Starred) for element in arg.elts):
                    elements = elements[:1]  # its first element is known, not all of them
            else:
                values.append(self.eval(arg, scope))
                held = scope.items.get(arg.id) if isinstance(arg, ast.Name) else None
                if held and _is_list(held):
                    elements = [held[index] for index in range(len(held))]
            heads.append(elements[0] if elements else None)
            if elements and len(elements) == len(getattr(arg, "elts", elements)) \
                    and all(not e.tainted and e.start is not None for e in elements):
                literal.add(position)
        return tuple(values), tuple(heads), frozenset(literal)

    def _call(self, node: ast.Call, scope: _Scope) -> Value:
        name = dotted(node.func)
        receiver = self.eval(node.func.value, scope) if isinstance(node.func, ast.Attribute) else CLEAN
        args, heads, literal_lists = self._arguments(node.args, scope)
        kwargs = {kw.arg or "**": self.eval(kw.value, scope) for kw in node.keywords}
        shown = name or (f".{node.func.attr}" if isinstance(node.func, ast.Attribute) else "")
        self._calls.append(SinkCall(node, shown, args, kwargs, receiver, heads, node.lineno + self.offset,
                                    literal_lists))
        every = CLEAN
        for value in (*args, *kwargs.values()):
            every = every.union(value)
        fields = {}
        if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) \
                and node.func.value.id == "self" and receiver.tainted:
            fields = {name: value for name, value in scope.env.items()
                      if name.startswith("self.") and value.tainted}
        if every.tainted or fields:  # `self.export()` after `self.name = request.args["name"]`
            self._enter(node, args, kwargs, fields)
        short = node.func.attr if isinstance(node.func, ast.Attribute) else name
        if _is_source(name) or (short in {"get_json", "get_data", "getlist", "get"} and _is_source(
                dotted(node.func.value) if isinstance(node.func, ast.Attribute) else "")):
            return Value(True, name, _source_safe_for(name), start="")
        if name in _NUMERIC or short in {"int", "float", "UUID"}:
            return CLEAN
        if name in _HTTP_CLIENTS:
            return Value(http_client=True)
        if _HTML_ESCAPER.search(short or ""):  # `escape_html`, `html_escape`, `escape_for_html`, ...
            return replace(every, safe_for=every.safe_for | {HTML}, start="") if every.tainted else CLEAN
        if name in self._helpers and not every.tainted:
            summary = self._summary(name)
            if summary is not None and summary.source:  # `def filename(): return request.args["f"]`
                return replace(summary, source=f"{summary.source} (through `{name}()`)")
            if name in self._constant_returns:  # `def table(): return "users"`
                return Value(start=self._constant_returns[name])
        defining = self if name in self._helpers else self._earlier_helper(name) if every.tainted else None
        if defining is not None and every.tainted:
            summary = defining._summary(name)
            if summary is None:  # the result does not depend on the request; maybe a constant
                text = defining._constant_returns.get(name)
                return CLEAN if text is None else Value(start=text)
            return replace(every, safe_for=every.safe_for | summary.safe_for, start=summary.start,
                           pathlike=summary.pathlike, normalized=summary.normalized)
        if not every.tainted and not receiver.tainted:
            text = _literal_result(name, short, node, receiver, args)
            if text is not None:  # `base64.b64encode("x".encode())`, `"A-b".lower()`: literal text still
                return Value(start=text)
        if name in _SANITIZERS or short in _SANITIZERS:
            kinds = _SANITIZERS.get(name) or _SANITIZERS[short]
            return replace(every, safe_for=every.safe_for | kinds, start="") if every.tainted else CLEAN
        if name in _PASS_THROUGH:
            pathlike = name in _PATH_BUILDERS
            first = args[0] if args else CLEAN
            if name in {"urljoin", "urllib.parse.urljoin", "parse.urljoin"} and len(args) > 1:
                return replace(every, start="") if args[1].tainted else replace(every, start=first.start)
            if not every.tainted:
                return Value(pathlike=pathlike)
            start = first.start if first.tainted or name in {"str", "Path", "pathlib.Path"} else None
            normalized = name in _NORMALIZERS or (first.normalized and name in _PATH_BUILDERS | {"str"})
            safe_for = every.safe_for - {URL} if name in _DECODERS else every.safe_for
            return replace(every, start=start, pathlike=pathlike, normalized=normalized, safe_for=safe_for)
        if self._stored and short in {"get", "pop"} and isinstance(node.func, ast.Attribute) \
                and _is_session(node.func.value) and args and not args[0].tainted \
                and isinstance(args[0].start, str) and args[0].start in self._stored:
            stored = self._stored[args[0].start]
            return stored.union(args[1]) if len(args) > 1 else stored
        if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
            owner = node.func.value.id
            if short == "set" and len(node.args) == 3 and not node.keywords:  # `config.set(section, key, v)`
                _hold_pair(owner, node.args[0], node.args[1], args[2], scope)
                return CLEAN
            if short == "get" and len(node.args) == 2 and owner in scope.items:
                pair = (fold(node.args[0], scope.consts), fold(node.args[1], scope.consts))
                if pair in scope.items[owner]:
                    return scope.items[owner][pair]
            if short == "get" and node.args:
                held = _held(node.func.value, node.args[0], scope)
                if held is not None:
                    return held
            listed = scope.items.get(owner)
            if listed is not None and short in _LIST_METHODS and _is_list(listed):
                return _list_method(owner, short, node, args, scope)
            if short in _MUTATORS and every.tainted:  # `items.append(x)`: the container now holds x
                if short in {"update", "setdefault"} or owner not in scope.items:
                    scope.items.pop(owner, None)
                scope.env[owner] = scope.env.get(owner, CLEAN).union(replace(every, start=""))
                return CLEAN
        if isinstance(node.func, ast.Attribute):
            if receiver.tainted and schema_dump(short, node):  # `body.model_dump(exclude_unset=True)`
                return replace(receiver, start="", pathlike=False, schema_keys=True)
            if receiver.tainted:  # a method of a tainted value: str methods, dict.get, ...
                keeps = short in {"strip", "lstrip", "rstrip", "lower", "upper", "casefold", "encode",
                                  "decode", "replace"}
                if short in _SPLITTERS:  # a piece of a URL is any text, not a URL on this host
                    receiver = replace(receiver, safe_for=receiver.safe_for - {URL})
                return replace(receiver, start="" if not keeps else receiver.start,
                               pathlike=receiver.pathlike and short in {"resolve", "absolute", "joinpath",
                                                                          "with_name", "with_suffix"},
                               normalized=short == "resolve", schema_keys=False)
            template = _template_text(node.func.value, receiver) if short == "format" else None
            if template is not None and not every.tainted:
                return _formatted(template, args, kwargs, node)
            if template is not None:
                literal = Value(start=template.split("{", 1)[0])
                return join(literal, replace(every, start="")) if every.tainted else CLEAN
            if short in {"format", "replace"} and every.tainted:
                # `_("Hello {}").format(name)`, `page.replace("{{ x }}", name)`: text we cannot see
                return replace(every, start=None)
            if short == "join" and isinstance(node.func.value, ast.Constant):
                return replace(every, start="") if every.tainted else CLEAN
            if receiver.pathlike and short in {"joinpath"}:
                return replace(every, pathlike=True) if every.tainted else Value(pathlike=True)
        return CLEAN


_CLEANED = ("cleaned_data", "validated_data")
_DUMP_OPTIONS = frozenset({"exclude_unset", "exclude_none", "exclude_defaults", "by_alias", "include",
                           "exclude"})
"""Keyword arguments only a pydantic model's `dict()` takes (a plain mapping's has none of them)."""


def schema_dump(method: str, node: ast.Call) -> bool:
    """A pydantic model turned into a mapping of its declared fields: `model_dump(...)` (v2), or
    `dict(exclude_unset=True)` and friends (v1). Extra keys are dropped unless the model allows them."""
    if method == "model_dump":
        return True
    return method == "dict" and not node.args and any(kw.arg in _DUMP_OPTIONS for kw in node.keywords)
_FORM_SUFFIXES = ("Form", "Serializer", "FormSet")
_TYPED_FIELDS = frozenset({
    "IntegerField", "FloatField", "DecimalField", "BooleanField", "NullBooleanField", "DateField",
    "DateTimeField", "TimeField", "DurationField", "UUIDField", "ChoiceField", "TypedChoiceField",
    "MultipleChoiceField", "TypedMultipleChoiceField", "ModelChoiceField", "ModelMultipleChoiceField",
    "SlugField", "PrimaryKeyRelatedField", "EmailField",
})
"""Django form and REST framework serializer fields whose cleaned value is no free text: a number, a
date, one of the code's choices, an object, a slug (letters, digits, `-` and `_`), an address."""


def _plain_chain(node: ast.expr) -> bool:
    """A name, or attributes read off one (`body.url`): no call, no subscript."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


def _is_session(node: ast.expr) -> bool:
    """Flask's `session`, Django's `request.session`."""
    written = dotted(node)
    return written in {"session", "flask.session"} or written.endswith(".session")


def _reads_field(node: ast.expr) -> bool:
    """Whether `node` is a plain field of a named object (`upload.mimetype`, `form.kind`): a test of it
    checks that field, not the rest of the object. Fields of `self` are followed as `self` itself."""
    return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
        and node.value.id not in {"self", "cls"}


def _typed_form_fields(node: ast.ClassDef) -> set[str]:
    """The fields a form class declares with a field class of `_TYPED_FIELDS`."""
    found: set[str] = set()
    for statement in node.body:
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call) \
                and dotted(statement.value.func).rsplit(".", 1)[-1] in _TYPED_FIELDS:
            found.update(t.id for t in statement.targets if isinstance(t, ast.Name))
    return found


_SPLITTERS = frozenset({"split", "rsplit", "partition", "rpartition", "splitlines"})
_DECODERS = frozenset({"unquote", "urllib.parse.unquote", "urllib.parse.unquote_plus", "unquote_plus",
                       "html.unescape", "base64.b64decode", "base64.urlsafe_b64decode", "b64decode",
                       "codecs.decode"})
"""Pass-through calls whose result may hold any text (`%2F%2Fevil.com` becomes `//evil.com`)."""


_TEXT_FUNCTIONS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("str", "io.StringIO", "StringIO", "io.BytesIO", "BytesIO"), ("builtins", "str")),
    **dict.fromkeys(("base64.b64encode", "b64encode"), ("base64", "b64encode")),
    **dict.fromkeys(("base64.b64decode", "b64decode"), ("base64", "b64decode")),
    "base64.urlsafe_b64encode": ("base64", "urlsafe_b64encode"),
    "base64.urlsafe_b64decode": ("base64", "urlsafe_b64decode"),
    **dict.fromkeys(("urllib.parse.unquote", "unquote"), ("urllib.parse", "unquote")),
    **dict.fromkeys(("urllib.parse.unquote_plus", "unquote_plus"), ("urllib.parse", "unquote_plus")),
    **dict.fromkeys(("urllib.parse.quote", "quote"), ("urllib.parse", "quote")),
    **dict.fromkeys(("urllib.parse.quote_plus", "quote_plus"), ("urllib.parse", "quote_plus")),
    "html.escape": ("html", "escape"), "html.unescape": ("html", "unescape"),
}
"""Functions of one text argument that the flow computes when the argument is literal text (bytes are
kept as their UTF-8 text), as (module, name): imported when first computed, since most reviews compute
none and importing these modules up front cost every review's start-up a few milliseconds."""


def _apply_text_function(module: str, name: str, text: str) -> str:
    function = getattr(import_module(module), name)
    if module == "base64":
        return bytes(function(text.encode())).decode()
    return str(function(text))


_TEXT_METHODS = frozenset({"upper", "lower", "strip", "lstrip", "rstrip", "casefold", "title", "capitalize",
                           "replace", "removeprefix", "removesuffix"})
"""`str` methods computed on literal text with literal text arguments; `encode`/`decode` keep the text."""


def _literal_result(name: str, short: str, node: ast.Call, receiver: Value,
                    args: tuple[Value, ...]) -> str | None:
    """The text a call returns when it is computed from literal text alone, else None."""
    if node.keywords or any(isinstance(arg, ast.Starred) for arg in node.args) \
            or any(arg.start is None for arg in args):
        return None
    texts = [str(arg.start) for arg in args]
    try:
        if name in _TEXT_FUNCTIONS and len(texts) == 1:
            result = _apply_text_function(*_TEXT_FUNCTIONS[name], texts[0])
        elif not isinstance(node.func, ast.Attribute) or receiver.start is None:
            return None
        elif short in {"encode", "decode"}:
            result = receiver.start
        elif short == "replace" and len(texts) >= 2 \
                and (len(receiver.start) + 1) * max(1, len(texts[1])) > MAX_TEXT:
            return None  # text that would grow past the bound (each character replaced by a long one)
        elif short in _TEXT_METHODS:
            result = getattr(str, short)(receiver.start, *texts)
        else:
            return None
    except (ValueError, TypeError, UnicodeError):  # a bad base64 text raises binascii.Error, a ValueError
        return None
    return result if isinstance(result, str) and len(result) <= MAX_TEXT else None


_PLAIN_FIELD = lazy_re(r"^\w*$")


def _template_text(node: ast.expr, value: Value) -> str | None:
    """The literal text a `.format` is called on: written in place, or held by a name the flow knows to
    hold exactly that text (`QUERY = "SELECT ... {}"` above, then `QUERY.format(x)`)."""
    if isinstance(node, ast.Constant):
        return str(node.value)
    if isinstance(node, ast.Name) and not value.tainted and isinstance(value.start, str):
        return value.start
    return None


def _formatted(template: str, args: tuple[Value, ...], kwargs: dict[str, Value], node: ast.Call) -> Value:
    """`"...{}...".format(...)` with untainted arguments: its text when every argument is literal text,
    else an untainted value of unknown text."""
    if any(isinstance(arg, ast.Starred) for arg in node.args) or "**" in kwargs \
            or any(value.start is None for value in (*args, *kwargs.values())):
        return CLEAN
    try:  # plain fields only: a width (`{0:>999999999}`) in an untrusted diff could ask for any size
        if any(spec or conversion or (field is not None and not _PLAIN_FIELD.match(field))
               for _, field, spec, conversion in import_module("string").Formatter().parse(template)):
            return CLEAN
        text = template.format(*(value.start for value in args),
                               **{key: value.start for key, value in kwargs.items()})
    except (IndexError, KeyError, ValueError, AttributeError, TypeError):
        return CLEAN
    return Value(start=text) if len(text) <= MAX_TEXT else CLEAN


def _returns_of(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.Return]:
    """The `return` statements of a function, not of functions nested in it."""
    found: list[ast.Return] = []
    todo: list[ast.AST] = list(node.body)
    while todo:
        current = todo.pop()
        if isinstance(current, ast.Return):
            found.append(current)
        elif not isinstance(current, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            todo.extend(ast.iter_child_nodes(current))
    return found


_MUTATORS = frozenset({"append", "extend", "insert", "add", "update", "setdefault", "appendleft",
                       "extendleft", "put", "put_nowait", "push"})
"""Methods that store their argument in the container they are called on."""


def _replaced_when_inspected(stmt: ast.If | ast.While, scope: _Scope, parsed: dict[str, str]) -> set[str]:
    """Names an `if` (or `while`) assigns afresh in its body after its test inspected them (or the parts
    `urlparse` gave of them: `parts.netloc`, `parts.scheme`) beyond being empty or None (`if not x:
    x = "default"` keeps whatever else `x` holds); where the test failed (its `else`, or after it) they
    hold what passed the test. The assignment may sit in a branch of the body (`if not allowed: x =
    default`): the body is where the code deals with what the test found suspicious."""
    inspected: set[str] = set()
    for node in ast.walk(stmt.test):
        emptiness = isinstance(node, ast.Compare) and all(
            isinstance(c, ast.Constant) and c.value in (None, "", 0) for c in node.comparators)
        if isinstance(node, ast.Call | ast.Attribute | ast.Subscript | ast.Compare) and not emptiness:
            inspected.update(n.id for n in ast.walk(node) if isinstance(n, ast.Name))
    inspected |= {parsed[name] for name in inspected if name in parsed}
    tainted = {name for name in inspected if name in scope.env and scope.env[name].tainted}
    if not tainted:
        return set()
    replaced = {t.id for node in _body_nodes(stmt.body) if isinstance(node, ast.Assign) for t in node.targets
                if isinstance(t, ast.Name)}
    return replaced & tainted


def _replaced_by_own_values(stmt: ast.If | ast.While, names: set[str], scope: _Scope) -> set[str]:
    """Those of `names` that every assignment in the body of `stmt` gives a value holding no request data
    (a default, a constant, a setting), and that its `else` does not assign: where the body keeps the old
    value, only its own check let it through."""
    body = stmt.body
    assigned_in_else = {t.id for node in _body_nodes(stmt.orelse) if isinstance(node, ast.Assign)
                        for t in node.targets if isinstance(t, ast.Name)}
    out = set()
    for name in names - assigned_in_else:
        values = [node.value for node in _body_nodes(body) if isinstance(node, ast.Assign)
                  and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)]
        if values and not any(isinstance(n, ast.Name) and scope.env.get(n.id, CLEAN).tainted
                              for value in values for n in ast.walk(value)):
            out.add(name)
    return out


def _body_nodes(body: Sequence[ast.stmt]) -> Iterator[ast.AST]:
    """The nodes of a block's statements, those of nested functions, classes and lambdas left out."""
    todo: list[ast.AST] = list(body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        yield node
        todo.extend(ast.iter_child_nodes(node))


def _prefix_only(test: ast.expr, checked: set[str], scope: _Scope) -> set[str]:
    """The checked names an `if` test inspects only with `startswith`/`endswith` on a path whose `..`
    is not resolved: `x.startswith("docs/")` lets `docs/../../etc/passwd` through, while
    `os.path.realpath(x).startswith(base)` or a check on a resolved `x` does not."""
    weak: set[str] = set()
    strong: set[str] = set()
    for node in ast.walk(test):
        if not isinstance(node, ast.Call):
            continue
        func = dotted(node.func)
        if not func or not _CHECKING_CALLS.search(func):
            continue
        names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and n.id in checked}
        if isinstance(node.func, ast.Attribute) and node.func.attr in _PREFIX_CHECKS \
                and not _resolved(node.func.value, scope):
            weak |= names
        else:
            strong |= names
    for node in ast.walk(test):  # membership in a collection is a check of its own
        if isinstance(node, ast.Compare) and isinstance(node.ops[0], ast.In | ast.NotIn):
            strong |= {n.id for n in ast.walk(node.left) if isinstance(n, ast.Name)}
    return weak - strong


def _resolved(node: ast.expr, scope: _Scope) -> bool:
    """Whether an expression is a path with `..` resolved: a call that resolves it, or a name holding
    one (through `str(...)`/`os.fspath(...)`)."""
    while isinstance(node, ast.Call) and dotted(node.func) in {"str", "os.fspath"} and node.args:
        node = node.args[0]
    if isinstance(node, ast.Call):
        return dotted(node.func) in _NORMALIZERS or (isinstance(node.func, ast.Attribute)
                                                      and node.func.attr == "resolve")
    return isinstance(node, ast.Name) and scope.env.get(node.id, CLEAN).normalized


def _joined(elements: list[Value]) -> Value:
    out = CLEAN
    for element in elements:
        out = out.union(element)
    return replace(out, start="") if out.tainted else CLEAN


def _case_fits(pattern: ast.pattern, subject: object) -> bool | None:
    """Whether a `case` pattern matches a constant subject (None: cannot tell). A wildcard or capture
    fits anything, even an unknown subject."""
    if isinstance(pattern, ast.MatchAs) and pattern.pattern is None:
        return True
    if isinstance(pattern, ast.MatchOr):  # `case "a" | _:` fits anything too
        answers = [_case_fits(p, subject) for p in pattern.patterns]
        return True if True in answers else None if None in answers else False
    if subject is _UNKNOWN:
        return None
    if isinstance(pattern, ast.MatchValue):
        value = fold(pattern.value, {})
        return None if value is _UNKNOWN else value == subject
    return None


_LIST_METHODS = frozenset({"append", "pop", "insert", "extend", "remove", "clear", "reverse", "sort"})


def _is_list(items: dict[object, Value]) -> bool:
    """Whether the tracked contents are a list's (positions 0..n-1)."""
    return all(isinstance(k, int) and not isinstance(k, bool) for k in items) and \
        sorted(items) == list(range(len(items)))  # type: ignore[type-var]


def _list_method(owner: str, method: str, node: ast.Call, args: tuple[Value, ...], scope: _Scope) -> Value:
    """A method call on a list whose elements are tracked by position: `append`, `insert` and `pop`
    keep the positions right; anything else forgets them."""
    items = [scope.items[owner][i] for i in range(len(scope.items[owner]))]
    index = fold(node.args[0], scope.consts) if node.args and method in {"pop", "insert"} else _UNKNOWN
    result = CLEAN
    if method == "append" and len(args) == 1:
        items.append(args[0])
    elif method == "pop" and not node.args and items:
        result = items.pop()
    elif method == "pop" and isinstance(index, int) and -len(items) <= index < len(items):
        result = items.pop(index)
    elif method == "insert" and len(args) == 2 and isinstance(index, int):
        items.insert(index, args[1])
    else:
        scope.items.pop(owner, None)
        joined = _joined(list(args))
        if joined.tainted:
            scope.env[owner] = scope.env.get(owner, CLEAN).union(joined)
        return _joined(items) if method == "pop" else CLEAN  # `pop(i)`: any element
    scope.items[owner] = dict(enumerate(items))
    for value in args:
        if value.tainted:
            scope.env[owner] = scope.env.get(owner, CLEAN).union(replace(value, start=""))
    return result


def _hold(name: str, key: ast.expr, value: Value, scope: _Scope) -> None:
    """`name[key] = value`: remembered under a literal key while the container's other contents are
    known (it was untainted, or every earlier entry went in under a literal key too)."""
    literal = fold(key, scope.consts)
    stale = any(isinstance(k, tuple) and k[:1] == (literal,) for k in scope.items.get(name, {}))
    if literal is not _UNKNOWN and not stale and _contents_known(name, scope):
        scope.items.setdefault(name, {})[literal] = value
    else:  # a key not known, or a section replaced whose entries were kept by pair: forget the contents
        scope.items.pop(name, None)


def _contents_known(name: str, scope: _Scope) -> bool:
    """Whether what the container `name` holds is known entry by entry: it held no request data, or every
    entry went in under literal keys."""
    return name in scope.items or not scope.env.get(name, CLEAN).tainted


def _hold_pair(name: str, section: ast.expr, key: ast.expr, value: Value, scope: _Scope) -> None:
    """`name.set(section, key, value)` (a `ConfigParser`): remembered under the literal pair while the
    container's contents are known; the container holds what went in either way."""
    pair = (fold(section, scope.consts), fold(key, scope.consts))
    if _UNKNOWN not in pair and _contents_known(name, scope):
        scope.items.setdefault(name, {})[pair] = value
    else:
        scope.items.pop(name, None)
    if value.tainted:
        scope.env[name] = scope.env.get(name, CLEAN).union(replace(value, start=""))


def _held_pair(outer: ast.Subscript, key: ast.expr, scope: _Scope) -> Value | None:
    """What `name[section][key]` holds when both keys are literal and the pair was stored (None: not
    known)."""
    if not isinstance(outer.value, ast.Name) or outer.value.id not in scope.items:
        return None
    pair = (fold(outer.slice, scope.consts), fold(key, scope.consts))
    return scope.items[outer.value.id].get(pair)


def _held(container: ast.expr, key: ast.expr, scope: _Scope) -> Value | None:
    """What a dict filled under literal keys holds under the literal `key` (None: not known)."""
    if not isinstance(container, ast.Name) or container.id not in scope.items:
        return None
    literal = fold(key, scope.consts)
    if literal is _UNKNOWN:
        return None
    held = scope.items[container.id]
    if isinstance(literal, int) and not isinstance(literal, bool) and literal < 0 and _is_list(held):
        literal += len(held)
    return held.get(literal, CLEAN)


_UNKNOWN = object()
"""`fold`'s answer for an expression whose value is not a constant."""
_FOLD_OPS: dict[type, object] = {
    ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
    ast.FloorDiv: lambda a, b: a // b, ast.Mod: lambda a, b: a % b, ast.Div: lambda a, b: a / b,
}
_FOLD_COMPARE: dict[type, object] = {
    ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b, ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b, ast.Gt: lambda a, b: a > b, ast.GtE: lambda a, b: a >= b,
}


def fold(node: ast.expr, consts: dict[str, object]) -> object:
    """The value of an expression made of literals, names bound to literals, arithmetic, comparisons,
    `not`/`and`/`or` and indexing of a literal string; `_UNKNOWN` for anything else (or an error). A
    number or text past a size bound is unknown too: the diff is untrusted, and `x = x * x` repeated
    would otherwise grow without end."""
    try:
        value = _fold(node, consts)
    except (ArithmeticError, TypeError, ValueError, IndexError):
        return _UNKNOWN
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return _UNKNOWN
    if isinstance(value, int) and not -MAX_NUMBER <= value <= MAX_NUMBER:
        return _UNKNOWN
    return value


MAX_TEXT = 4096
"""Longest literal text the flow keeps (longer text is treated as unknown)."""
MAX_NUMBER = 2**64


def _fold(node: ast.expr, consts: dict[str, object]) -> object:
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, int | float | str | bool) else _UNKNOWN
    if isinstance(node, ast.Name):
        return consts.get(node.id, _UNKNOWN)
    if isinstance(node, ast.UnaryOp):
        operand = _fold(node.operand, consts)
        if operand is _UNKNOWN:
            return _UNKNOWN
        if isinstance(node.op, ast.Not):
            return not operand
        return -operand if isinstance(node.op, ast.USub) and isinstance(operand, int | float) else _UNKNOWN
    if isinstance(node, ast.BinOp) and type(node.op) in _FOLD_OPS:
        left, right = _fold(node.left, consts), _fold(node.right, consts)
        if left is _UNKNOWN or right is _UNKNOWN:
            return _UNKNOWN
        if isinstance(left, str) != isinstance(right, str) or (
                isinstance(left, str) and not isinstance(node.op, ast.Add)):
            return _UNKNOWN  # no string repetition or `%` formatting here
        return _FOLD_OPS[type(node.op)](left, right)  # type: ignore[operator]
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _FOLD_COMPARE:
        left, right = _fold(node.left, consts), _fold(node.comparators[0], consts)
        if left is _UNKNOWN or right is _UNKNOWN:
            return _UNKNOWN
        return _FOLD_COMPARE[type(node.ops[0])](left, right)  # type: ignore[operator]
    if isinstance(node, ast.BoolOp):
        values = [_fold(v, consts) for v in node.values]
        if any(v is _UNKNOWN for v in values):
            return _UNKNOWN
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.Subscript):
        base, index = _fold(node.value, consts), _fold(node.slice, consts)
        if isinstance(base, str) and isinstance(index, int) and not isinstance(index, bool):
            return base[index]
    return _UNKNOWN


def _index(tree: ast.AST) -> dict[type, list[ast.AST]]:
    """Every node of the tree by type, from one walk: breadth first, in the order of `ast.walk`, whose
    generators cost several times this loop on a large file."""
    by_type: dict[type, list[ast.AST]] = {}
    todo = deque([tree])
    while todo:
        node = todo.popleft()
        by_type.setdefault(type(node), []).append(node)
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, ast.AST):
                todo.append(value)
            elif isinstance(value, list):
                todo.extend(item for item in value if isinstance(item, ast.AST))
    return by_type


def _source_safe_for(name: str) -> frozenset[str]:
    """Sink kinds a request source is harmless for: the page's own URL cannot send a redirect or fetch
    to another host."""
    for request in _REQUEST_NAMES:
        if name.startswith(request + "."):
            first, *rest = (part.removesuffix("()") for part in name[len(request) + 1:].split("."))
            if rest and rest[-1] in _SPLITTERS:  # `request.path.split("/")`: pieces are any text
                return frozenset()
            return frozenset({URL}) if first in _OWN_URL else frozenset()
    return frozenset()


def _is_source(name: str) -> bool:
    if not name:
        return False
    if name in _HANDLER_SOURCES:
        return True
    for request in _REQUEST_NAMES:
        if name.startswith(request + "."):
            first = name[len(request) + 1:].split(".", 1)[0].removesuffix("()")
            return first in _SOURCE_ATTRS
    return False


_HTML_ESCAPER = lazy_re(r"^(?:escape_?(?:for_?)?html|html_?escape|escape_?xml|xml_?escape|xhtml_?escape)$",
                           re.IGNORECASE)
"""Functions named for escaping HTML (the project's own or a library's, e.g. tornado's `xhtml_escape`)."""


def is_handler(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A function under a route or error-handler decorator: what it returns is the response. (A function
    whose first argument is `request` may be a Django view, but as often a helper that returns a value
    read from the request, so its returns are not taken for responses.)"""
    return _routed(node) or _decorated(node, _ERROR_HANDLER)


_ERROR_HANDLER = lazy_re(r"(?:^|\.)(?:app_)?errorhandler$")


def _decorated(node: ast.FunctionDef | ast.AsyncFunctionDef, pattern: re.Pattern[str]) -> bool:
    return any(pattern.search(dotted(d.func if isinstance(d, ast.Call) else d) or "")
               for d in node.decorator_list)


def _routed(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return _decorated(node, _ROUTE_DECORATOR)


def _tainted_params(node: ast.FunctionDef | ast.AsyncFunctionDef, owner: ast.ClassDef | None = None,
                    routed: bool = False, tornado: bool = False,
                    choices: frozenset[str] = frozenset()) -> list[str]:
    """The URL/query parameters of a route handler: arguments bound from the request. `owner` is the
    class the function is a method of (`tornado`: a Tornado `RequestHandler`); `routed` says the file
    registers the function in a route table (`app.add_url_rule(..., view_func=f)`)."""
    params = [a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)]
    django_view = bool(params) and (params[0] == "request" or (params[:2] == ["self", "request"]))
    if len(params) == 2 and params[0] == "event" and params[1] in _LAMBDA_CONTEXT:
        return ["event"]  # an AWS Lambda handler: the event is the caller's request
    if params[:1] == ["self"]:  # a method (a hunk may show it without its class)
        extra = _method_route_params(node, params, tornado)
        if extra is not None:
            typed = typed_params(node, choices)
            return [name for name in extra if name not in typed]
    if not routed and not _routed(node) and not django_view:
        return []
    defaults = _param_defaults(node)
    typed = typed_params(node, choices)
    out: list[str] = []
    for name in params:
        if name in {"self", "cls", "request", "req", "db", "session"} or name in typed:
            continue
        default = defaults.get(name)
        if default is not None and isinstance(default, ast.Call) and \
                dotted(default.func).rsplit(".", 1)[-1] in {"Depends", "Security"}:
            continue
        out.append(name)
    if node.args.kwarg is not None and django_view:
        out.append(node.args.kwarg.arg)
    return out


def _method_route_params(node: ast.FunctionDef | ast.AsyncFunctionDef, params: list[str],
                         tornado: bool) -> list[str] | None:
    """The URL parameters of a class-based handler method, or None when the method is no handler: a
    Falcon responder (`on_get(self, req, resp, name)`: the route's fields follow `resp`) or a Tornado
    `RequestHandler`'s verb method (`get(self, name)`: the path's groups follow `self`)."""
    if _FALCON_RESPONDER.match(node.name) and params[1:2] in (["req"], ["request"]) \
            and params[2:3] in (["resp"], ["response"]):
        return params[3:] + ([node.args.vararg.arg] if node.args.vararg else [])
    if node.name in _TORNADO_VERBS and tornado and params[1:2] != ["request"]:
        return params[1:] + ([node.args.vararg.arg] if node.args.vararg else [])
    return None


_CONVERTER = lazy_re(r"<(?:int|float|uuid):(\w+)>|\{(\w+):(?:int|float|uuid)\}")
_SAFE_ANNOTATIONS = frozenset({"int", "float", "bool", "UUID", "uuid.UUID", "date", "datetime", "Decimal"})
_ENUM_BASES = frozenset({"Enum", "StrEnum", "IntEnum", "enum.Enum", "enum.StrEnum", "enum.IntEnum"})
_OPTIONAL = frozenset({"Optional", "typing.Optional", "Union", "typing.Union", "Annotated",
                       "typing.Annotated"})


def choice_classes(tree: ast.Module) -> frozenset[str]:
    """Enum classes the module defines: a parameter annotated with one only ever holds one of its
    members (FastAPI and Litestar answer 422 to any other value)."""
    found: set[str] = set()
    classes = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    while classes:  # module-level classes and the classes nested in them, not every node of the module
        node = classes.pop()
        if any(dotted(base) in _ENUM_BASES for base in node.bases):
            found.add(node.name)
        classes.extend(inner for inner in node.body if isinstance(inner, ast.ClassDef))
    return frozenset(found)


def _choice_annotation(node: ast.expr, choices: frozenset[str]) -> bool:
    """An annotation that admits only values the code lists: `Literal["a", "b"]`, a same-file enum, a
    safe scalar type, or one of those made optional (`X | None`, `Optional[X]`, `Annotated[X, ...]`)."""
    name = dotted(node)
    if name in _SAFE_ANNOTATIONS or name in choices:
        return True
    if isinstance(node, ast.Constant) and node.value is None:
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _choice_annotation(node.left, choices) and _choice_annotation(node.right, choices)
    if isinstance(node, ast.Subscript):
        outer = dotted(node.value)
        if outer in {"Literal", "typing.Literal"}:
            return True
        if outer in _OPTIONAL:
            parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            return _choice_annotation(parts[0], choices) if outer.endswith("Annotated") \
                else all(_choice_annotation(part, choices) for part in parts)
    return False


def typed_params(node: ast.FunctionDef | ast.AsyncFunctionDef,
                 choices: frozenset[str] = frozenset()) -> set[str]:
    """Parameters the framework converts before the handler runs: `<int:id>` route converters and
    `id: int`, `sort: SortField` (a same-file enum), `dir: Literal["asc", "desc"]` annotations (FastAPI
    and friends validate them)."""
    typed: set[str] = set()
    for deco in node.decorator_list:
        if isinstance(deco, ast.Call) and deco.args and isinstance(deco.args[0], ast.Constant) \
                and isinstance(deco.args[0].value, str):
            for match in _CONVERTER.finditer(deco.args[0].value):
                typed.add(match.group(1) or match.group(2))
    for arg in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs):
        if arg.annotation is not None and _choice_annotation(arg.annotation, choices):
            typed.add(arg.arg)
    return typed


def _route_table_views(calls: Sequence[ast.Call]) -> set[str]:
    """Names of functions a file registers as views with Flask's `add_url_rule(rule, endpoint,
    view_func)` (or `view_func=`): their parameters are the rule's placeholders."""
    found: set[str] = set()
    for call in calls:
        if not isinstance(call.func, ast.Attribute) or call.func.attr != "add_url_rule":
            continue
        view = next((kw.value for kw in call.keywords if kw.arg == "view_func"),
                    call.args[2] if len(call.args) > 2 else None)
        if isinstance(view, ast.Name):
            found.add(view.id)
    return found


def _tornado_base(base: str, known: set[str], imports_tornado: bool) -> bool:
    """A base class that makes a Tornado request handler: `RequestHandler` (any module's spelling), a
    handler class of the same file, or a `...Handler` of the project's in a module that uses Tornado."""
    last = base.rsplit(".", 1)[-1]
    return last.endswith("RequestHandler") or last in known or (imports_tornado and last.endswith("Handler"))


def _pattern_text(node: ast.expr) -> str | None:
    """The literal text a module-level name holds, or the pattern a regex is compiled from."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Call) and dotted(node.func) in {"re.compile", "compile", "regex.compile"} \
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
        return node.args[0].value
    return None


def _param_defaults(node: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, ast.expr]:
    positional = [*node.args.posonlyargs, *node.args.args]
    out = {a.arg: d for a, d in zip(positional[len(positional) - len(node.args.defaults):],
                                     node.args.defaults, strict=True)}
    out.update({a.arg: d for a, d in zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True)
                if d is not None})
    return out


def source_text(ctx: FileContext) -> str:
    """The known lines of the file as one text, for the checks' cheap pre-filters (computed once per
    file, on the context)."""
    return ctx.known_text()


def mentions(ctx: FileContext, *words: str) -> bool:
    """Whether any of `words` occurs in the file's known lines (a substring test, before any parsing)."""
    return ctx.mentions(words)


_ROUTE_WORDS = (".route(", ".get(", ".post(", ".put(", ".patch(", ".delete(", ".head(", ".options(",
                ".api_route(", ".websocket(", "api_view", "@action")


def may_have_routes(ctx: FileContext) -> bool:
    """Whether the file can declare a route: a decorator and a routing word."""
    text = source_text(ctx)
    return "@" in text and any(word in text for word in _ROUTE_WORDS)


_SOURCE_WORDS = ("(event, ", "RequestHandler", "add_url_rule", "self.kwargs", "self.args")
"""Words of sources that need no `req`: a Lambda handler, a Tornado handler (`get(self, name)`), a Flask
route table, a class-based view's URL arguments."""


def may_have_sources(ctx: FileContext) -> bool:
    """Whether the file mentions a request or a route at all: without one, nothing can be tainted."""
    text = source_text(ctx)
    return "req" in text or ("@" in text and any(word in text for word in _ROUTE_WORDS)) \
        or any(word in text for word in _SOURCE_WORDS)


_CACHE: dict[int, tuple[FileContext, list[Flow]]] = {}
_CACHE_SIZE = 32


def flows(ctx: FileContext) -> list[Flow]:
    """The data flow of a Python file: the whole file when it parses, else each run of known lines that
    can be made to parse (dedented, trimmed by a few lines at either end). Several checks ask for the
    same file in a row, so the last few are kept (keyed by identity, holding the context alive)."""
    hit = _CACHE.get(id(ctx))
    if hit is not None and hit[0] is ctx:
        return hit[1]
    out = list(_parse_all(ctx))
    for index, flow in enumerate(out):
        flow.earlier = out[:index]
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[id(ctx)] = (ctx, out)
    return out


MAX_TRIM = 6


def _parse_all(ctx: FileContext) -> Iterator[Flow]:
    segments = ctx.segments()
    if ctx.whole_file or len(segments) == 1:
        last = max(ctx.lines, default=0)
        tree = _parse("\n".join(ctx.lines.get(n, "") for n in range(1, last + 1)))
        if tree is not None:
            yield Flow(tree)
            return
    for first, texts in segments:
        yield from _parse_fragment(first, texts, _signature(ctx.sections.get(first, "")))


_SIGNATURE = lazy_re(r"^(?:async\s+)?def\s+\w+\s*\(.*\)\s*(?:->.*)?:\s*$")


def _signature(section: str) -> str | None:
    """The hunk header's `def ...:` line, when git named the function a hunk starts in and the whole
    signature fits in the header."""
    section = section.strip()
    return section if section and _SIGNATURE.match(section) else None


def _parse_fragment(first: int, texts: list[str], signature: str | None = None) -> Iterator[Flow]:
    """A run of hunk lines that parses, trying few cuts: starts at the least indented of the first lines
    (a hunk often begins inside a block), ends at the run's end or a few lines before it (a hunk often
    stops inside a block). A run that starts indented inside the function its hunk header names (from its
    first line, or from the first line at the function's own level when it starts deeper) is parsed as that
    function's body, so its parameters and its own statements are read as a function's."""
    attempts = 0
    for start in _fragment_starts(texts):
        for end in range(len(texts), max(start, len(texts) - MAX_TRIM // 2) - 1, -1):
            if end <= start or attempts >= MAX_ATTEMPTS:
                continue
            attempts += 1
            body = textwrap.dedent("\n".join(texts[start:end]))
            if signature is not None and texts[start][:1] in (" ", "\t"):
                tree = _parse(signature + "\n" + textwrap.indent(body, "    "))
                if tree is not None:
                    yield Flow(tree, offset=first + start - 2)
                    return
            tree = _parse(body)
            if tree is not None:
                yield Flow(tree, offset=first + start - 1)
                return


MAX_ATTEMPTS = 8
MAX_ENTERED = 64
"""Most same-file functions walked again with request data, per parsed module."""
ENTERED_LINES_PER_LINE = 2
"""The functions walked again span at most this many lines per line of the module, so that the extra
work stays linear in the file's size however often a long function is called."""
_STATIC = lazy_re(r"^staticmethod$")
_COMMON_METHODS = frozenset({
    "get", "set", "pop", "update", "append", "extend", "insert", "remove", "add", "discard", "clear",
    "copy", "keys", "values", "items", "setdefault", "format", "join", "split", "replace", "strip",
    "encode", "decode", "read", "write", "open", "close", "send", "run", "call", "execute", "save",
    "delete", "filter", "exclude", "create", "render",
})


def _fragment_starts(texts: list[str]) -> list[int]:
    window = [(i, len(t) - len(t.lstrip())) for i, t in enumerate(texts[:MAX_TRIM]) if t.strip()]
    if not window:
        return []
    least = min(indent for _, indent in window)
    starts = [i for i, indent in window if indent == least]
    return starts[:3]


def _parse(text: str) -> ast.Module | None:
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _is_none(node: ast.expr) -> bool:
    """Whether `node` is the literal `None` (`if match(...) is None` means the check failed)."""
    return isinstance(node, ast.Constant) and node.value is None
