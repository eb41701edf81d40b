"""JavaScript/TypeScript security checks on the data flow (`_tsflow`): request data reaching file paths,
outbound URLs, redirects, code evaluation, NoSQL filters, HTML responses, object merges and CORS headers;
`Math.random` used for secrets.

A value the engine shows to be constant, converted to a number, reduced to a base name, encoded or
validated is not reported, and every message names the value, where its data came from and the call it
reaches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._flow_sinks import (
    Sink,
    describe_flow,
    enclosing_function,
    flow_check,
    hit,
    in_fragment_wrapper,
    looked_up,
    tainted_hits,
    tainted_sites,
    unused_joins,
)
from persona_review.checks._java_sinks import matches, shown, weak_random_flags, weak_random_hits
from persona_review.checks._tsflow import CallSite, FileFlow, Value, flows, text_of
from persona_review.checks._tsflow.values import CODE, HTML, NOSQL, PATH, SHELL, URL
from persona_review.checks.base import FileContext, Hit
from persona_review.checks.go_flow_security import (
    REFLECTED_ORIGIN_EXPLANATION,
    REFLECTED_ORIGIN_TITLE,
    reflected_origin,
)
from persona_review.findings import Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from tree_sitter import Node

JS = frozenset({"javascript", "typescript"})

# --- commands ---------------------------------------------------------------------------------------------

_PROCESS_WORDS = ("cp", "child_process", "childprocess", "shell", "shelljs", "proc", "execa")
COMMAND_SINKS = (
    Sink(SHELL, frozenset({"exec", "execSync"}), (0,), receiver_words=_PROCESS_WORDS),
    Sink(SHELL, args=(0,), callees=frozenset({"exec", "execSync"})),
    Sink(SHELL, args=None, callees=frozenset({"spawn", "spawnSync", "execFile", "execFileSync"})),
    # execa, imported by name: `execa(file, args, options)` is spawn-like (its program; a shell only with
    # `shell: true`), `execaCommand(line)` splits one command line into the program and its arguments
    Sink(SHELL, args=None, callees=frozenset({"execa", "execaSync"})),
    Sink(SHELL, args=(0,), callees=frozenset({"execaCommand", "execaCommandSync"})),
    Sink(
        SHELL,
        frozenset({"spawn", "spawnSync", "execFile", "execFileSync", "execaCommand", "execaCommandSync"}),
        None,
        receiver_words=_PROCESS_WORDS,
    ),
)
_SHELLS = lazy_re(r"^(?:/usr)?(?:/bin/)?(?:ba|z|da)?sh$|^cmd(?:\.exe)?$")


def command_flows(ctx: FileContext) -> Iterator[tuple[CallSite, int, Value]]:
    """`exec` of a string carrying request data; `spawn`/`execFile` whose program is request data, or a
    shell (`sh -c`, `shell: true`) given request data."""

    def accept(site: CallSite, index: int, _value: Value) -> bool:
        if site.call.receiver is not None and text_of(site.call.receiver) in {"db", "regex", "re", "pattern"}:
            return False
        if site.call.method in {"exec", "execSync", "execaCommand", "execaCommandSync"}:
            return index == 0
        if index == 0:
            return True
        program = (site.args[0].text() or "") if site.args else ""
        shell_option = any(
            "shell" in text_of(a) and "shell: false" not in text_of(a)
            for a in site.call.args[1:]
            if a.type == "object"
        )
        return bool(_SHELLS.match(program.rsplit("/", 1)[-1])) or shell_option

    yield from tainted_sites(ctx, *COMMAND_SINKS, accept=accept)


# --- path traversal ---------------------------------------------------------------------------------------

_FS_METHODS = frozenset(
    {
        "readFile",
        "readFileSync",
        "writeFile",
        "writeFileSync",
        "appendFile",
        "appendFileSync",
        "createReadStream",
        "createWriteStream",
        "unlink",
        "unlinkSync",
        "rm",
        "rmSync",
        "rmdir",
        "rmdirSync",
        "readdir",
        "readdirSync",
        "mkdir",
        "mkdirSync",
        "open",
        "openSync",
        "copyFile",
        "copyFileSync",
        "rename",
        "renameSync",
        "stat",
        "statSync",
        "lstat",
        "access",
        "accessSync",
        "chmod",
        "truncate",
        "outputFile",
        "readJson",
        "readJSON",
        "writeJson",
        "remove",
        "copy",
        "move",
        "pathExists",
        "ensureFile",
        "readJsonSync",
        "removeSync",
    }
)
PATH_SINKS = (
    Sink(PATH, _FS_METHODS, (0,), receiver_words=("fs", "fse", "promises", "fsp", "fsextra")),
    Sink(
        PATH,
        frozenset({"sendFile", "download", "sendfile", "attachment"}),
        (0,),
        receiver_words=("res", "response", "reply"),
    ),
    Sink(PATH, frozenset({"send"}), (1,), callees=frozenset({"send"})),
)


@flow_check(
    "JS-PATH-TRAVERSAL",
    "SEC-14",
    Severity.HIGH,
    "Request data used as a file path",
    "A name like `../../etc/passwd` (or an absolute path) reads, overwrites or deletes any file the process "
    "can reach, and `path.join(__dirname, …)` does not stop it. Reduce the input to "
    "`path.basename(name)`, or `path.resolve` it against the base directory and check the result "
    "`startsWith(base + path.sep)`; for "
    "`res.sendFile` pass the `root` option.",
    JS,
)
def path_traversal(ctx: FileContext) -> Iterator[Hit]:
    def accept(site: CallSite, _index: int, _value: Value) -> bool:
        options = site.call.args[1:] if site.call.method in {"sendFile", "download", "sendfile"} else []
        return not any(
            (o.type == "object" and re.search(r"\broot\s*:", text_of(o))) or o.type == "identifier"
            for o in options
        )

    sinks = (*PATH_SINKS, _IMPORTED_FS_SINK) if _IMPORTS_FS.search(ctx.known_text()) else PATH_SINKS
    yield from tainted_hits(ctx, sinks, "names the file opened by", accept=accept, span_from_entry=True)
    for site, index, value in unused_joins(ctx, JOIN_SINKS, PATH_SINKS, _PATH_GUARDS):
        yield hit(site, describe_flow(site, index, value, "is joined into a file path by"))


JOIN_SINKS = (Sink(PATH, frozenset({"join", "resolve"}), None, receiver_words=("path",)),)
_IMPORTS_FS = lazy_re(
    r"""(?:\bfrom\s*|\brequire\s*\(\s*)['"](?:node:)?fs(?:/promises)?['"]|['"]fs-extra['"]""")
"""A file that imports from `fs` (`import { readFileSync } from 'node:fs'`): its bare `readFile(...)` calls
are the module's functions."""
_IMPORTED_FS_SINK = Sink(PATH, args=(0,), callees=frozenset({
    "readFile", "readFileSync", "writeFile", "writeFileSync", "appendFile", "appendFileSync",
    "createReadStream", "createWriteStream", "unlink", "unlinkSync", "rm", "rmSync", "rmdir", "rmdirSync",
    "readdir", "readdirSync", "mkdir", "mkdirSync", "copyFile", "copyFileSync", "renameSync", "openSync",
    "outputFile", "readJson", "readJsonSync", "writeJson", "pathExists", "ensureFile", "removeSync",
}))
"""The distinctive `fs` (and fs-extra) functions, called bare after a destructuring import."""
_PATH_GUARDS = frozenset({"startsWith", "includes", "indexOf", "relative", "isAbsolute", "normalize"})


# --- SSRF and redirects -----------------------------------------------------------------------------------

_HTTP_METHODS = frozenset({"get", "post", "put", "patch", "delete", "head", "request", "options"})
SSRF_SINKS = (
    Sink(
        URL,
        args=(0,),
        callees=frozenset(
            {
                "fetch",
                "axios",
                "got",
                "needle",
                "request",
                "superagent",
                "nodeFetch",
                "undici.request",
                "request.get",
                "ky",
                "$fetch",
                "ofetch",
            }
        ),
    ),
    Sink(
        URL,
        _HTTP_METHODS | {"stream"},
        (0,),
        receiver_words=(
            "axios",
            "got",
            "http",
            "https",
            "needle",
            "superagent",
            "undici",
            "client",
            "ky",
            "fetch",
            "request",
        ),
    ),
)


@flow_check(
    "JS-SSRF",
    "SEC-14",
    Severity.HIGH,
    "Outbound request to a URL taken from the request",
    "The server fetches whatever URL the caller names: internal services, the cloud metadata endpoint "
    "(169.254.169.254) and admin ports become reachable through it. Keep the scheme and host fixed in code "
    "and put only the encoded value (`encodeURIComponent`) in the path or query, or parse it with `new URL` "
    "and match the host against an allow-list.",
    JS,
)
def ssrf(ctx: FileContext) -> Iterator[Hit]:
    library = any(_REQUEST_LIBRARY.search(text) for text in ctx.lines.values())
    instances = _client_instances(ctx)
    sinks: tuple[Sink, ...] = (*SSRF_SINKS, _CLIENT_BASE)
    if instances:
        sinks = (*sinks, Sink(URL, _HTTP_METHODS, (0,), receiver_words=tuple(sorted(instances))))

    def accept(site: CallSite, index: int, value: Value) -> bool:
        if matches(site, _CLIENT_BASE):
            base = _BASE_URL.search(text_of(site.call.args[index])) if site.call.args else None
            return base is not None and _REQUEST_READ.search(base.group(1)) is not None \
                and URL not in value.safe_for and not value.host_fixed()
        if looked_up(site, index):
            return False
        written = text_of(site.call.receiver) if site.call.receiver is not None else ""
        own = written.removeprefix("this.").lower()
        if instances and not _standard_client(site) and own not in instances:
            return False  # matched only by a part of an instance's name (`apiCache.get(key)`)
        if written == "request" and library:
            return not value.host_fixed()
        if written in {"req", "request", "res", "app", "router"} or written.endswith(("Router", "router")):
            return False
        return not value.host_fixed()

    yield from tainted_hits(ctx, sinks, "chooses the host contacted by", accept=accept)


_CLIENT_BASE = Sink(URL, frozenset({"create"}), (0,), receiver_words=("axios",))
"""`axios.create({ baseURL })`: every call of the client goes to the base's host."""
_BASE_URL = lazy_re(r"\bbaseURL\s*:\s*([^,\n}]+)")
_REQUEST_READ = lazy_re(r"^\s*(?:req|request|ctx\.request|ctx|c\.req)\s*\.\s*(?:body|query|params|headers)\b|"
                        r"^\s*(?:body|query|input|dto)\s*\.")
"""The base written as a read of the request (`req.body.instanceUrl`, `input.url`): other fields of the
options (a forwarded header) taint the object too, so the base itself must be seen coming from it."""


_CLIENT_INSTANCE = lazy_re(
    r"(?:\b(?:const|let|var)\s+|\bthis\.|^\s*(?:(?:private|public|protected|readonly|static)\s+)+)"
    r"([A-Za-z_$][\w$]*)\s*(?::\s*[\w.<>]+\s*)?=\s*axios\.create\s*\(",
    re.MULTILINE,
)
"""A client made with `axios.create({ baseURL })`: axios sends an absolute URL given to `api.get(url)` to
that URL, not to the base. (got's and ky's `prefixUrl` is always prepended, so their instances are not
read here.)"""


def _client_instances(ctx: FileContext) -> frozenset[str]:
    """Lower-case names the file gives HTTP clients it makes (`const api = axios.create(...)`)."""
    text = ctx.known_text()
    if "axios.create" not in text:
        return frozenset()
    return frozenset(m.group(1).lower() for m in _CLIENT_INSTANCE.finditer(text))


def _standard_client(site: CallSite) -> bool:
    """Whether a call matches one of `SSRF_SINKS` (before the file's own client instances)."""
    return any(matches(site, sink) for sink in SSRF_SINKS)


_REQUEST_LIBRARY = lazy_re(r"""\brequire\(\s*['"]request['"]\s*\)|\bfrom\s+['"]request['"]""")
"""The `request` HTTP client imported: then `request.get(url)` is an outbound call, not the request."""

_REFERER = lazy_re(r"refer+er|\bhost(?:name)?\b|^(?:req|request|ctx)(?:\.request)?\.(?:url|originalUrl)$|"
                   r"^(?:req|request)\.nextUrl\.(?:origin|href)$", re.IGNORECASE)
"""Sending the browser back where it came from (`req.get("Referrer")`), to this request's own host (the
http-to-https idiom), or to the page it asked for (`ctx.redirect(ctx.request.url)` after a form post: the
request's own path, on this host): the browser, not a link's author, sets those."""

REDIRECT_SINKS = (
    Sink(URL, frozenset({"redirect"}), None, receiver_words=("res", "response", "ctx", "reply", "h")),
    Sink(URL, args=None, callees=frozenset({"c.redirect"})),  # Hono's context, named `c` by convention
    # Next.js (`next/navigation`), Remix / React Router and SvelteKit (`redirect(303, to)`) helpers
    Sink(URL, args=None, callees=frozenset({"redirect", "permanentRedirect"})),
)


@flow_check(
    "JS-OPEN-REDIRECT",
    "SEC-14",
    Severity.MEDIUM,
    "Redirect to a URL taken from the request",
    "A link on your domain that forwards to any site is a ready-made phishing page and can leak tokens in "
    "the URL. Redirect only to paths you built, or check that the target is relative (starts with one `/`, "
    "not `//` or `/\\`) or that `new URL(target).host` is on an allow-list.",
    JS,
)
def open_redirect(ctx: FileContext) -> Iterator[Hit]:
    def accept(site: CallSite, index: int, value: Value) -> bool:
        last = index == len(site.args) - 1
        return (
            last
            and not value.host_fixed()
            and not _REFERER.search(value.source)
            and not looked_up(site, index)
        )

    reported: set[int] = set()
    for site, index, value in tainted_sites(ctx, *REDIRECT_SINKS, accept=accept):
        reported.add(site.line)
        yield hit(site, describe_flow(site, index, value, "is the target of"))
    for site, index, value in tainted_sites(ctx, *LOCATION_SINKS, accept=_location):
        if site.line not in reported:
            yield hit(site, describe_flow(site, index, value, "is the `Location` set by"))


LOCATION_SINKS = (
    Sink(
        URL,
        frozenset({"header", "set", "setHeader", "writeHead", "append"}),
        (1,),
        receiver_words=("res", "response", "reply", "ctx"),
    ),
)


def _location(site: CallSite, _index: int, value: Value) -> bool:
    return (site.args[0].text() or "").lower() == "location" and not value.host_fixed()


# --- code evaluation --------------------------------------------------------------------------------------

CODE_SINKS = (
    Sink(
        CODE,
        args=(0,),
        callees=frozenset(
            {
                "eval",
                "setTimeout",
                "setInterval",
                "vm.runInNewContext",
                "vm.runInThisContext",
                "vm.runInContext",
                "vm.compileFunction",
            }
        ),
    ),
    Sink(CODE, args=None, new_types=frozenset({"Function", "Script"})),
    Sink(CODE, args=None, callees=frozenset({"Function"})),
    Sink(CODE, args=(0,), callees=frozenset({"safeEval", "staticEval", "_.template", "lodash.template"})),
    Sink(
        CODE,
        frozenset({"run", "runFile"}),
        (0,),
        frozenset({"VM", "NodeVM", "Sandbox"}),
        ("vm", "sandbox", "s."),
    ),
)
"""`eval` and friends, the `vm` module, vm2's and sandbox's `run` (no safer for request data: their
escapes are well known), "safe" evaluators, and lodash's template compiler."""


@flow_check(
    "JS-CODE-INJECTION",
    "SEC-14",
    Severity.CRITICAL,
    "Request data evaluated as code",
    "`eval`, `new Function` and the `vm` module run their input as JavaScript in this process (the `vm` "
    "module is no sandbox): the caller can read secrets, the file system and the network. Parse data with "
    "`JSON.parse`, and map names to functions through an explicit table.",
    JS,
)
def code_injection(ctx: FileContext) -> Iterator[Hit]:
    def accept(site: CallSite, index: int, _value: Value) -> bool:
        if site.call.callee in {"setTimeout", "setInterval"}:
            return index == 0 and site.call.args[0].type not in {
                "arrow_function",
                "function_expression",
                "identifier",
                "function",
            }
        return True

    yield from tainted_hits(ctx, CODE_SINKS, "is run as code by", accept=accept)


# --- NoSQL ------------------------------------------------------------------------------------------------

_MONGO = frozenset(
    {
        "find",
        "findOne",
        "findOneAndUpdate",
        "findOneAndDelete",
        "findOneAndRemove",
        "findOneAndReplace",
        "updateOne",
        "updateMany",
        "deleteOne",
        "deleteMany",
        "countDocuments",
        "count",
        "distinct",
        "exists",
        "replaceOne",
        "findByIdAndUpdate",
        "remove",
        "aggregate",
    }
)
NOSQL_SINKS = (Sink(NOSQL, _MONGO, (0,)),)
"""The filter: harmful when request data in it can be an object (`{"$ne": null}`), not once it is text, a
number or what a schema declared (see `_tsflow`'s text results and schema parsers)."""
_SERVER_JS = (Sink(CODE, _MONGO, (0,)),)
"""The filter again, for request text spliced into a `$where` (or `$function`) JavaScript body."""
_SERVER_JS_KEYS = lazy_re(r"""["']?\$(?:where|function|accumulator)\b""")
_SANITIZE_FILTER = lazy_re(r"""\bsanitizeFilter["']?\s*:\s*true\b""")
_SANITIZE_ALL = lazy_re(r"""\.set\s*\(\s*["']sanitizeFilter["']\s*,\s*true\b""")


@flow_check(
    "JS-NOSQL-INJECTION",
    "SEC-01",
    Severity.HIGH,
    "Query filter taken from the request",
    'Request bodies and query strings can carry objects, not just strings: `{"password": {"$ne": null}}` '
    "matches every user, and `$where` runs JavaScript in the database. Build the filter from named fields "
    "converted to strings (`String(req.body.name)`) or validated with a schema, and reject keys starting "
    "with `$` (`express-mongo-sanitize`).",
    JS,
)
def nosql_injection(ctx: FileContext) -> Iterator[Hit]:
    def accept(site: CallSite, index: int, _value: Value) -> bool:
        receiver = text_of(site.call.receiver) if site.call.receiver is not None else ""
        last = receiver.rsplit(".", 1)[-1]
        modelish = (
            last[:1].isupper()
            or "collection" in receiver.lower()
            or "model" in receiver.lower()
            or receiver.lower().startswith("db.")
        )
        if not modelish or (site.call.method in {"find"} and receiver in {"Object", "Array"}):
            return False
        node = site.call.args[index]
        if node.type not in {"object", "member_expression", "identifier", "subscript_expression"}:
            return False
        return not _filter_sanitized(site, sanitize_all)

    def server_js(site: CallSite, index: int, value: Value) -> bool:
        written = text_of(site.call.args[index])
        return accept(site, index, value) and _SERVER_JS_KEYS.search(written) is not None

    sanitize_all = any(_SANITIZE_ALL.search(line) for line in ctx.lines.values() if "sanitizeFilter" in line)
    yield from tainted_hits(ctx, NOSQL_SINKS, "is part of the query filter of", accept=accept)
    yield from tainted_hits(ctx, _SERVER_JS, "is part of the query filter of", accept=server_js)


def _filter_sanitized(site: CallSite, sanitize_all: bool) -> bool:
    """Does Mongoose cast the filter's `$` operators away: `sanitizeFilter: true` in the query's options
    (`Model.find(filter, null, { sanitizeFilter: true })`, `.setOptions({ sanitizeFilter: true })` on the
    query the call starts) or for every query (`mongoose.set('sanitizeFilter', true)` in the file)?"""
    if sanitize_all:
        return True
    if any(_SANITIZE_FILTER.search(text_of(arg)) for arg in site.call.args[1:]):
        return True
    node = site.node
    for _ in range(8):  # the chain the call starts: `Model.findOne(f).lean().setOptions({...})`
        member = node.parent
        if member is None or member.type != "member_expression" \
                or member.child_by_field_name("object") != node:
            return False
        call = member.parent
        if call is None or call.type != "call_expression":
            return False
        if _SANITIZE_FILTER.search(text_of(call.child_by_field_name("arguments"))):
            return True
        node = call
    return False


# --- XSS --------------------------------------------------------------------------------------------------

XSS_SINKS = (Sink(HTML, frozenset({"send", "write", "end"}), (0,), receiver_words=("res", "response")),)
_COLLECTIONS = lazy_re(r"^(?:req|request|ctx)(?:\.request)?\.(?:body|query|params|headers|cookies)$")


@flow_check(
    "JS-XSS",
    "SEC-14",
    Severity.HIGH,
    "Request data sent back as HTML without escaping",
    "`res.send` of a string answers with `Content-Type: text/html`, so markup in the input runs as script "
    "in the visitor's browser with the site's cookies. Send JSON with `res.json`, set a non-HTML type, or "
    "escape the value (`escape-html`) or render it through a template that escapes.",
    JS,
)
def xss(ctx: FileContext) -> Iterator[Hit]:
    plain = _plain_functions(ctx)

    def accept(site: CallSite, index: int, value: Value) -> bool:
        if enclosing_function(site) in plain or (not ctx.whole_file and in_fragment_wrapper(site)):
            return False
        node = site.call.args[index]
        if node.type in {"object", "array"} or _COLLECTIONS.match(value.source):
            return False
        return _markup(value, node) or shown(text_of(node)) == shown(value.source)

    yield from tainted_hits(ctx, XSS_SINKS, "is sent as HTML by", accept=accept)


def _markup(value: Value, node: Node) -> bool:
    """Whether the text sent is (part of) an HTML page: its known start or the expression as written
    holds a tag."""
    return "<" in (value.prefix or "") or bool(re.search(r"<[A-Za-z/!]", text_of(node)))


def _plain_functions(ctx: FileContext) -> set[int]:
    """Functions (and callbacks' enclosing functions) that set a non-HTML response type."""
    out: set[int] = set()
    for flow in flows(ctx):
        for site in flow.calls:
            args = [a.text() or "" for a in site.args]
            if site.call.method in {"type", "contentType"} and args and "html" not in args[0].lower():
                out.add(enclosing_function(site))
            if (
                site.call.method in {"set", "setHeader", "header", "writeHead"}
                and len(args) >= 2
                and args[0].lower() == "content-type"
                and "html" not in args[1].lower()
            ):
                out.add(enclosing_function(site))
    return out


# --- prototype pollution ----------------------------------------------------------------------------------

MERGE_SINKS = (
    Sink(
        CODE,
        frozenset({"merge", "mergeWith", "defaultsDeep", "deepMerge", "set", "setWith", "extend"}),
        None,
        receiver_words=("_", "lodash", "deepmerge", "jquery", "$", "hoek", "dot"),
    ),
    Sink(CODE, args=None, callees=frozenset({"merge", "deepmerge", "deepMerge", "defaultsDeep", "extend"})),
)


@flow_check(
    "JS-PROTOTYPE-POLLUTION",
    "SEC-14",
    Severity.HIGH,
    "Request data deep-merged into an object",
    "A recursive merge (or a path-based `set`) of request data follows keys like `__proto__` and "
    "`constructor.prototype`, changing every object in the process: flags such as `isAdmin` appear on all "
    "of them. Copy only named fields, validate the body with a schema, or merge into `Object.create(null)` "
    "with `__proto__`/`constructor` keys rejected.",
    JS,
)
def prototype_pollution(ctx: FileContext) -> Iterator[Hit]:
    guarded = _guarded_lodash_names(ctx)
    for site, index, value in tainted_sites(
        ctx, *MERGE_SINKS, accept=lambda s, i, v: i > 0 or s.call.method in {"set", "setWith"}
    ):
        binding = site.call.callee.split(".", 1)[0]
        if binding in guarded:
            continue  # lodash's own merge or `set`, at a release that skips `__proto__` and `constructor`
        yield hit(site, describe_flow(site, index, value, "is merged by"))


_LODASH_GUARDS_PROTOTYPES = (4, 17, 21)
"""The lodash release whose merges, `defaultsDeep` and path `set`s all skip `__proto__`, `constructor` and
`prototype` keys (the fixes came over 4.17.5-4.17.21)."""
_LODASH_MODULE = lazy_re(r"""['"](lodash(?:-es)?)(?:/[\w.]+)?['"]""")
_BINDING = lazy_re(r"[A-Za-z_$][\w$]*")


def _guarded_lodash_names(ctx: FileContext) -> frozenset[str]:
    """The names the file binds to lodash (`_`, `{ merge }`, `merge` from `lodash/merge`) when the
    change's packages allow no lodash older than the release that guards merges against prototype keys."""
    if "lodash" not in ctx.known_text():
        return frozenset()
    names: set[str] = set()
    for line in ctx.known_text().splitlines():
        module = _LODASH_MODULE.search(line)
        if module is None or ("import" not in line and "require" not in line):
            continue
        version = ctx.change.js_minimum(module.group(1))
        if version is None or version < _LODASH_GUARDS_PROTOTYPES:
            return frozenset()  # an unknown or older lodash: its merges are reported
        names.update(_BINDING.findall(line[: module.start()]))
    return frozenset(names - {"import", "from", "const", "let", "var", "require", "as", "type"})


# --- predictable random values ----------------------------------------------------------------------------

_SECRET_NAME = lazy_re(
    r"(?:token|secret|passw(?:or)?d|pwd|nonce|otp|salt|key|session(?:id)?|csrf|xsrf|code|pin|apikey)s?$",
    re.IGNORECASE,
)


@flow_check(
    "JS-INSECURE-RANDOM",
    "SEC-15",
    Severity.HIGH,
    "Token, password or session id made with Math.random",
    "`Math.random` is not a cryptographic generator: its outputs can be predicted from a few earlier ones, "
    "so tokens, reset codes and ids made with it can be guessed. Use `crypto.randomBytes`, "
    "`crypto.randomUUID()` or `crypto.getRandomValues`.",
    JS,
)
def insecure_random(ctx: FileContext) -> Iterator[Hit]:
    yield from weak_random_hits(ctx, _secret_uses)


def _secret_uses(flow: FileFlow) -> Iterator[tuple[str, str]]:
    for assignment in flow.assignments:
        if _SECRET_NAME.search(assignment.name.rsplit(".", 1)[-1]):
            for flag in weak_random_flags(assignment.value):
                yield flag, f"becomes `{assignment.name}`"
    for function in flow.functions:
        if _SECRET_NAME.search(function.name):
            for site in flow.calls:
                if site.function is function and site.call.callee == "Math.random":
                    for flag in weak_random_flags(site.result):
                        yield flag, f"is used by `{function.name}`"
    for site in flow.calls:
        if site.call.method in {"cookie", "setHeader"}:
            for value in site.args:
                for flag in weak_random_flags(value):
                    yield flag, f"reaches `{shown(site.call.callee)}`"


# --- CORS -------------------------------------------------------------------------------------------------


@flow_check(
    "JS-CORS-REFLECTED-ORIGIN",
    "SEC-08",
    Severity.HIGH,
    REFLECTED_ORIGIN_TITLE,
    REFLECTED_ORIGIN_EXPLANATION,
    JS,
)
def cors_reflected_origin(ctx: FileContext) -> Iterator[Hit]:
    yield from reflected_origin(ctx)
