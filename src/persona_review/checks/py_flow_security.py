"""Python security checks that follow data from the request to where it does harm: file paths, outbound
URLs, redirects, `eval`, templates, LDAP and XPath queries, XML parsers and the session.

Every check reads `_pyflow.flows`, so a value that is in fact constant, converted to a number, escaped,
or validated in an `if` is not reported. Messages name the value, where it came from and the call.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import replace

from persona_review.checks._py_hits import check, code, hit_at, hit_on
from persona_review.checks._py_imports import canonical, imported_names
from persona_review.checks._pyflow import (
    ALL_KINDS,
    CLEAN,
    HTML,
    LDAP,
    PATH,
    SHELL,
    SQL,
    URL,
    XPATH,
    Flow,
    SinkCall,
    Value,
    dotted,
    flows,
    may_have_sources,
    mentions,
)
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Severity
from persona_review.lazy_re import lazy_re


def _arg(call: SinkCall, index: int, *names: str) -> tuple[Value, ast.expr] | None:
    for kw in call.call.keywords:
        if kw.arg in names:
            return call.kwargs[kw.arg], kw.value
    if len(call.call.args) > index and not isinstance(call.call.args[index], ast.Starred):
        return call.args[index], call.call.args[index]
    return None


def _tainted_calls(ctx: FileContext, names: frozenset[str], kind: str, index: int, *kw: str,
                   fixed_host_ok: bool = False) -> Iterator[tuple[SinkCall, Value, ast.expr]]:
    if not may_have_sources(ctx):
        return
    seen: set[tuple[int, int]] = set()
    for calls in _named_calls(ctx):
        for call, spelled in calls:
            if names.isdisjoint(spelled):
                continue
            found = _arg(call, index, *kw)
            if found is None:
                continue
            value, node = found
            if not value.unsafe_for(kind) or (fixed_host_ok and value.host_fixed()):
                continue
            key = (call.line, call.call.col_offset)
            if key not in seen:
                seen.add(key)
                yield call, value, node


def _named_calls(ctx: FileContext) -> list[list[tuple[SinkCall, frozenset[str]]]]:
    """Each flow's calls, each with the names a sink list may know it by: as written, its last part, and
    as imported (`fetch` -> `requests.get`). Found once per file for the dozen checks that ask."""

    def named() -> list[list[tuple[SinkCall, frozenset[str]]]]:
        out = []
        for flow in flows(ctx):
            imported = imported_names(flow)
            out.append([
                (call, frozenset((call.name, call.name.rsplit(".", 1)[-1], canonical(call.name, imported))))
                for call in flow.calls
            ])
        return out

    return ctx.cached("py_flow_security.named_calls", named)


# --- path traversal ---------------------------------------------------------------------------------------

_FILE_SINKS = frozenset({
    "open", "io.open", "io.FileIO", "os.open", "codecs.open", "aiofiles.open", "send_file", "flask.send_file",
    "FileResponse", "os.remove", "os.unlink", "os.rmdir", "os.removedirs", "os.listdir", "os.scandir",
    "os.makedirs", "os.mkdir", "os.chmod", "os.chown", "os.truncate", "os.utime", "shutil.rmtree",
    "shutil.chown", "tarfile.open", "zipfile.ZipFile", "shutil.make_archive",
    "shutil.unpack_archive", "os.walk",
    "os.stat", "os.lstat", "os.access", "os.path.exists", "os.path.isfile", "os.path.isdir",
    "os.path.getsize", "os.path.getmtime",
    # Sanic serves a file by path (`from sanic import response` / `from sanic.response import file`)
    "sanic.response.file", "sanic.response.file_stream", "response.file", "response.file_stream",
})
_TWO_PATH_SINKS = frozenset({
    "shutil.copy", "shutil.copyfile", "shutil.copy2", "shutil.copymode", "shutil.copystat", "shutil.copytree",
    "shutil.move", "os.rename", "os.renames", "os.replace", "os.link", "os.symlink",
})
"""Functions with a source and a destination path: either one from the request is traversal."""
_DIRECTORY_SINKS = frozenset({"send_from_directory", "flask.send_from_directory"})
"""Serve a file name under a directory, refusing names that leave it: only the directory is a path sink."""


def _uploads_saved(ctx: FileContext) -> Iterator[tuple[SinkCall, Value, ast.expr]]:
    """`upload.save(path)` on an uploaded file (`request.files[...]`) to a path built from the request
    (typically the upload's own `filename`)."""
    for flow in flows(ctx):
        for call in flow.calls:
            if call.name.rsplit(".", 1)[-1] != "save" or not call.receiver.tainted \
                    or "files" not in call.receiver.source.lower():
                continue
            found = _arg(call, 0, "dst")
            if found is not None and found[0].unsafe_for(PATH):
                yield call, found[0], found[1]
_BUILT_NEAR = 6
"""How many lines above its use an added assignment that built the value may be and still be part of the
finding (further up, the use alone is shown)."""


def from_assignment(ctx: FileContext, call: SinkCall, node: ast.expr, found: Hit) -> Hit:
    """`found`, widened up to the added line that built the value of the name `node` is (`dest =
    os.path.join(base, upload.filename)` then `upload.save(dest)`): request data put into a path is shown
    where it is put in, with the call that uses it. Only when that is the name's one assignment in the
    call's own function (or its one assignment from request data, when branches assign it), a few lines
    up, and it builds text (a join, a path, an f-string, a `+`, or a call of a function of the file that
    returns one): a value read as is stays on its use."""
    if not isinstance(node, ast.Name):
        return found
    built = _built_line(ctx, call, node.id)
    if built is None or built not in ctx.added or not 0 < found.line - built <= _BUILT_NEAR:
        return found
    return replace(found, line=built, end_line=found.end_line or found.line)


_BUILDERS = frozenset({"os.path.join", "posixpath.join", "Path", "pathlib.Path", "PurePath", "safe_join"})


def _built_line(ctx: FileContext, call: SinkCall, name: str) -> int | None:
    found = _assignments_by_flow(ctx).get(id(call))
    if found is None:
        return None
    functions, assigns, tainted, builders = found
    offset = call.line - call.call.lineno
    start = max((first for first, last in functions if first <= call.call.lineno <= last), default=0)
    mine = [a for a in assigns.get(name, ()) if start <= a.lineno < call.call.lineno]
    if len(mine) > 1:  # `if part: path = join(..., part) else: path = join(..., stored)`: the request's
        mine = [a for a in mine if (name, a.lineno) in tainted]
    if len(mine) != 1 or not _builds_text(mine[0].value, builders):
        return None
    return mine[0].lineno + offset


_Assigns = tuple[list[tuple[int, int]], dict[str, list[ast.Assign]], set[tuple[str, int]], set[str]]


def _assignments_by_flow(ctx: FileContext) -> dict[int, _Assigns]:
    """For each call of the file's flows (by id): its flow's functions (first and last line), the
    plain-name assignments by name, those that assign request data (name, line in the flow), and the
    file's module functions that return built text. Read once per file."""

    def read() -> dict[int, _Assigns]:
        out: dict[int, _Assigns] = {}
        builders = {node.name for flow in flows(ctx) for node in flow.tree.body
                    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and (returns := [
                        r.value for r in ast.walk(node) if isinstance(r, ast.Return)])
                    and all(value is not None and _builds_text(value, set()) for value in returns)}
        for flow in flows(ctx):
            tainted = {(a.target.id, a.line - flow.offset) for a in flow.assignments
                       if isinstance(a.target, ast.Name) and a.value.tainted}
            functions = [(f.lineno, f.end_lineno or f.lineno)
                         for kind in (ast.FunctionDef, ast.AsyncFunctionDef) for f in flow.nodes(kind)]
            assigns: dict[str, list[ast.Assign]] = {}
            for node in flow.nodes(ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assigns.setdefault(target.id, []).append(node)
            for call in flow.calls:
                out[id(call)] = (functions, assigns, tainted, builders)
        return out

    return ctx.cached("py_flow_security.assignments_by_flow", read)


def _builds_text(value: ast.expr, builders: set[str]) -> bool:
    if isinstance(value, ast.JoinedStr | ast.BinOp):
        return True
    return isinstance(value, ast.Call) and (dotted(value.func) in _BUILDERS or dotted(value.func) in builders)


_PATH_METHODS = frozenset({"read_text", "read_bytes", "write_text", "write_bytes", "unlink", "rmdir", "open",
                           "mkdir", "touch", "rename", "replace", "iterdir"})


@check(
    "PY-PATH-TRAVERSAL", "SEC-14", Severity.HIGH, "Request data used as a file path",
    "A name like `../../etc/passwd` (or an absolute path) reads, overwrites or deletes any file the "
    "process can reach. Reduce the input to a bare file name (`secure_filename`), join it to a fixed base "
    "directory, resolve it and check that the result is still under that directory; Flask's "
    "`send_from_directory` does this for you.")
def path_traversal(ctx: FileContext) -> Iterator[Hit]:
    if not may_have_sources(ctx):
        return
    found = [*_tainted_calls(ctx, _FILE_SINKS | _TWO_PATH_SINKS, PATH, 0, "file", "path", "filename",
                             "path_or_file", "name", "src"),
             *_tainted_calls(ctx, _DIRECTORY_SINKS, PATH, 0, "directory"),
             *_tainted_calls(ctx, _TWO_PATH_SINKS, PATH, 1, "dst"),
             *_uploads_saved(ctx)]
    reported: set[int] = set()
    built_at: set[int] = set()
    for call, value, node in found:
        if call.line in reported:
            continue
        reported.add(call.line)
        built = _built_line(ctx, call, node.id) if isinstance(node, ast.Name) else None
        if built is not None and built in built_at:
            continue  # `exists(path)` then `open(path)`: one path built from the request, told once
        if built is not None:
            built_at.add(built)
        yield from_assignment(ctx, call, node, hit_at(
            call, f"`{code(node)}` comes from {value.source} and is opened as a path by `{call.name}`: "
                  "`../` in it escapes the intended directory."))
    for flow in flows(ctx):
        for call in flow.calls:
            short = call.name.rsplit(".", 1)[-1]
            if short in _PATH_METHODS and call.receiver.pathlike and call.receiver.unsafe_for(PATH) \
                    and isinstance(call.call.func, ast.Attribute):
                where = code(call.call.func.value)
                yield hit_at(call, f"The path `{where}` is built from {call.receiver.source} and "
                                   f"`.{short}()` acts on it: `../` in the input escapes the intended "
                                   "directory.")


# --- SSRF and open redirect -------------------------------------------------------------------------------

_HTTP_VERBS = ("get", "post", "put", "patch", "delete", "head", "options")
_FETCHERS = frozenset({f"{lib}.{verb}" for lib in ("requests", "httpx") for verb in _HTTP_VERBS}
                      | {"urllib.request.urlopen", "urlopen", "urllib.request.Request", "urllib3.request",
                         "tornado.httpclient.HTTPRequest", "httpclient.HTTPRequest"})
_REQUESTERS = frozenset({"requests.request", "httpx.request", "httpx.stream", "urllib3.PoolManager().request",
                         "urllib3.request", "aiohttp.request"})
_CONNECTIONS = frozenset({"http.client.HTTPConnection", "http.client.HTTPSConnection", "HTTPConnection",
                          "HTTPSConnection", "socket.create_connection", "smtplib.SMTP", "smtplib.SMTP_SSL",
                          "ftplib.FTP", "ftplib.FTP_TLS"})
_CLIENT_URL_KEYWORDS = ("base_url", "endpoint_url", "account_url", "vault_url", "endpoint", "url", "host")
_CLIENT_FACTORY = lazy_re(r"(?:^|\.)(?:\w*Client|from_\w*url|from_connection_string)$")
"""An SDK client made for an address: `BlobServiceClient(account_url)`, `SecretClient(vault_url=...)`,
`httpx.Client(base_url=...)`, `ContainerClient.from_container_url(...)`."""


_ADDRESS_FIRST = ("azure.", "pymongo.MongoClient", "motor.motor_asyncio.AsyncIOMotorClient")
"""Clients whose first positional argument is the service's address (other clients' first argument may
be a token or an app, so only their address keywords count)."""


def _sdk_clients(ctx: FileContext) -> Iterator[tuple[SinkCall, Value, ast.expr]]:
    """A client for a service whose address comes from the request: every request it makes goes there.
    `boto3.client(..., endpoint_url=...)` too."""
    for flow in flows(ctx):
        imported = imported_names(flow)
        for call in flow.calls:
            name = canonical(call.name, imported)
            boto = name.rsplit(".", 1)[-1] in {"client", "resource"} and "boto" in name
            if not boto and not _CLIENT_FACTORY.search(name):
                continue
            first = 0 if name.startswith(_ADDRESS_FIRST) or "from_" in name else 99
            found = _arg(call, first, *_CLIENT_URL_KEYWORDS) if not boto else _arg(call, 99, "endpoint_url")
            if found is not None and found[0].unsafe_for(URL) and not found[0].host_fixed():
                yield call, found[0], found[1]


def _client_calls(ctx: FileContext) -> Iterator[tuple[SinkCall, Value, ast.expr]]:
    """`session.get(url)` on a `requests.Session()` / `httpx.Client()` the function made."""
    if not may_have_sources(ctx):
        return
    for flow in flows(ctx):
        for call in flow.calls:
            verb = call.name.rsplit(".", 1)[-1]
            if not call.receiver.http_client or verb not in (*_HTTP_VERBS, "request", "stream", "fetch"):
                continue
            found = _arg(call, 1 if verb in {"request", "stream"} else 0, "url")
            if found is not None and found[0].unsafe_for(URL) and not found[0].host_fixed():
                yield call, found[0], found[1]


@check(
    "PY-SSRF", "SEC-14", Severity.HIGH, "Outbound request to a URL taken from the request",
    "The server fetches whatever URL the caller names: internal services, the cloud metadata endpoint "
    "(169.254.169.254) and admin ports become reachable through it. Keep the scheme and host fixed in "
    "code and put only the checked value in the path or query, or match the host against an allow-list.")
def ssrf(ctx: FileContext) -> Iterator[Hit]:
    found = [*_tainted_calls(ctx, _FETCHERS, URL, 0, "url", fixed_host_ok=True),
             *_tainted_calls(ctx, _REQUESTERS, URL, 1, "url", fixed_host_ok=True),
             *_tainted_calls(ctx, _CONNECTIONS, URL, 0, "host", "address", fixed_host_ok=True),
             *_client_calls(ctx), *(_sdk_clients(ctx) if may_have_sources(ctx) else ())]
    for call, value, node in found:
        yield hit_at(call, f"`{code(node)}` comes from {value.source} and chooses the host `{call.name}` "
                         "connects to: the caller can reach internal addresses through this server.")


_REDIRECTS = frozenset({"redirect", "flask.redirect", "django.shortcuts.redirect", "HttpResponseRedirect",
                        "HttpResponsePermanentRedirect", "RedirectResponse",
                        # aiohttp raises its redirects: `raise web.HTTPFound(location)`
                        "web.HTTPFound", "web.HTTPSeeOther", "web.HTTPTemporaryRedirect",
                        "web.HTTPPermanentRedirect", "web.HTTPMovedPermanently",
                        "aiohttp.web.HTTPFound", "aiohttp.web.HTTPSeeOther",
                        # Pyramid (WebOb) returns or raises them: `HTTPFound(location=...)`
                        "pyramid.httpexceptions.HTTPFound", "pyramid.httpexceptions.HTTPSeeOther",
                        "pyramid.httpexceptions.HTTPMovedPermanently",
                        "pyramid.httpexceptions.HTTPTemporaryRedirect", "webob.exc.HTTPFound",
                        "webob.exc.HTTPSeeOther", "exc.HTTPFound", "httpexceptions.HTTPFound"})


@check(
    "PY-OPEN-REDIRECT", "SEC-14", Severity.MEDIUM, "Redirect to a URL taken from the request",
    "A link on your domain that forwards to any site is a ready-made phishing page and can leak tokens in "
    "the URL. Redirect only to relative paths checked with the framework's safe-URL helper "
    "(`url_has_allowed_host_and_scheme`) or to an allow-list of hosts.")
def open_redirect(ctx: FileContext) -> Iterator[Hit]:
    for call, value, node in _tainted_calls(ctx, _REDIRECTS, URL, 0, "location", "url", "to",
                                            fixed_host_ok=True):
        yield hit_at(call, f"`{call.name}` sends the browser to `{code(node)}`, which comes from "
                         f"{value.source}: any external site can be the target.")
    if not may_have_sources(ctx) or not mentions(ctx, "Location", "location"):
        return
    for flow in flows(ctx):
        for assignment in flow.assignments:
            target, value = assignment.target, assignment.value
            if not isinstance(target, ast.Subscript) or not dotted(target.value).endswith("headers"):
                continue
            key = target.slice.value if isinstance(target.slice, ast.Constant) else None
            if str(key).lower() == "location" and value.unsafe_for(URL) and not value.host_fixed():
                yield Hit(assignment.line, None, f"The `Location` header is set from {value.source}: any "
                                                 "external site can be the target.")


# --- SQL text and commands chosen by the request ---------------------------------------------------------

_SQL_METHODS = frozenset({"execute", "executemany", "executescript", "mogrify", "raw", "extra", "read_sql",
                          "read_sql_query"})
_SQL_DRIVER_METHODS = frozenset({"fetch", "fetchrow", "fetchval", "copy_from_query", "prepare", "cursor"})
_SQL_RECEIVER = lazy_re(r"(?:^|[._])(?:conn|connection|con|pool|db|database|cursor|cur|session|tx|"
                           r"transaction|engine|(?:db|sql|pg|postgres|database|clickhouse|ch)_?client)s?$",
                           re.IGNORECASE)
"""What a driver's `fetch`/`prepare` is called on: a connection, a pool, a cursor, a database's client (not
any client: `rates_client.fetch(base, quote)` asks an HTTP service)."""
_SQL_TEXT = frozenset({"sqlalchemy.text", "sql.text", "sql.expression.text", "sqlalchemy.sql.text",
                       "expression.text", "TextClause", "sqlalchemy.TextClause", "db.text", "RawSQL"})


_LITERAL_COLUMN = frozenset({"sqlalchemy.literal_column", "sql.literal_column", "expression.literal_column",
                             "sqlalchemy.sql.literal_column", "sqlalchemy.sql.expression.literal_column"})


def _sql_sinks(ctx: FileContext) -> Iterator[tuple[SinkCall, Value, ast.expr]]:
    sqlalchemy = mentions(ctx, "sqlalchemy")
    for flow in flows(ctx):
        for call in flow.calls:
            short = call.name.rsplit(".", 1)[-1]
            receiver = call.name.rsplit(".", 1)[0] if "." in call.name else ""
            clause = call.name in _SQL_TEXT or (short == "text" and sqlalchemy and not receiver) \
                or (sqlalchemy and call.name.startswith("sqlalchemy.") and short in {"text", "TextClause"})
            if short == "literal_column" and (sqlalchemy or call.name in _LITERAL_COLUMN):
                # a column expression written as SQL text: request data anywhere in it is SQL
                found = _arg(call, 0, "text")
                if found is not None and found[0].unsafe_for(SQL):
                    yield call, found[0], found[1]
                continue
            if not (clause or (short in _SQL_METHODS and receiver)
                    or (short in _SQL_DRIVER_METHODS and _SQL_RECEIVER.search(receiver))):
                continue
            found = _arg(call, 0, "sql", "query", "statement", "text", "operation")
            if found is None or not found[0].unsafe_for(SQL) or found[0].start is None:
                continue
            # the request's text is the SQL; a SQL clause may also quote it (`text("'{}'".format(x))`)
            if found[0].start == "" or (clause and not found[0].start.strip(" '\"(%`")):
                yield call, found[0], found[1]


@check(
    "PY-SQL-INPUT", "SEC-01", Severity.CRITICAL, "SQL text taken from the request",
    "The caller writes the query: any statement, any table. Keep the SQL text in code and pass the "
    "request's values as bound parameters (`cursor.execute(sql, params)`, `text(sql).bindparams(...)`).")
def sql_input(ctx: FileContext) -> Iterator[Hit]:
    if not may_have_sources(ctx):
        return
    for call, value, node in _sql_sinks(ctx):
        yield hit_at(call, f"`{code(node)}` comes from {value.source} and is run as SQL by `{call.name}`.")


_COMMANDS = frozenset({
    "subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output",
    "subprocess.Popen", "subprocess.getoutput", "subprocess.getstatusoutput", "os.execv", "os.execvp",
    "os.execve", "os.execl", "os.execlp", "os.execle", "os.execlpe", "os.execvpe", "os.spawnv", "os.spawnvp",
    "os.spawnl", "os.spawnlp", "os.spawnle", "os.spawnlpe", "os.spawnve", "os.spawnvpe",
    "asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell", "os.posix_spawn", "os.posix_spawnp",
})


@check(
    "PY-COMMAND-INPUT", "SEC-02", Severity.CRITICAL, "Program or command line taken from the request",
    "The caller chooses what runs on the server. Map the request to a fixed program and pass its values "
    "as separate arguments after it (`subprocess.run([\"convert\", name])`), validated first.")
def command_input(ctx: FileContext) -> Iterator[Hit]:
    if not may_have_sources(ctx):
        return
    for flow in flows(ctx):
        for call in flow.calls:
            if call.name not in _COMMANDS or not call.args:
                continue
            index = 1 if call.name.startswith(("os.spawn", "os.posix_spawn")) else 0
            if len(call.args) <= index:
                continue
            head = call.heads[index] if len(call.heads) > index else None
            whole = call.args[index]
            chosen = head if head is not None else whole
            if chosen.unsafe_for(SHELL) and chosen.start == "":
                node = call.call.args[index]
                shown = code(node.elts[0]) if head is not None and isinstance(node, ast.List | ast.Tuple) \
                    else code(node)
                yield hit_at(call, f"`{shown}` comes from {chosen.source} and is the program "
                                   f"`{call.name}` runs.")
            elif call.name.startswith(("os.exec", "os.spawn", "os.posix_spawn")):
                script = _shell_script(call)
                if script is not None:
                    node, value = script
                    yield hit_at(call, f"`{code(node)}` comes from {value.source} and is the script a shell "
                                       f"runs with `-c` through `{call.name}`.")


_SHELL_PATH = lazy_re(r"^(?:/usr/bin/|/bin/|/usr/local/bin/)?(?:ba|z|k|da|a)?sh$")
_SCRIPT_OPTION = lazy_re(r"^-[a-z]*c$")


def _shell_script(call: SinkCall) -> tuple[ast.expr, Value] | None:
    """The script of `sh -c SCRIPT` started through `os.exec*`/`os.spawn*`/`os.posix_spawn` (the path or an
    earlier argument a shell, a literal `-c` option), when it carries request data. The argument list is
    either the call's own arguments after the path (`execl`, `spawnl`, ...) or a list literal (`execv`,
    `spawnv`, `posix_spawn`), whose elements share one value."""
    nodes = call.call.args
    if any(isinstance(node, ast.Starred) for node in nodes):
        return None
    path_at = 1 if call.name.startswith("os.spawn") else 0
    if len(nodes) <= path_at + 1:
        return None
    words: list[ast.expr] = [nodes[path_at]]
    values: list[Value | None] = [call.args[path_at]]
    short = call.name.rsplit(".", 1)[-1]
    listed = nodes[path_at + 1]
    if "v" in short.removeprefix("spawn").removeprefix("exec") or short.startswith("posix_spawn"):
        if not isinstance(listed, ast.List | ast.Tuple):
            return None
        words += listed.elts
        values += [None] * len(listed.elts)  # the list's value covers every element
    else:
        words += nodes[path_at + 1:]
        values += list(call.args[path_at + 1:])
    literals = [node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
                for node in words]
    for index, word in enumerate(literals[:-1]):
        if word is None or not _SCRIPT_OPTION.match(word) or index == 0:
            continue
        if not any(w is not None and _SHELL_PATH.match(w) for w in literals[:index]):
            return None
        script, value = words[index + 1], values[index + 1] or call.args[path_at + 1]
        if literals[index + 1] is None and value.unsafe_for(SHELL):
            return script, value
        return None
    return None


# --- code, templates, LDAP, XPath, XXE --------------------------------------------------------------------

_CODE_SINKS = frozenset({"eval", "exec", "builtins.eval", "builtins.exec"})


@check(
    "PY-CODE-INJECTION", "SEC-14", Severity.CRITICAL, "Request data evaluated as Python code",
    "`eval`/`exec` of input runs whatever the caller writes, with the server's permissions. Parse the "
    "value instead (`int`, `json.loads`, `ast.literal_eval` for literals) or map it to known operations.")
def code_injection(ctx: FileContext) -> Iterator[Hit]:
    for call, value, node in _tainted_calls(ctx, _CODE_SINKS, "code", 0, "source"):
        yield hit_at(call, f"`{call.name}` runs `{code(node)}`, which comes from {value.source}.")


_TEMPLATE_SINKS = frozenset({"render_template_string", "flask.render_template_string", "Template",
                             "jinja2.Template", "Markup", "markupsafe.Markup", "mark_safe", "SafeString",
                             "format_html_join", "from_string", "PageTemplate", "bottle.SimpleTemplate",
                             "bottle.template", "tornado.template.Template", "mako.template.Template"})
"""`from_string` is Jinja's `Environment.from_string`; `PageTemplate` is Chameleon's."""


@check(
    "PY-TEMPLATE-INJECTION", "SEC-14", Severity.HIGH, "Request data rendered as a template or marked safe",
    "A template built from input runs the caller's template code (server-side template injection), and "
    "`Markup`/`mark_safe` on input switches off escaping (cross-site scripting). Pass input as a template "
    "variable to a fixed template and let autoescaping handle it.")
def template_injection(ctx: FileContext) -> Iterator[Hit]:
    for call, value, node in _tainted_calls(ctx, _TEMPLATE_SINKS, HTML, 0, "source", "s"):
        if call.name.endswith("from_string") and _sandboxed(ctx, call.call):
            continue
        yield hit_at(call, f"`{call.name}` gets `{code(node)}`, which comes from {value.source}: it is "
                         "rendered without escaping.")


_SANDBOX_ENV = lazy_re(r"(?:Immutable)?SandboxedEnvironment\(")


def _sandboxed(ctx: FileContext, call: ast.Call) -> bool:
    """`env.from_string(text)` where the file makes `env` a Jinja `SandboxedEnvironment`: the sandbox
    refuses attribute access to internals, which is how template code reaches the interpreter."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return False
    owner = func.value
    if isinstance(owner, ast.Call):
        return bool(_SANDBOX_ENV.match(ast.unparse(owner.func).rsplit(".", 1)[-1] + "("))
    name = ast.unparse(owner)
    pattern = re.escape(name) + r"\s*(?::[^=\n]+)?=\s*(?:[\w.]+\.)?(?:Immutable)?SandboxedEnvironment\("
    return re.search(pattern, ctx.known_text()) is not None


@check(
    "PY-LDAP-INJECTION", "SEC-14", Severity.HIGH, "LDAP filter built from request data",
    "`*`, `(` and `)` in the input rewrite the directory query: `*)(uid=*` matches every entry and can "
    "bypass a login check. Escape each value with `escape_filter_chars` before putting it in the filter.")
def ldap_injection(ctx: FileContext) -> Iterator[Hit]:
    found = [*_tainted_calls(ctx, frozenset({"search_s", "search_st", "search_ext", "search_ext_s"}), LDAP,
                             2, "filterstr"),
             *_tainted_calls(ctx, frozenset({"search", "paged_search"}), LDAP, 1, "search_filter"),
             *_tainted_calls(ctx, frozenset({"search", "paged_search", "search_s"}), LDAP, 0, "search_base",
                             "base")]
    for call, value, node in found:
        if call.name.rsplit(".", 1)[-1] == "search" and not _looks_ldap(call, mentions(ctx, "ldap")):
            continue
        yield hit_at(call, f"The filter `{code(node)}` of `{call.name}` is built from {value.source}.")


def _looks_ldap(call: SinkCall, ldap_module: bool) -> bool:
    if ldap_module:
        return True
    return any(kw.arg in {"search_filter", "search_base", "search_scope"} for kw in call.call.keywords) or (
        len(call.call.args) >= 2 and isinstance(call.call.args[1], ast.JoinedStr | ast.BinOp | ast.Name)
        and "(" in ast.unparse(call.call.args[1]))


@check(
    "PY-XPATH-INJECTION", "SEC-14", Severity.HIGH, "XPath expression built from request data",
    "Quotes in the input change the XPath query (`' or '1'='1`), exposing nodes the code meant to hide. "
    "Pass values as XPath variables (`tree.xpath('//user[@name=$name]', name=value)`).")
def xpath_injection(ctx: FileContext) -> Iterator[Hit]:
    for call, value, node in _tainted_calls(ctx, frozenset({"xpath", "XPath", "etree.XPath", "ETXPath",
                                                            "etree.ETXPath", "elementpath.Selector"}),
                                            XPATH, 0, "_path", "path"):
        if call.call.keywords and call.name.endswith("xpath"):
            continue  # values passed as variables
        yield hit_at(call, f"The XPath `{code(node)}` given to `{call.name}` is built from {value.source}.")
    for call, value, node in _tainted_calls(ctx, frozenset({"elementpath.select", "elementpath.iter_select"}),
                                            XPATH, 1, "path"):
        yield hit_at(call, f"The XPath `{code(node)}` given to `{call.name}` is built from {value.source}.")
    yield from _evaluator_calls(ctx)
    for call, value, node in _tainted_calls(ctx, _ELEMENT_PATHS, XPATH, 0, "path", "match"):
        if value.start is not None and (value.start.startswith(("./", "/")) or "[@" in value.start) \
                and isinstance(call.call.func, ast.Attribute) and not call.receiver.tainted:
            yield hit_at(call, f"The element path `{code(node)}` given to `{call.name}` is built from "
                               f"{value.source}.")


def _evaluator_calls(ctx: FileContext) -> Iterator[Hit]:
    """An lxml XPath evaluator (`XPathEvaluator(doc)`, `XPathDocumentEvaluator(doc)`) called, or its
    `evaluate` method, with an expression built from the request (values passed as keywords are bound as
    XPath variables instead)."""
    if not may_have_sources(ctx) or not mentions(ctx, "Evaluator"):
        return
    for flow in flows(ctx):
        evaluators = {target.id for assign in flow.nodes(ast.Assign) if isinstance(assign.value, ast.Call)
                      and dotted(assign.value.func).endswith("Evaluator")
                      for target in assign.targets if isinstance(target, ast.Name)}
        for call in flow.calls:
            func = call.call.func
            called = (isinstance(func, ast.Name) and func.id in evaluators) \
                or (isinstance(func, ast.Call) and dotted(func.func).endswith("Evaluator")) \
                or (isinstance(func, ast.Attribute) and func.attr == "evaluate"
                    and isinstance(func.value, ast.Name) and func.value.id in evaluators)
            if called and call.args and call.args[0].unsafe_for(XPATH) and not call.call.keywords:
                yield hit_at(call, f"The XPath `{code(call.call.args[0])}` given to an XPath evaluator is "
                                   f"built from {call.args[0].source}.")


_ELEMENT_PATHS = frozenset({"find", "findall", "iterfind", "findtext"})
"""ElementTree's path queries (a subset of XPath): reported when the query is written as a path
(`"./user[@name='" + name + "']"`), which tells them apart from `str.find`."""


_XXE_ON = lazy_re(r"resolve_entities\s*=\s*True|no_network\s*=\s*False|feature_external_[gp]es\s*,\s*True")


@check(
    "PY-XXE", "SEC-14", Severity.HIGH, "XML parser with external entities enabled",
    "An XML document can then name `file:///etc/passwd` or an internal URL as an entity and have the "
    "server read it (XXE). Keep entity resolution off, or parse untrusted XML with `defusedxml`.")
def xxe(ctx: FileContext) -> Iterator[Hit]:
    if not mentions(ctx, "resolve_entities", "no_network", "feature_external"):
        return
    for flow in flows(ctx):
        uses: _ParserUses | None = None
        for call in flow.nodes(ast.Call):
            match = _XXE_ON.search(ast.unparse(call))
            if not match or any(_XXE_ON.search(ast.unparse(arg)) for arg in call.args
                                if isinstance(arg, ast.Call)):
                continue
            uses = uses or _ParserUses(flow)
            if not uses.only_literals(call):
                yield hit_on(call, flow.offset, f"`{dotted(call.func)}` is called with `{match.group(0)}`: "
                                                "the parser fetches external entities named by the document.")


_PARSE_METHODS = frozenset({"parse", "feed", "parseString", "fromstring", "XML"})


class _ParserUses:
    """For one flow, read once: the name each call's result is assigned to, and for each name the
    documents given to it as a parser (`name.parse(doc)`, `fromstring(doc, name)`), with their lines."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        self.targets = {id(a.value): a.targets[0].id for a in flow.nodes(ast.Assign)
                        if len(a.targets) == 1 and isinstance(a.targets[0], ast.Name)}
        self.documents: dict[str, list[tuple[ast.Call, Value]]] = {}
        for call in flow.calls:
            node, func = call.call, call.call.func
            document = call.args[0] if call.args else CLEAN
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) \
                    and func.attr in _PARSE_METHODS:
                self.documents.setdefault(func.value.id, []).append((node, document))
                continue
            for arg in (*node.args[1:], *(kw.value for kw in node.keywords)):
                if isinstance(arg, ast.Name):
                    self.documents.setdefault(arg.id, []).append((node, document))

    def only_literals(self, made: ast.Call) -> bool:
        """Whether the parser made (or configured) by `made` is used, in its function, only on documents
        the data flow knows as literal text: `parser = XMLParser(resolve_entities=True)` then
        `fromstring("<a/>", parser)` or `parser.feed(text)` with a constant `text`. A parser never seen in
        use, or used on anything else, is not cleared."""
        if isinstance(made.func, ast.Attribute) and isinstance(made.func.value, ast.Name) \
                and made.func.attr == "setFeature":
            name: str | None = made.func.value.id
        else:
            name = self.targets.get(id(made))
        if name is None:
            return False
        first = made.lineno
        last = next((f.end_lineno or f.lineno for f in self.flow.nodes(ast.FunctionDef)
                     if f.lineno <= first <= (f.end_lineno or f.lineno)), first)
        documents = [doc for node, doc in self.documents.get(name, []) if first < node.lineno <= last]
        return bool(documents) and all(not doc.tainted and doc.start is not None for doc in documents)


