"""Go security checks on the data flow (`_tsflow`): request data reaching file paths, outbound URLs,
redirects, HTML output and CORS headers; predictable math/rand values used as secrets; cookies made
without Secure or HttpOnly.

A value the engine shows to be constant, converted to a number, reduced to a base name or validated is not
reported, and every message names the value, where its data came from and the call it reaches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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
from persona_review.checks._java_sinks import shown, weak_random_flags
from persona_review.checks._tsflow import CallSite, FileFlow, Value, flows, text_of
from persona_review.checks._tsflow.values import HTML, PATH, SHELL, URL
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Severity
from persona_review.lazy_re import lazy_re

GO = frozenset({"go"})

# --- commands ---------------------------------------------------------------------------------------------

COMMAND_SINKS = (Sink(SHELL, args=None, callees=frozenset({"exec.Command", "exec.CommandContext"})),)
_SHELL_NAMES = lazy_re(r"^(?:/usr)?(?:/bin/)?(?:ba|z|k|da)?sh$|^(?:/usr)?/bin/env$|^env$|^cmd(?:\.exe)?$")


def command_flows(ctx: FileContext) -> Iterator[tuple[CallSite, int, Value]]:
    """`exec.Command` whose program is request data, or whose `sh -c` script carries request data."""

    def accept(site: CallSite, index: int, _value: Value) -> bool:
        args = site.args[1:] if site.call.callee.endswith("CommandContext") else site.args
        offset = len(site.args) - len(args)
        position = index - offset
        if position == 0:
            return True
        program = args[0].text() if args else None
        if program is None or not _SHELL_NAMES.match(
            program.rsplit("/", 1)[-1] if "/" in program and not program.startswith("/bin") else program
        ):
            return False
        spread = _spread(site, index)
        if spread is not None:  # `exec.Command("sh", args...)` with `args := []string{"-c", script}`
            words = [a.text() for a in args[1:position]] + [element.text() for element in spread]
            at = next((i for i, word in enumerate(words) if word in {"-c", "/c", "/C"}), None)
            script = at + 1 - (len(words) - len(spread)) if at is not None else -1
            return 0 <= script < len(spread) and spread[script].tainted  # the script, not its `$1`
        flags = [a.text() for a in args[1:position]]
        return any(flag in {"-c", "/c", "/C"} for flag in flags)

    yield from tainted_sites(ctx, *COMMAND_SINKS, accept=accept)


def _spread(site: CallSite, index: int) -> tuple[Value, ...] | None:
    """The elements of a slice spread into the call's last parameter (`args...`), when the argument at
    `index` is that slice and its elements are known in order."""
    nodes = site.call.args
    if index != len(nodes) - 1 or index >= len(site.args) \
            or not text_of(nodes[index]).rstrip().endswith("..."):
        return None
    return site.args[index].seq


# --- argument injection -----------------------------------------------------------------------------------

_OPTION_READERS = frozenset({
    "git", "hg", "svn", "curl", "wget", "ssh", "scp", "sftp", "rsync", "tar", "zip", "unzip", "7z", "find",
    "xargs", "ffmpeg", "ffprobe", "convert", "magick", "gs", "sendmail", "psql", "mysql", "pg_dump",
    "mysqldump", "kubectl", "docker", "helm", "aws", "gcloud", "npm", "pip", "openssl", "gpg", "sed", "awk",
})
"""Programs whose arguments starting with `-` are options that run commands or write files
(`--upload-pack`, `-oProxyCommand`, `--checkpoint-action`, `-exec`, `-o /path`)."""
_DASH_GUARD = lazy_re(r"""HasPrefix\s*\([^)]*,\s*"-"\s*\)|\[0\]\s*==\s*'-'""")


@flow_check(
    "GO-ARG-INJECTION",
    "SEC-02",
    Severity.HIGH,
    "Request data passed as an argument to a program that reads options",
    "A value that starts with `-` is read as an option, not as data: `--upload-pack=…` makes git run a "
    "command, `-o` makes curl write any file. Put `--` before the user's arguments (where the program "
    "supports it), or reject values that start with `-`, or pass them as `--name=value`.",
    GO,
)
def argument_injection(ctx: FileContext) -> Iterator[Hit]:
    if _DASH_GUARD.search(ctx.known_text()):
        return

    def accept(site: CallSite, index: int, value: Value) -> bool:
        args = site.args[1:] if site.call.callee.endswith("CommandContext") else site.args
        position = index - (len(site.args) - len(args))
        program = args[0].text() if args else None
        if position <= 0 or program is None or program.rsplit("/", 1)[-1] not in _OPTION_READERS:
            return False
        if value.prefix is None or value.prefix.lstrip()[:1] not in ("", "-"):
            return False  # a literal start (`--branch=`, `refs/`) keeps it from being read as an option
        if value.prefix.startswith("-") and "=" in value.prefix:
            return False
        return "--" not in [a.text() for a in args[1:position]]

    yield from tainted_hits(ctx, COMMAND_SINKS, "is an argument of", accept=accept)


# --- path traversal ---------------------------------------------------------------------------------------

_OS_FILES = (
    "Open",
    "OpenFile",
    "Create",
    "ReadFile",
    "WriteFile",
    "Remove",
    "RemoveAll",
    "Mkdir",
    "MkdirAll",
    "ReadDir",
    "Rename",
    "Chmod",
    "Chown",
    "Truncate",
    "Symlink",
    "Link",
    "Lstat",
    "Stat",
    "DirFS",
)
PATH_SINKS = (
    Sink(
        PATH,
        args=(0,),
        callees=frozenset(
            {
                *(f"os.{m}" for m in _OS_FILES),
                "ioutil.ReadFile",
                "ioutil.WriteFile",
                "ioutil.ReadDir",
                "template.ParseFiles",
                "zip.OpenReader",
                "os.DirFS",
            }
        ),
    ),
    Sink(PATH, args=(2,), callees=frozenset({"http.ServeFile"})),
    Sink(
        PATH,
        frozenset({"File", "FileAttachment", "Attachment", "SendFile", "Download"}),
        args=(0,),
        receiver_types=frozenset({"Context", "Ctx"}),
        receiver_words=("c", "ctx"),
    ),
    Sink(
        PATH,
        frozenset({"SaveUploadedFile", "SaveFile"}),
        args=(1,),
        receiver_types=frozenset({"Context", "Ctx"}),
        receiver_words=("c", "ctx"),
    ),
)


@flow_check(
    "GO-PATH-TRAVERSAL",
    "SEC-14",
    Severity.HIGH,
    "Request data used as a file path",
    "A name like `../../etc/passwd` (or an absolute path) reads, overwrites or deletes any file the process "
    "can reach, and `filepath.Join` does not stop it. Reduce the input to `filepath.Base(name)`, or "
    "`filepath.Clean` the joined path and check it still starts with the base directory (or use `os.Root` / "
    "`http.Dir`).",
    GO,
)
def path_traversal(ctx: FileContext) -> Iterator[Hit]:
    yield from tainted_hits(
        ctx, PATH_SINKS, "names the file opened by", accept=lambda s, i, v: _receiver_ok(s),
        span_from_entry=True,
    )
    for site, index, value in unused_joins(ctx, JOIN_SINKS, PATH_SINKS, _PATH_GUARDS):
        if site.call.callee == "path.Join" and _URL_PATH.search(value.source):
            continue  # the slash-path package over the request's own URL path: a link (Location), no file
        yield hit(site, describe_flow(site, index, value, "is joined into a file path by"))


_URL_PATH = lazy_re(r"\.URL\.(?:Path|RawPath|EscapedPath\(\))$|\.RequestURI(?:\(\))?$")


JOIN_SINKS = (Sink(PATH, args=None, callees=frozenset({"filepath.Join", "path.Join"})),)
_PATH_GUARDS = frozenset({"HasPrefix", "Rel", "IsLocal", "Contains", "IsAbs"})


def _receiver_ok(site: CallSite) -> bool:
    """Method sinks (`c.File`) need a receiver that is the framework context: a plain `c`/`ctx` or one the
    engine knows to be a `Context`; package calls (`os.Open`) always pass."""
    if site.call.receiver is None or site.call.callee.split(".", 1)[0] in {
        "os",
        "ioutil",
        "http",
        "template",
        "zip",
    }:
        return True
    written = text_of(site.call.receiver)
    typed = site.receiver.type if site.receiver is not None else None
    return typed in {"Context", "Ctx"} or written in {"c", "ctx"}


# --- SSRF and redirects -----------------------------------------------------------------------------------

_RESTY_REQUEST = ("r()", "setqueryparam", "setheader", "setbody", "setresult", "setcontext", "setauthtoken",
                  "setpathparam", "setformdata", "seterror", "setbasicauth", "setoutput", "setcookie")
"""What a resty request's verb is called on, as written: `R()` or one of the request's setters."""
SSRF_SINKS = (
    Sink(
        URL,
        args=(0,),
        callees=frozenset(
            {
                "http.Get",
                "http.Post",
                "http.Head",
                "http.PostForm",
                "net.Dial",
                "websocket.Dial",
                "grpc.Dial",
                "grpc.NewClient",
            }
        ),
    ),
    Sink(URL, args=(1,), callees=frozenset({"http.NewRequest", "net.DialTimeout", "fasthttp.Get",
                                            "fasthttp.GetTimeout", "fasthttp.GetDeadline", "fasthttp.Post"})),
    Sink(URL, args=(2,), callees=frozenset({"http.NewRequestWithContext"})),
    Sink(
        URL,
        frozenset({"Get", "Post", "Head", "PostForm"}),
        args=(0,),
        receiver_types=frozenset({"Client"}),
        receiver_words=("client", "http"),
    ),
    # resty: `client.R().Get(url)`, `client.R().SetHeader(...).Post(url)`, `R().Execute(method, url)`, and
    # the base URL every request of a client goes to
    Sink(URL, frozenset({"Get", "Post", "Put", "Patch", "Delete", "Head", "Options"}), (0,),
         receiver_words=_RESTY_REQUEST),
    Sink(URL, frozenset({"Execute"}), (1,), receiver_words=_RESTY_REQUEST),
    Sink(URL, frozenset({"SetBaseURL", "SetHostURL"}), (0,), receiver_words=("client", "resty", "new()")),
    # fasthttp: the URL set on a request it then sends (`req.SetRequestURI(url)`)
    Sink(URL, frozenset({"SetRequestURI"}), (0,), receiver_words=("req",)),
)


@flow_check(
    "GO-SSRF",
    "SEC-14",
    Severity.HIGH,
    "Outbound request to a URL taken from the request",
    "The server fetches whatever URL the caller names: internal services, the cloud metadata endpoint "
    "(169.254.169.254) and admin ports become reachable through it. Keep the scheme and host fixed in code "
    "and put only the checked value in the path or query, or parse the URL and match its host against an "
    "allow-list.",
    GO,
)
def ssrf(ctx: FileContext) -> Iterator[Hit]:
    yield from tainted_hits(
        ctx,
        SSRF_SINKS,
        "chooses the host contacted by",
        accept=lambda s, i, v: not v.host_fixed() and not looked_up(s, i) and not _other_r(s),
    )


def _other_r(site: CallSite) -> bool:
    """A call on something that only ends like resty's `R()` (`NewRouter().Get`, `Header().Get`), or the
    URI of the request being served set (`c.Request().SetRequestURI`)."""
    written = site.call.callee.rsplit(".", 1)[0] if "." in site.call.callee else ""
    last = written.rsplit(".", 1)[-1]
    if site.call.method == "SetRequestURI":
        return last == "Request()"  # fiber's `c.Request()`: the request being served, not one sent
    return last.lower().endswith("r()") and last != "R()" and not last.startswith("Set")


_SAME_SITE = lazy_re(r"refer+er|\.Host\b|\bhost\b", re.IGNORECASE)
"""Redirects back to the Referer, or to this request's own Host (the http-to-https idiom): the browser
sets both for a request it makes itself, so a link cannot point them elsewhere."""

REDIRECT_SINKS = (
    Sink(URL, args=(2,), callees=frozenset({"http.Redirect"})),
    Sink(
        URL,
        frozenset({"Redirect"}),
        args=(0, 1),  # gin and echo: `c.Redirect(code, url)`; fiber: `c.Redirect(url, code...)`
        receiver_types=frozenset({"Context", "Ctx"}),
        receiver_words=("c", "ctx"),
    ),
)


@flow_check(
    "GO-OPEN-REDIRECT",
    "SEC-14",
    Severity.MEDIUM,
    "Redirect to a URL taken from the request",
    "A link on your domain that forwards to any site is a ready-made phishing page and can leak tokens in "
    "the URL. Redirect only to paths you built, or parse the target and check that it is relative (no "
    "scheme, no host, no leading `//`) or that its host is on an allow-list.",
    GO,
)
def open_redirect(ctx: FileContext) -> Iterator[Hit]:
    def accept(site: CallSite, index: int, value: Value) -> bool:
        if looked_up(site, index):
            return False
        back = _SAME_SITE.search(value.source) is not None
        return (
            not value.host_fixed()
            and not back
            and (site.call.callee == "http.Redirect" or _receiver_ok(site))
        )

    yield from tainted_hits(ctx, REDIRECT_SINKS, "is the target of", accept=accept)


# --- HTML -------------------------------------------------------------------------------------------------

TEMPLATE_SINKS = (
    Sink(
        HTML,
        args=(0,),
        callees=frozenset(
            {
                "template.HTML",
                "template.JS",
                "template.URL",
                "template.HTMLAttr",
                "template.CSS",
                "template.Srcset",
            }
        ),
    ),
)
TEMPLATE_SOURCE_SINKS = (
    # `template.New("x").Parse(body)`: the caller writes the template itself, markup, actions and all (it
    # is trusted text to html/template, which escapes only the data executed into it)
    Sink(HTML, frozenset({"Parse"}), args=(0,), receiver_types=frozenset({"Template"}),
         receiver_words=("new()", "must(", "template", "tmpl", "tpl")),
)
WRITE_SINKS = (
    Sink(
        HTML,
        frozenset({"Write", "WriteString"}),
        args=(0,),
        receiver_types=frozenset({"ResponseWriter"}),
        receiver_words=("w", "rw", "writer", "resp"),
    ),
    Sink(
        HTML,
        args=(1, 2, 3, 4, 5, 6, 7, 8),
        callees=frozenset({"fmt.Fprintf", "fmt.Fprint", "fmt.Fprintln", "io.WriteString"}),
    ),
)


@flow_check(
    "GO-TEMPLATE-INJECTION",
    "SEC-14",
    Severity.HIGH,
    "Request data marked as safe HTML or written as HTML",
    "`template.HTML(x)` (and `template.JS`/`URL`) turns html/template's escaping off for `x`, and bytes "
    "written straight to the ResponseWriter are served as HTML when they look like it: markup in the input "
    "runs as script in the visitor's browser. Pass the plain string to an html/template, or escape it with "
    "`html.EscapeString`.",
    GO,
)
def template_injection(ctx: FileContext) -> Iterator[Hit]:
    yield from tainted_hits(ctx, TEMPLATE_SINKS, "is marked safe HTML by")
    texts = list(ctx.lines.values())
    if any(_TEXT_TEMPLATE.match(t) or _HTML_TEMPLATE.match(t) for t in texts):
        yield from tainted_hits(ctx, TEMPLATE_SOURCE_SINKS, "is the template text parsed by")
    plain: set[int] = set()
    for flow in flows(ctx):
        plain |= _plain_content_functions(flow)
    for site, index, value in tainted_sites(
        ctx, *WRITE_SINKS, accept=lambda s, i, v: _to_response(s) and _sniffed_html(s)
    ):
        if enclosing_function(site) not in plain and (ctx.whole_file or not in_fragment_wrapper(site)):
            yield hit(site, describe_flow(site, index, value, "is written to the response by"))
    yield from _text_template_pages(ctx, plain)


_TEXT_TEMPLATE = lazy_re(r'^\s*(?:import\s+)?(?:\w+\s+)?"text/template"')
_HTML_TEMPLATE = lazy_re(r'^\s*(?:import\s+)?"html/template"')


def _text_template_pages(ctx: FileContext, plain: set[int]) -> Iterator[Hit]:
    """A page rendered to the ResponseWriter with text/template, which escapes nothing, in a file that
    imports text/template (and not html/template)."""
    texts = list(ctx.lines.values())
    if not any(_TEXT_TEMPLATE.match(t) for t in texts) or any(_HTML_TEMPLATE.match(t) for t in texts):
        return
    for flow in flows(ctx):
        for site in flow.calls:
            if site.call.method not in {"Execute", "ExecuteTemplate"} or not site.call.args:
                continue
            writer = text_of(site.call.args[0])
            typed = site.args[0].type if site.args else None
            if (writer in {"w", "rw", "writer"} or typed == "ResponseWriter") and enclosing_function(
                site
            ) not in plain:
                yield hit(
                    site,
                    f"`{shown(site.call.callee)}` renders a text/template page to the response: "
                    "text/template does not escape HTML, so any data in the page can carry script.",
                )


def _sniffed_html(site: CallSite) -> bool:
    """Whether what is written may be served as HTML: without a Content-Type, net/http sniffs the first
    bytes, and text that starts with plain words is sent as `text/plain`. So the known start of the
    output (the format's text before its first verb, or the written value's literal start) must be
    empty or markup."""
    if site.call.callee.startswith("fmt.") and len(site.args) > 1:
        first = site.args[1]
        if site.call.callee == "fmt.Fprintf" and first.known:
            start = (first.text() or "").split("%", 1)[0]
        else:
            start = first.prefix or ""
    else:
        written = (
            site.args[1]
            if site.call.callee.startswith("io.") and len(site.args) > 1
            else (site.args[0] if site.args else None)
        )
        start = (written.prefix or "") if written is not None else ""
    start = start.lstrip()
    return not start or start.startswith("<")


def _to_response(site: CallSite) -> bool:
    if site.call.callee.startswith(("fmt.", "io.")):
        writer = text_of(site.call.args[0]) if site.call.args else ""
        return writer in {"w", "rw", "writer"} or writer.endswith("Writer")
    written = text_of(site.call.receiver) if site.call.receiver is not None else ""
    typed = site.receiver.type if site.receiver is not None else None
    return typed == "ResponseWriter" or written in {"w", "rw", "writer"}


def _plain_content_functions(flow: FileFlow) -> set[int]:
    """Functions that set a Content-Type other than HTML (JSON, plain text): their output is not markup."""
    out: set[int] = set()
    for site in flow.calls:
        if site.call.method in {"Set", "Add", "Header"} and len(site.args) == 2 and site.function is not None:
            name = (site.args[0].text() or "").lower()
            kind = (site.args[1].text() or "").lower()
            if name == "content-type" and kind and "html" not in kind:
                out.add(enclosing_function(site))
    return out


# --- CORS -------------------------------------------------------------------------------------------------

REFLECTED_ORIGIN_TITLE = "Caller's Origin echoed back with credentials allowed"
REFLECTED_ORIGIN_EXPLANATION = (
    "Copying the request's Origin into `Access-Control-Allow-Origin` while "
    "`Access-Control-Allow-Credentials` is `true` lets any website a logged-in user visits call this "
    "API with their cookies and read the "
    "answers. Echo the origin only after matching it against an allow-list of trusted origins."
)
"""Shared with the JavaScript check, which finds the same calls (`reflected_origin`)."""


@flow_check(
    "GO-CORS-REFLECTED-ORIGIN",
    "SEC-08",
    Severity.HIGH,
    REFLECTED_ORIGIN_TITLE,
    REFLECTED_ORIGIN_EXPLANATION,
    GO,
)
def cors_reflected_origin(ctx: FileContext) -> Iterator[Hit]:
    yield from reflected_origin(ctx)


def reflected_origin(ctx: FileContext) -> Iterator[Hit]:
    """A header call setting Allow-Origin to request data, in a file (or fragment) that also sets
    Allow-Credentials to `true`."""
    for flow in flows(ctx):
        origins: list[tuple[CallSite, Value]] = []
        credentials = False
        for site in flow.calls:
            if (
                site.call.method.lower() not in {"set", "add", "header", "setheader", "append"}
                or len(site.args) < 2
            ):
                continue
            name = (site.args[0].text() or "").lower()
            if name == "access-control-allow-origin" and site.args[1].tainted and not site.args[1].safe_for:
                origins.append((site, site.args[1]))
            if name == "access-control-allow-credentials" and (site.args[1].text() or "").lower() == "true":
                credentials = True
        if credentials:
            for site, value in origins:
                yield hit(
                    site, describe_flow(site, 1, value, "is allowed as the origin, with credentials, by")
                )


# --- predictable random values ----------------------------------------------------------------------------

_SECRET_NAME = lazy_re(
    r"(?:token|secret|passw(?:or)?d|pwd|nonce|otp|salt|key|session(?:id)?|csrf|xsrf|state|code|pin)s?$",
    re.IGNORECASE,
)
_MATH_RAND = lazy_re(r'"math/rand(?:/v2)?"')
_CRYPTO_RAND_AS_RAND = lazy_re(r'^\s*(?:import\s+)?(?:rand\s+)?"crypto/rand"')
"""crypto/rand imported under its own name: every `rand.Int`/`rand.Read` of the file is the secure one."""


@flow_check(
    "GO-INSECURE-RANDOM",
    "SEC-15",
    Severity.HIGH,
    "Token, password or session id made with math/rand",
    "`math/rand` is a predictable generator: a few outputs (or the seed, often the start time) reveal the "
    "rest, so tokens, reset codes and session ids made with it can be guessed. Use `crypto/rand` "
    "(`rand.Read`, `rand.Text`) for anything secret.",
    GO,
)
def insecure_random(ctx: FileContext) -> Iterator[Hit]:
    if not any(_MATH_RAND.search(text) for text in ctx.lines.values()):
        return
    if any(_CRYPTO_RAND_AS_RAND.search(text) for text in ctx.lines.values()):
        return  # `rand.` is crypto/rand here; math/rand goes by another name (`mrand`)
    reported: set[str] = set()
    for flow in flows(ctx):
        for assignment in flow.assignments:
            if not _SECRET_NAME.search(assignment.name.rsplit(".", 1)[-1]):
                continue
            for flag in weak_random_flags(assignment.value):
                if flag in reported:
                    continue
                reported.add(flag)
                callee, _, line = flag.removeprefix("weak-random:").rpartition("@")
                yield Hit(
                    int(line),
                    None,
                    f"`{shown(callee)}` is predictable and its value becomes `{assignment.name}`.",
                )
        for function in flow.functions:
            if not _SECRET_NAME.search(function.name):
                continue
            for site in flow.calls:
                # `rand.Intn(...)`, or a method of a generator made here (`rng := rand.New(...)`;
                # `rng.Intn(...)`): reported where the predictable generator is called or made
                if site.function is not function or not weak_random_flags(site.result):
                    continue
                flag = weak_random_flags(site.result)[0]
                if flag in reported:
                    continue
                reported.add(flag)
                callee, at = site.call.callee, site.line
                if not callee.startswith("rand."):
                    made = next((other for other in flow.calls if other.function is function
                                 and other.call.callee == "rand.New"), None)
                    if made is not None:
                        callee, at = "rand.New", made.line
                yield Hit(at, None, f"`{shown(callee)}` is predictable and is used by `{function.name}`.")


# --- cookies ----------------------------------------------------------------------------------------------


@flow_check(
    "GO-COOKIE-INSECURE",
    "SEC-16",
    Severity.MEDIUM,
    "Cookie made without Secure or HttpOnly",
    "Without `Secure: true` the browser also sends the cookie over plain HTTP, where anyone on the network "
    "path can read it; without `HttpOnly: true` any script injected into the page can. Set both (and "
    "`SameSite`) on cookies that carry a session or any secret.",
    GO,
)
def cookie_insecure(ctx: FileContext) -> Iterator[Hit]:
    for flow in flows(ctx):
        for site in flow.calls:
            if site.call.new_type == "Options" and text_of(site.node).startswith("sessions."):
                off = [
                    flag
                    for flag, value in _keys(site).items()
                    if flag in {"Secure", "HttpOnly"} and value == "false"
                ]
                if off:
                    yield Hit(
                        site.line,
                        site.end_line if site.end_line > site.line else None,
                        "The session cookie options made here set "
                        + " and ".join(f"`{f}: false`" for f in off)
                        + ".",
                    )
                continue
            if site.call.new_type != "Cookie" or not site.call.callee.startswith("Cookie"):
                continue
            if any(no not in ctx.lines for no in range(site.line, site.end_line + 1)):
                continue  # the literal runs past the hunk: its other fields are not known
            if "http.Cookie" not in text_of(site.node.parent) and "http." not in text_of(site.node):
                continue
            written = _keys(site)
            later = _set_later(flow, site)
            if _request_side_or_cleared(site, written):
                continue
            missing = [
                flag
                for flag in ("Secure", "HttpOnly")
                if written.get(flag, "false") == "false"
                and later.get(flag, "false") == "false"
                and (flag in written or flag in later or not _set_by_name(flow, site, flag))
            ]
            turned_off = [
                flag for flag in missing if written.get(flag) == "false" or later.get(flag) == "false"
            ]
            if missing and (turned_off or "Secure" in missing):
                yield Hit(
                    site.line,
                    site.end_line if site.end_line > site.line else None,
                    f"The `http.Cookie` made here has no {' and no '.join(f'`{m}: true`' for m in missing)}.",
                )


def _request_side_or_cleared(site: CallSite, written: dict[str, str]) -> bool:
    """A cookie added to an outgoing or test request (`req.AddCookie`), or one being deleted (empty value
    or a negative MaxAge): Secure and HttpOnly protect nothing there."""
    node = site.node.parent
    while node is not None and node.type not in {"call_expression", "block", "source_file"}:
        node = node.parent
    if node is not None and node.type == "call_expression":
        function = node.child_by_field_name("function")
        if function is not None and text_of(function).endswith("AddCookie"):
            return True
    return written.get("Value") in {'""', "``"} or written.get("MaxAge", "").startswith("-")


def _set_by_name(flow: FileFlow, site: CallSite, flag: str) -> bool:
    """Whether a later `cookie.Secure = x` (any value) in the function sets the flag from code."""
    return any(
        a.function is site.function and a.line >= site.line and a.name.endswith(f".{flag}")
        for a in flow.assignments
    )


def _keys(site: CallSite) -> dict[str, str]:
    out: dict[str, str] = {}
    body = site.node.child_by_field_name("body")
    for element in body.named_children if body is not None else []:
        if element.type == "keyed_element" and len(element.named_children) == 2:
            out[text_of(element.named_children[0]).strip()] = text_of(element.named_children[1]).strip()
    return out


def _set_later(flow: FileFlow, site: CallSite) -> dict[str, str]:
    out: dict[str, str] = {}
    for assignment in flow.assignments:
        if assignment.function is site.function and assignment.line >= site.line:
            field = assignment.name.rsplit(".", 1)[-1]
            if field in {"Secure", "HttpOnly"} and "." in assignment.name and assignment.value.known:
                out[field] = "true" if assignment.value.const is True else "false"
    return out