# --- session trust boundary -------------------------------------------------------------------------------

_SESSIONS = frozenset({"session", "request.session", "flask.session", "self.request.session"})


@check(
    "PY-SESSION-TRUST", "SEC-16", Severity.MEDIUM, "Request data stored in the session",
    "Later code trusts the session because the server wrote it; a value copied from the request (a role, "
    "a user id, a price) lets the caller set it. Store only what the server decided after its own checks.")
def session_trust(ctx: FileContext) -> Iterator[Hit]:
    if not may_have_sources(ctx) or not mentions(ctx, "session"):
        return
    for flow in flows(ctx):
        for assignment in flow.assignments:
            target = assignment.target
            if not isinstance(target, ast.Subscript) or dotted(target.value) not in _SESSIONS:
                continue
            if assignment.value.tainted and URL not in assignment.value.safe_for:  # own URL, checked
                yield Hit(assignment.line, None, f"`{code(target)}` is set from {assignment.value.source}.")
            elif (key := assignment.key) is not None and key.tainted and key.safe_for != ALL_KINDS:
                yield Hit(assignment.line, None, f"The session key in `{code(target)}` comes from "
                                                 f"{key.source}: the caller chooses which entry is written.")




# --- reflected cross-site scripting -----------------------------------------------------------------------

_HTML_RESPONSES = frozenset({"make_response", "flask.make_response", "Response", "flask.Response",
                             "HttpResponse", "django.http.HttpResponse", "HttpResponseBadRequest",
                             "HttpResponseNotFound", "HttpResponseForbidden", "HttpResponseServerError",
                             "HTMLResponse", "fastapi.responses.HTMLResponse",
                             "starlette.responses.HTMLResponse"})
_TYPE_KEYWORDS = ("mimetype", "content_type", "media_type")
_STRUCTURED = frozenset({"jsonify", "flask.jsonify", "json.dumps", "dumps", "JsonResponse", "JSONResponse",
                         "render_template", "flask.render_template", "render", "redirect", "abort"})


def _html_typed(call: ast.Call, flask_file: bool) -> bool:
    """Whether the response is HTML: no type given (Flask's and Django's default is `text/html`;
    Starlette's plain `Response` has none), or one naming HTML; a literal JSON or plain-text type is not."""
    for kw in call.keywords:
        if kw.arg in _TYPE_KEYWORDS:
            value = kw.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return "html" in value.value
            return True
    return flask_file or dotted(call.func).rsplit(".", 1)[-1] != "Response"


def _first_of(node: ast.expr) -> ast.expr:
    """The body of a Flask `(body, status, headers)` return."""
    return node.elts[0] if isinstance(node, ast.Tuple) and node.elts else node


def _text_source(value: Value) -> bool:
    """Request text, not a parsed JSON body (which Flask returns as JSON)."""
    return "json" not in value.source


@check(
    "PY-XSS", "SEC-14", Severity.HIGH, "Request data sent back as HTML without escaping",
    "Flask answers a returned string (and `make_response`/`Response`, Django's `HttpResponse`) with "
    "`Content-Type: text/html`, so markup in the input runs as script in the user's browser, with their "
    "session. Render a template (autoescaped), escape the value with `markupsafe.escape`/`html.escape`, "
    "or answer with `jsonify` or a `text/plain` type.")
def reflected_xss(ctx: FileContext) -> Iterator[Hit]:
    if not may_have_sources(ctx):
        return
    flask_file = mentions(ctx, "flask") and not mentions(ctx, "fastapi")
    for flow in flows(ctx):
        for call in flow.calls:
            if call.name not in _HTML_RESPONSES or not _html_typed(call.call, flask_file):
                continue
            found = _arg(call, 0, "response", "content", "body")
            if found is not None and found[0].unsafe_for(HTML) and _text_source(found[0]) \
                    and not _structured(found[1]):
                yield hit_at(call, f"`{code(found[1])}` comes from {found[0].source} and `{call.name}` "
                                   "sends it as HTML without escaping.")
        if not flask_file:
            continue
        for ret, value in flow.handler_returns:
            if ret.value is None or not value.unsafe_for(HTML) or not _text_source(value):
                continue
            body = _first_of(ret.value)
            if _structured(body) or (isinstance(body, ast.Call) and dotted(body.func) in _HTML_RESPONSES):
                continue
            yield hit_on(ret, flow.offset, f"The handler returns `{code(body)}`, built from {value.source}: "
                                           "Flask sends it as HTML without escaping.")


def _structured(node: ast.expr) -> bool:
    """A value Flask sends as JSON (a dict or list) or a call that renders or serialises it."""
    if isinstance(node, ast.Dict | ast.List | ast.DictComp | ast.ListComp):
        return True
    return isinstance(node, ast.Call) and dotted(node.func).rsplit(".", 1)[-1] in _STRUCTURED
