"""Java security checks on the data flow (`_tsflow`): request data reaching file paths, LDAP and XPath
queries, HTML output, the session, redirects and outbound URLs; predictable random values used as
secrets; cookies without Secure; broken ciphers; XML parsers that resolve external entities.

A value the engine shows to be constant, converted to a number, escaped or validated is not reported, and
every message names the value, where its data came from and the call it reaches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from persona_review.checks._java_sinks import (
    Sink,
    describe_flow,
    hit,
    java_check,
    shown,
    sink_sites,
    tainted_hits,
    tainted_sinks,
    weak_random_flags,
    weak_random_hits,
)
from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks._tsflow import CallSite, FileFlow, Value, flows, text_of
from persona_review.checks._tsflow.ir import Function
from persona_review.checks._tsflow.values import HTML, LDAP, PATH, URL, XPATH
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from tree_sitter import Node

# --- path traversal ---------------------------------------------------------------------------------------

_FILES_METHODS = ("newInputStream", "newOutputStream", "readAllBytes", "readAllLines", "readString", "write",
                  "writeString", "delete", "deleteIfExists", "copy", "move", "lines", "newBufferedReader",
                  "newBufferedWriter", "createFile", "createDirectories", "createDirectory", "list", "walk")
PATH_SINKS = (
    Sink(PATH, args=None, new_types=frozenset({
        "File", "FileInputStream", "FileOutputStream", "FileReader", "FileWriter", "RandomAccessFile",
        "ZipFile", "JarFile",
        # Spring's resources over a file system path: served or read as they are named
        "FileSystemResource", "PathResource", "FileUrlResource"})),
    Sink(PATH, args=None, callees=frozenset(
        {"Paths.get", "Path.of", "java.nio.file.Paths.get", "java.nio.file.Path.of",
         *(f"Files.{m}" for m in _FILES_METHODS), *(f"java.nio.file.Files.{m}" for m in _FILES_METHODS),
         "FileUtils.readFileToString", "FileUtils.openInputStream", "FileUtils.writeStringToFile",
         "FileUtils.readFileToByteArray", "FileUtils.deleteQuietly", "FileUtils.forceDelete"})),
)


@java_check(
    "JAVA-PATH-TRAVERSAL", "SEC-14", Severity.HIGH, "Request data used as a file path",
    "A name like `../../etc/passwd` (or an absolute path) reads, overwrites or deletes any file the "
    "process can reach. Reduce the input to a bare file name (`FilenameUtils.getName`, `Path.getFileName`), "
    "resolve it against a fixed base directory with `normalize()` and check `startsWith(base)` before use.")
def path_traversal(ctx: FileContext) -> Iterator[Hit]:
    reported: list[int] = []
    for found in tainted_hits(ctx, PATH_SINKS, "names the file opened by"):
        wrapped = _RESOURCE_OF.search(ctx.lines.get(found.line, ""))
        if wrapped is not None:
            built = re.compile(rf"\b{re.escape(wrapped.group(1))}\s*=(?!=)")
            if any(built.search(ctx.lines.get(line, "")) for line in reported):
                continue  # `new FileSystemResource(file)` of a `file` already reported where it was built
        reported.append(found.line)
        yield found


_RESOURCE_OF = lazy_re(
    r"\bnew\s+(?:FileSystemResource|PathResource|FileUrlResource)\s*\(\s*([A-Za-z_$][\w$]*)\s*\)")


# --- LDAP and XPath ---------------------------------------------------------------------------------------

LDAP_SINKS = (
    Sink(LDAP, frozenset({"search", "searchForObject", "lookup"}), (0, 1),
         frozenset({"DirContext", "InitialDirContext", "LdapContext", "InitialLdapContext", "LdapTemplate",
                    "LDAPConnection", "DirContextOperations", "LdapOperations"}),
         ("ctx", "context", "ldap", "directory")),
)


@java_check(
    "JAVA-LDAP-INJECTION", "SEC-14", Severity.HIGH, "LDAP filter or name built from request data",
    "`*`, `(` and `)` in the input rewrite the directory query: `*)(uid=*` matches every entry and can "
    "bypass a login check. Pass values as filter arguments (`search(base, \"(uid={0})\", new Object[]{v}, "
    "controls)`) or escape them (`LdapEncoder.filterEncode`, ESAPI `encodeForLDAP`).")
def ldap_injection(ctx: FileContext) -> Iterator[Hit]:
    yield from tainted_hits(ctx, LDAP_SINKS, "is part of the directory query of")


XPATH_SINKS = (
    Sink(XPATH, frozenset({"compile", "evaluate", "evaluateExpression", "selectNodes", "selectSingleNode",
                           "valueOf"}),
         (0,), frozenset({"XPath", "Document", "Node", "XPathExpression"}), ("xpath", "xp")),
)


@java_check(
    "JAVA-XPATH-INJECTION", "SEC-14", Severity.HIGH, "XPath expression built from request data",
    "Quotes in the input change the XPath query (`' or '1'='1`), exposing nodes the code meant to hide. "
    "Bind values as XPath variables (`XPath.setXPathVariableResolver`) instead of splicing them in.")
def xpath_injection(ctx: FileContext) -> Iterator[Hit]:
    yield from tainted_hits(ctx, XPATH_SINKS, "is part of the XPath expression of")


# --- XSS, session, redirect, SSRF -------------------------------------------------------------------------

XSS_SINKS = (
    Sink(HTML, frozenset({"print", "println", "write", "printf", "format", "append"}), None,
         frozenset({"PrintWriter", "ServletOutputStream", "JspWriter"}),
         ("getwriter()", "getoutputstream()")),
)


@java_check(
    "JAVA-XSS", "SEC-14", Severity.HIGH, "Request data written to the HTTP response without encoding",
    "Markup or script in the input runs in the visitor's browser with the site's cookies and permissions "
    "(cross-site scripting). Encode for the context on output (`Encode.forHtml`, ESAPI "
    "`encodeForHTML`, `HtmlUtils.htmlEscape`) or render through a template engine that escapes by default.")
def xss(ctx: FileContext) -> Iterator[Hit]:
    reported: set[int] = set()
    for found in (*tainted_hits(ctx, XSS_SINKS, "is written unencoded to the response by"),
                  *tainted_hits(ctx, ERROR_PAGE_SINKS, "is put unencoded in the HTML error page by"),
                  *_html_bodies(ctx)):
        if found.line not in reported:
            reported.add(found.line)
            yield found


ERROR_PAGE_SINKS = (
    Sink(HTML, frozenset({"sendError"}), (1,), frozenset({"HttpServletResponse"}), ("resp",)),
)
"""`response.sendError(status, message)`: the container writes the message into an HTML error page."""
_HTML_TYPE = lazy_re(r"TEXT_HTML|text/html|APPLICATION_XHTML|application/xhtml\+xml")
_TYPED = lazy_re(r"\.contentType\(|CONTENT_TYPE|\"Content-Type\"", re.IGNORECASE)


def _header(function: Function | None) -> str:
    """A method's annotations and signature (its text before the body)."""
    if function is None:
        return ""
    text = text_of(function.node)
    if function.body is None:
        return text
    return text[: function.body.start_byte - function.node.start_byte]


def _html_bodies(ctx: FileContext) -> Iterator[Hit]:
    """Spring responses with an HTML content type whose body is request data: `ResponseEntity.ok(x)` or
    `...contentType(MediaType.TEXT_HTML).body(x)` (the type set on the call chain, or `produces` on the
    handler's mapping when the chain sets none), and a String returned from a `@ResponseBody` (or
    `@RestController`) handler mapped with `produces = "text/html"`."""
    if not any(word in ctx.known_text() for word in ("TEXT_HTML", "text/html", "XHTML", "xhtml")):
        return
    rest = "@RestController" in ctx.known_text()
    for flow in flows(ctx):
        for site in flow.calls_named("ok", "body"):
            chain = text_of(site.node)
            if not site.args or "ResponseEntity" not in chain or not site.args[0].unsafe_for(HTML):
                continue
            html = _HTML_TYPE.search(chain) is not None if _TYPED.search(chain) \
                else _HTML_TYPE.search(_header(site.function)) is not None
            if html:
                yield hit(site, describe_flow(site, 0, site.args[0], "is sent as HTML without encoding by"))
        for ret in flow.returns:
            header = _header(ret.function)
            if not ret.value.unsafe_for(HTML) or not _HTML_TYPE.search(header) \
                    or not (rest or "@ResponseBody" in header) or "ResponseEntity" in text_of(ret.node):
                continue
            returned = shown(text_of(ret.node).removeprefix("return").strip(" ;"))
            yield Hit(ret.line, None, f"The handler returns `{returned}`, built from {ret.value.source}, as "
                                      "`text/html` without encoding.")


SESSION_SINKS = (
    Sink("session", frozenset({"setAttribute", "putValue"}), (0, 1), frozenset({"HttpSession"}),
         ("session",)),
)


@java_check(
    "JAVA-SESSION-TRUST", "SEC-16", Severity.MEDIUM, "Request data stored in the session",
    "Later code trusts the session because the server wrote it; a value copied from the request (a role, "
    "a user id, a price) lets the caller set it. Validate it first, and store only what the server "
    "decided after its own checks.")
def session_trust(ctx: FileContext) -> Iterator[Hit]:
    yield from tainted_hits(ctx, SESSION_SINKS, "is stored in the session by")


REDIRECT_SINKS = (
    Sink(URL, frozenset({"sendRedirect"})),
    Sink(URL, new_types=frozenset({"RedirectView", "ModelAndView"})),
    # JAX-RS `Response.seeOther`, WebFlux `ServerResponse.temporaryRedirect`, Micronaut
    # `HttpResponse.redirect`, a builder's `.location(uri)` (`ResponseEntity.status(FOUND).location(uri)`)
    Sink(URL, frozenset({"temporaryRedirect", "seeOther", "permanentRedirect", "redirect", "location"}),
         receiver_words=("response",)),
    Sink(URL, frozenset({"location"}), receiver_words=("status()", "found()")),  # a chained builder
)
_REDIRECT_METHODS = frozenset({"sendRedirect", "temporaryRedirect", "seeOther", "permanentRedirect",
                               "redirect", "location"})
_SPRING_REDIRECT = "redirect:"


def _redirects_anywhere(value: Value) -> bool:
    """Request data picks the host: the literal start (less Spring's `redirect:`) fixes none."""
    if value.prefix is not None and value.prefix.startswith(_SPRING_REDIRECT):
        value = replace(value, prefix=value.prefix[len(_SPRING_REDIRECT):])
    return not value.host_fixed()


@java_check(
    "JAVA-OPEN-REDIRECT", "SEC-14", Severity.MEDIUM, "Redirect to a URL taken from the request",
    "A link on your domain that forwards to any site is a ready-made phishing page and can leak tokens in "
    "the URL. Redirect only to relative paths you built, or check the host against an allow-list.")
def open_redirect(ctx: FileContext) -> Iterator[Hit]:
    reported: set[int] = set()
    for site, index, value in tainted_sinks(ctx, *REDIRECT_SINKS, accept=_redirects_anywhere):
        if site.call.new_type == "ModelAndView" and not (value.prefix or "").startswith(_SPRING_REDIRECT):
            continue  # a view name, not a redirect
        reported.add(site.line)
        yield hit(site, describe_flow(site, index, value, "is the target of"))
    for flow in flows(ctx):
        for returned in flow.returns:
            value = returned.value
            if value.unsafe_for(URL) and (value.prefix or "").startswith(_SPRING_REDIRECT) \
                    and _redirects_anywhere(value) and returned.line not in reported:
                reported.add(returned.line)
                yield Hit(returned.line, None, f"The view name `redirect:` is followed by "
                                               f"{_source_of(value)}: Spring redirects the browser "
                                               "wherever it says.")
    for flow in flows(ctx):
        for site in flow.calls:
            if site.call.method in {"setHeader", "addHeader"} and len(site.args) == 2 \
                    and (site.args[0].text() or "").lower() == "location" and site.line not in reported \
                    and site.args[1].unsafe_for(URL) and not site.args[1].host_fixed():
                yield hit(site, describe_flow(site, 1, site.args[1], "is the `Location` set by"))


_FLUENT_VERBS = ("get", "post", "put", "delete", "patch", "head",
                 "Get", "Post", "Put", "Delete", "Patch", "Head")
_CLIENT_CHAINS = ("get()", "post()", "put()", "delete()", "patch()", "head()", "options()", "method(",
                  "webclient", "restclient", "newbuilder()")
"""What a request chain's `.uri(...)` is called on, as written: the verb (`webClient.get().uri`), the
client, or `HttpRequest.newBuilder()`."""
SSRF_SINKS = (
    Sink(URL, new_types=frozenset({"HttpGet", "HttpPost", "HttpPut", "HttpDelete", "HttpHead", "HttpPatch",
                                   "Socket"})),
    Sink(URL, frozenset({"openConnection", "openStream", "getContent"}), receiver_types=frozenset({"URL"}),
         on_receiver=True),
    Sink(URL, callees=frozenset({"URI.create", "Jsoup.connect", "HttpRequest.newBuilder",
                                 "WebClient.create"})),
    Sink(URL, frozenset({"getForObject", "getForEntity", "postForObject", "postForEntity", "exchange",
                         "patchForObject", "headForHeaders", "optionsForAllow"}),
         receiver_types=frozenset({"RestTemplate", "RestOperations"}), receiver_words=("rest", "template")),
    # WebClient and Spring 6 RestClient (`client.get().uri(url)`, `WebClient.builder().baseUrl(url)`): an
    # absolute URL replaces the configured base; OkHttp's `new Request.Builder().url(url)`; Apache's fluent
    # `Request.get(url)`
    Sink(URL, frozenset({"uri"}), receiver_words=_CLIENT_CHAINS),
    Sink(URL, frozenset({"baseUrl"}), receiver_words=("builder()",)),
    Sink(URL, frozenset({"url"}), receiver_types=frozenset({"Builder"}), receiver_words=("request.builder",)),
    Sink(URL, callees=frozenset({f"Request.{verb}" for verb in _FLUENT_VERBS})),
    # Unirest (`Unirest.get(url)`), Vert.x WebClient's absolute-URL requests (`client.getAbs(url)`)
    Sink(URL, callees=frozenset({f"Unirest.{verb}" for verb in _FLUENT_VERBS[:6]} | {"Unirest.request"})),
    Sink(URL, frozenset({"getAbs", "postAbs", "putAbs", "deleteAbs", "patchAbs", "headAbs", "requestAbs"})),
)


@java_check(
    "JAVA-SSRF", "SEC-14", Severity.HIGH, "Outbound request to a URL taken from the request",
    "The server fetches whatever URL the caller names: internal services, the cloud metadata endpoint "
    "(169.254.169.254) and admin ports become reachable through it. Keep the scheme and host fixed in "
    "code and put only the checked value in the path or query, or match the host against an allow-list.")
def ssrf(ctx: FileContext) -> Iterator[Hit]:
    passed_on = {site.line for site, _index, _value in tainted_sinks(ctx, *SSRF_SINKS)
                 if site.call.callee == "URI.create" and site.via is None
                 and (_redirect_argument(site.node) or _judged_where_used(ctx, site))}
    for found in tainted_hits(ctx, SSRF_SINKS, "chooses the host contacted by",
                              accept=lambda v: not v.host_fixed()):
        if found.line not in passed_on:
            yield found  # `URI.create(next)` handed to a redirect is JAVA-OPEN-REDIRECT's: nothing is fetched


def _judged_where_used(ctx: FileContext, made: CallSite) -> bool:
    """Whether the URI `made` (`URI target = URI.create(url)`) is kept in a local that the same method
    then hands to a known outbound call or whose host it reads (`ALLOWED.contains(target.getHost())`):
    parsing fetches nothing, so the use (with what the code checked in between) decides, not the parse."""
    declarator = made.node.parent
    if declarator is None or declarator.type not in {"variable_declarator", "assignment_expression"}:
        return False
    named = declarator.child_by_field_name("name") or declarator.child_by_field_name("left")
    if named is None or named.type != "identifier":
        return False
    name = text_of(named)
    for site, _sink, _flow in sink_sites(ctx, *SSRF_SINKS):
        if site.function is made.function and site.line > made.line \
                and any(arg.type == "identifier" and text_of(arg) == name for arg in site.call.args):
            return True
    body = made.function.body if made.function is not None else None
    if body is None:
        return False
    host_read = re.compile(rf"\b{re.escape(name)}\s*\.\s*(?:getHost|getAuthority)\s*\(")
    last = made.line + body.end_point[0] - made.node.start_point[0]
    return any(host_read.search(ctx.lines.get(no, "")) for no in range(made.line + 1, last + 1))


def _redirect_argument(node: Node) -> bool:
    """Whether the call `node` is an argument of a redirect (`Response.seeOther(URI.create(next))`)."""
    parent = node.parent
    outer = parent.parent if parent is not None and parent.type == "argument_list" else None
    if outer is None or outer.type != "method_invocation":
        return False
    name = outer.child_by_field_name("name")
    return name is not None and text_of(name) in _REDIRECT_METHODS


# --- predictable random values used as secrets -------------------------------------------------------------

_SECRET_NAME = lazy_re(
    r"(?:token|secret|passw(?:or)?d|pwd|nonce|otp|salt|key|session|csrf|xsrf|remember|auth|cookie|uuid|guid|"
    r"pin|(?:reset|verif\w*|auth|confirm\w*|activation|invite)_?code|session_?id|sid)s?$", re.IGNORECASE)
_SECRET_USES = frozenset({"setAttribute", "putValue", "addCookie", "setValue", "setHeader", "addHeader"})
_SECRET_TYPE = lazy_re(r"(?:Token|Secret|Password|Nonce|ApiKey|SessionId|Otp|ResetCode|Credentials?)$")
"""A class whose constructor takes a secret (`new ApiToken(userId, value)`, `new PasswordResetToken(...)`):
what it is given is the secret, whatever the variable is called."""


@java_check(
    "JAVA-INSECURE-RANDOM", "SEC-15", Severity.HIGH, "Token, id or cookie value made with java.util.Random",
    "`java.util.Random`, `Math.random` and `ThreadLocalRandom` are predictable: a few outputs reveal the "
    "generator's state, so tokens, session ids and reset codes made with them can be guessed. Use "
    "`java.security.SecureRandom` (or `UUID.randomUUID()` for ids).")
def insecure_random(ctx: FileContext) -> Iterator[Hit]:
    yield from weak_random_hits(ctx, _secret_uses)


def _secret_uses(flow: FileFlow) -> Iterator[tuple[str, str]]:
    for assignment in flow.assignments:
        if _SECRET_NAME.search(assignment.name):
            for flag in weak_random_flags(assignment.value):
                yield flag, f"becomes `{assignment.name}`"
        elif _string_local(assignment.node) and assignment.function is not None:
            maker = _secret_maker(assignment.function)
            if maker:
                for flag in weak_random_flags(assignment.value):
                    yield flag, f"becomes the text `{assignment.name}` in {maker}"
    for site in flow.calls:
        if site.call.new_type == "Cookie" or site.call.method in _SECRET_USES \
                or (site.call.new_type and _SECRET_TYPE.search(site.call.new_type)):
            for value in site.args:
                for flag in weak_random_flags(value):
                    yield flag, f"reaches `{shown(site.call.callee)}`"


_SECRET_CONTEXT = lazy_re(r"(?:Token|Secret|Passw(?:or)?d|Nonce|ApiKey|Session|Otp|Csrf|Credential)")
"""A class, method or return type that makes secrets (`ApiTokenService`, `newSessionId`, `ApiToken
issue(...)`): a random string made there is one."""


def _secret_maker(function: Function) -> str:
    """How the function shows that it makes secrets (its class, its name or its return type), or ""."""
    returns = function.node.child_by_field_name("type")
    for what, name in (("method", function.name), ("class", function.owner or ""),
                       ("method returning", text_of(returns) if returns is not None else "")):
        if _SECRET_CONTEXT.search(name[:1].upper() + name[1:]):
            return f"{what} `{shown(name)}`"
    return ""


def _string_local(node: Node) -> bool:
    """Whether the assignment declares a `String` local (`String value = ...`)."""
    declaration = node.parent if node.type == "variable_declarator" else node
    if declaration is not None and declaration.type == "variable_declarator":
        declaration = declaration.parent
    if declaration is None or declaration.type != "local_variable_declaration":
        return False
    declared = declaration.child_by_field_name("type")
    return declared is not None and text_of(declared) == "String"


def _source_of(value: Value) -> str:
    return value.source if value.source.startswith(("the ", "parameter ")) else f"`{value.source}`"


# --- cookies without Secure -------------------------------------------------------------------------------

@java_check(
    "JAVA-COOKIE-INSECURE", "SEC-16", Severity.MEDIUM, "Cookie added without Secure",
    "Without `setSecure(true)` the browser also sends the cookie over plain HTTP, where anyone on the "
    "network path can read it; without `setHttpOnly(true)` any script injected into the page can. Set "
    "both on cookies that carry a session or any secret.")
def cookie_insecure(ctx: FileContext) -> Iterator[Hit]:
    """A cookie made here with `new Cookie` is reported where Secure is turned off, else where it is added
    to the response without `setSecure(true)` (from the line that makes it, when that is close by, so the
    finding covers the lines where the flags belong), or, when it carries a session or a token, without
    `setHttpOnly(true)`. Spring's `ResponseCookie.from(name, value)…build()` chain made here is judged the
    same way from its `.secure(…)` and `.httpOnly(…)` steps. Cookies made elsewhere (the request, a
    helper) are not judged: their flags are set where they are made."""
    yield from _response_cookies(ctx)
    for flow in flows(ctx):
        made: dict[tuple[int, str], CallSite] = {}
        for site in flow.calls:
            if site.call.new_type == "Cookie":
                name = _bound_name(flow, site)
                if name is not None:
                    made[(id(site.function), name)] = site
        for site in flow.calls:
            if site.call.method != "addCookie" or len(site.call.args) != 1:
                continue
            arg = site.call.args[0]
            cookie = text_of(arg)
            inline = arg.type == "object_creation_expression" and site.args[0].type == "Cookie"
            maker = made.get((id(site.function), cookie))
            if not inline and maker is None:
                continue
            settings = _cookie_settings(flow, site, cookie)
            secure = settings.get("setSecure")
            http_only = settings.get("setHttpOnly")
            if secure is not None and secure[0] is False:
                yield hit(secure[1], f"`{shown(text_of(secure[1].node))}` lets the browser send the cookie "
                                     "over plain HTTP.")
                continue
            flags = (("setSecure", secure), ("setHttpOnly", http_only))
            missing = [f"`{flag}(true)`" for flag, setting in flags if setting is None or setting[0] is False]
            if secure is not None and ((http_only is not None and http_only[0]) or not _auth_cookie(maker)):
                continue  # Secure is set; HttpOnly is asked only of a session or token cookie
            found = hit(site, f"The cookie `{shown(cookie)}` is added by `{shown(site.call.callee)}` without "
                              f"{' or '.join(missing)}.")
            if maker is not None and 0 < found.line - maker.line <= _COOKIE_SPAN:
                found = replace(found, line=maker.line, end_line=found.end_line or found.line)
            yield found


_COOKIE_SPAN = 10
"""At most this many lines from `new Cookie` to `addCookie` for a finding to cover both."""
_RESPONSE_COOKIE = lazy_re(r"\bResponseCookie\s*\.\s*from\s*\(\s*(\"[^\"]*\"|[\w.]+)")
_COOKIE_FLAG = lazy_re(r"\.\s*(secure|httpOnly)\s*\(\s*(false\s*\)|)")
"""A flag step; its value is `false)` when turned off, else empty (on, or set by a condition)."""
_CHAIN_END = lazy_re(r"\.\s*build\s*\(\s*\)|;")


def _response_cookies(ctx: FileContext) -> Iterator[Hit]:
    """Spring `ResponseCookie.from(name, value)` chains, read up to `.build()` (at most `_COOKIE_SPAN`
    lines): Secure turned off, or left out; HttpOnly left out or off on a session or token cookie."""
    if "ResponseCookie" not in ctx.known_text():
        return
    lexed = lex(ctx)
    rows = list(lines_of(lexed))
    for index, (no, code, _bare) in enumerate(rows):
        made = _RESPONSE_COOKIE.search(code)
        if made is None:
            continue
        chain, last = code[made.start():], no
        for next_no, next_code, _ in rows[index + 1 : index + 1 + _COOKIE_SPAN]:
            if _CHAIN_END.search(chain) or next_no != last + 1:
                break
            chain, last = chain + " " + next_code.strip(), next_no
        if not _CHAIN_END.search(chain):
            continue  # the chain goes on past what is known
        flags = {flag: "false" if value else "set" for flag, value in _COOKIE_FLAG.findall(chain)}
        if flags.get("secure") == "false":
            yield Hit(no, last if last > no else None,
                      f"The cookie {made.group(1)} is built with `secure(false)`: the browser also sends it "
                      "over plain HTTP.")
            continue
        auth = _AUTH_COOKIE.search(made.group(1)) is not None
        missing = [f"`{flag}(true)`" for flag in ("secure", "httpOnly")
                   if flags.get(flag, "false") == "false" and (flag == "secure" or auth)]
        if missing:
            yield Hit(no, last if last > no else None,
                      f"The cookie {made.group(1)} is built without {' or '.join(missing)}.")
_AUTH_COOKIE = lazy_re(r"session|\bsid\b|token|auth|jwt|remember|refresh|login|access|credential",
                       re.IGNORECASE)


def _auth_cookie(maker: CallSite | None) -> bool:
    """Whether the cookie `new Cookie(name, ...)` makes is named like one that carries a session or token."""
    if maker is None or not maker.args:
        return False
    name = maker.args[0].text()
    return name is not None and _AUTH_COOKIE.search(name) is not None


def _cookie_settings(flow: FileFlow, add: CallSite, cookie: str) -> dict[str, tuple[bool, CallSite]]:
    """The last setSecure/setHttpOnly call on `cookie` in the same function: its constant argument (a
    non-constant one is taken as true) and the call."""
    out: dict[str, tuple[bool, CallSite]] = {}
    for site in flow.calls:
        if site.function is not add.function or site.call.method not in {"setSecure", "setHttpOnly"}:
            continue
        if site.receiver_name != cookie or not site.args:
            continue
        value = site.args[0]
        out[site.call.method] = (value.const is not False if value.known else True, site)
    return out


# --- broken ciphers ---------------------------------------------------------------------------------------

_WEAK_ALGORITHMS = frozenset({"DES", "DESEDE", "TRIPLEDES", "3DES", "RC2", "RC4", "ARCFOUR", "BLOWFISH",
                              "IDEA"})
_ASYMMETRIC = frozenset({"RSA", "EC", "ECIES", "ELGAMAL"})
"""Java names RSA transformations "RSA/ECB/..." though no block mode applies."""
_KEYED = (["Cipher", "getInstance"], ["KeyGenerator", "getInstance"], ["SecretKeyFactory", "getInstance"])


@java_check(
    "JAVA-WEAK-CIPHER", "SEC-15", Severity.MEDIUM, "Broken cipher or ECB mode",
    "DES, 3DES, RC2, RC4 and Blowfish are breakable, and ECB mode (the default for a bare `\"AES\"`) "
    "encrypts equal blocks to equal ciphertext, which leaks patterns in the data. Use "
    "`AES/GCM/NoPadding` with a fresh random IV per message.")
def weak_cipher(ctx: FileContext) -> Iterator[Hit]:
    for flow in flows(ctx):
        for site in flow.calls:
            if site.call.callee.rsplit(".", 2)[-2:] not in _KEYED:
                if site.call.new_type == "NullCipher":
                    yield hit(site, "`NullCipher` does not encrypt at all.")
                continue
            if not site.args:
                continue
            name = site.args[0].text()
            why = _weak_transformation(name, site.call.callee.endswith("Cipher.getInstance")) \
                if name is not None else None
            if why is not None:
                yield hit(site, f"`{shown(site.call.callee)}(\"{shown(name or '')}\")`: {why}.")
    yield from _fixed_ivs(ctx)


_IV_SPEC = lazy_re(r"\bnew\s+(?:IvParameterSpec|GCMParameterSpec|ChaCha20ParameterSpec)\s*\("
                   r"""\s*(?:\w+\s*,\s*)?(new\s+byte\s*\[\s*\d+\s*\]|"[^"]*"\s*\.getBytes\b|[A-Za-z_]\w*)""")
_FIXED_BYTES = lazy_re(
    r"""\bbyte\s*\[\s*\]\s+(\w+)\s*=\s*(?:"[^"]*"\s*\.getBytes\b|new\s+byte\s*\[\s*\]\s*\{|\{|"""
    r"""new\s+byte\s*\[\s*\d+\s*\]\s*;|HexFormat\.of\(\)\.parseHex\(\s*"|Hex\.decodeHex\(\s*")"""
)
"""`byte[] IV = "0123456789abcdef".getBytes(...)`, `= new byte[]{0, 1, ...}`, `= new byte[16];` (zeros
unless filled later), `= HexFormat.of().parseHex("...")`: bytes fixed in the source."""
_FILLED = lazy_re(r"\b(?:nextBytes|engineNextBytes|read(?:Fully)?|get)\s*\(\s*(\w+)"
                  r"|System\.arraycopy\(\s*[^,]+,\s*[^,]+,\s*(\w+)")
"""Arrays filled after they are made: from a random source, or with an IV read back from the ciphertext
(`buffer.get(iv)`, `in.readFully(iv)`, `System.arraycopy(data, 0, iv, 0, 16)`)."""
_FIXED_IV = ("The IV is the same for every message: equal plaintexts encrypt the same, and with GCM or CTR a "
             "repeated IV gives away the key stream. Draw a fresh one from `SecureRandom` for each message.")


def _fixed_ivs(ctx: FileContext) -> Iterator[Hit]:
    """An IV or nonce written into the source: `new IvParameterSpec(new byte[16])`, `"...".getBytes()`, or a
    byte array the file sets to fixed bytes and never fills from a random source."""
    source = ctx.known_text()
    if "ParameterSpec" not in source:
        return
    filled = {name for match in _FILLED.finditer(source) for name in match.groups() if name}
    fixed = {match.group(1) for match in _FIXED_BYTES.finditer(source)} - filled
    for no, code, bare in lines_of(lex(ctx)):
        match = _IV_SPEC.search(code)
        if match is None or bare[match.start()] == " ":
            continue
        given = match.group(1)
        if given.startswith(("new", '"')) or given in fixed:
            yield Hit(no, None, _FIXED_IV)


def _weak_transformation(name: str, is_cipher: bool) -> str | None:
    parts = name.upper().split("/")
    algorithm = parts[0]
    if algorithm in _WEAK_ALGORITHMS or algorithm.startswith(("DES", "PBEWITHMD5", "PBEWITHSHA1ANDDES")):
        return f"{parts[0]} is a broken cipher"
    if is_cipher and len(parts) > 1 and parts[1] == "ECB" and algorithm not in _ASYMMETRIC:
        return "ECB mode leaks patterns in the data"
    if is_cipher and len(parts) == 1 and algorithm == "AES":
        return "a bare \"AES\" means AES/ECB, which leaks patterns in the data"
    return None


# --- XML external entities --------------------------------------------------------------------------------

_FACTORIES = frozenset({
    "DocumentBuilderFactory.newInstance", "SAXParserFactory.newInstance", "XMLInputFactory.newInstance",
    "XMLInputFactory.newFactory", "TransformerFactory.newInstance", "SchemaFactory.newInstance",
    "XMLReaderFactory.createXMLReader", "DocumentBuilderFactory.newDefaultInstance",
    "SAXParserFactory.newDefaultInstance", "XMLInputFactory.newDefaultFactory",
    "SAXTransformerFactory.newInstance", "javax.xml.parsers.DocumentBuilderFactory.newInstance",
    "javax.xml.parsers.SAXParserFactory.newInstance", "javax.xml.stream.XMLInputFactory.newInstance",
    "javax.xml.transform.TransformerFactory.newInstance",
})
_PARSER_TYPES = frozenset({"SAXReader", "SAXBuilder"})
_OFF_TRUE = lazy_re(r"disallow-doctype-decl", re.IGNORECASE)
_OFF_FALSE = lazy_re(r"external-general-entities|SUPPORT_DTD|supportDTD|IS_SUPPORTING_EXTERNAL_ENTITIES|"
                        r"isSupportingExternalEntities|load-external-dtd", re.IGNORECASE)
_OFF_EMPTY = lazy_re(r"ACCESS_EXTERNAL_DTD|accessExternalDTD|ACCESS_EXTERNAL_SCHEMA|"
                        r"ACCESS_EXTERNAL_STYLESHEET", re.IGNORECASE)


@java_check(
    "JAVA-XXE", "SEC-14", Severity.HIGH, "XML parser that resolves external entities",
    "A document can then name `file:///etc/passwd` or an internal URL as an entity and have the server "
    "read it (XXE), or expand entities until memory runs out. Turn DTDs off on the factory: "
    "`setFeature(\"http://apache.org/xml/features/disallow-doctype-decl\", true)` (or, for StAX, "
    "`setProperty(XMLInputFactory.SUPPORT_DTD, false)`).")
def xxe(ctx: FileContext) -> Iterator[Hit]:
    """A factory is reported where it is turned unsafe explicitly, else where a parser is built from it
    (or at its creation when nothing here builds one), unless its scope turns DTDs or entities off."""
    for flow in flows(ctx):
        hardened: set[tuple[str, str]] = set()
        enabled: list[CallSite] = []
        for site in flow.calls:
            verdict = _setting(site)
            if verdict is True and site.receiver_name is not None:
                hardened.add((_scope(site), site.receiver_name))
            elif verdict is False:
                enabled.append(site)
        _hardened_by_helpers(flow, hardened)
        for site in enabled:
            yield hit(site, f"`{shown(text_of(site.node))}` turns on DTDs or external entities.")
        explicit = {(_scope(site), site.receiver_name) for site in enabled}
        for site in flow.calls:
            if site.call.callee not in _FACTORIES and site.call.new_type not in _PARSER_TYPES:
                continue
            name = _bound_name(flow, site)
            if name is None:
                parent = site.node.parent
                if parent is not None and parent.type == "method_invocation" \
                        and text_of(parent.child_by_field_name("name")) in _BUILDS:
                    yield hit(site, f"`{shown(text_of(parent))}` builds a parser with default settings, "
                                    "which resolve DTDs and external entities.")
                continue
            field = site.function is None or (name in flow.fields and not _declared_in(flow, site, name))
            scope_of = _class_scope if field else _scope
            scope = scope_of(site)
            if any(scope_of(u) == scope and (_scope(u), name) in hardened | explicit
                   for u in flow.calls if u.receiver_name == name or name in _arg_names(u)):
                continue
            use = next((u for u in flow.calls if u.receiver_name == name and u.call.method in _BUILDS
                        and scope_of(u) == scope), None)
            target = use or site
            found = hit(target, f"`{shown(name)}` comes from `{shown(site.call.callee)}` and nothing before "
                                f"`{shown(target.call.method)}` turns off DTDs or external entities on it.")
            if use is not None and site.function is not None and use.function is site.function \
                    and 0 < use.line - site.line <= _FACTORY_SPAN:
                # from the factory, where the settings belong, to the parser built from it
                found = replace(found, line=site.line, end_line=found.end_line or found.line)
            yield found


_FACTORY_SPAN = 10
"""At most this many lines from a factory to the parser built from it for a finding to cover both."""


def _arg_names(site: CallSite) -> list[str]:
    return [text_of(a) for a in site.call.args if a.type == "identifier"]


def _declared_in(flow: FileFlow, site: CallSite, name: str) -> bool:
    """Whether `name` is a local of the function the call is in (it shadows a field of that name)."""
    if site.function is None or site.function.body is None:
        return False
    if any(p.name == name for p in site.function.params):
        return True
    stack = [site.function.body]
    while stack:
        node = stack.pop()
        if node.type == "variable_declarator" and text_of(node.child_by_field_name("name")) == name:
            return node.parent is not None and node.parent.type == "local_variable_declaration"
        stack.extend(node.named_children)
    return False


def _hardened_by_helpers(flow: FileFlow, hardened: set[tuple[str, str]]) -> None:
    """A factory passed to a helper of this file that hardens its parameter counts as hardened."""
    helpers: dict[tuple[str, int], set[int]] = {}
    for function in flow.functions:
        key = f"{function.owner}.{function.name}@{function.node.start_byte}"
        for index, param in enumerate(function.params):
            if (key, param.name) in hardened:
                helpers.setdefault((function.name, len(function.params)), set()).add(index)
    for site in flow.calls:
        indices = helpers.get((site.call.method, len(site.call.args)), set())
        for index in indices:
            arg = site.call.args[index]
            if arg.type == "identifier":
                hardened.add((_scope(site), text_of(arg)))


_BUILDS = frozenset({"newDocumentBuilder", "newSAXParser", "createXMLStreamReader", "createXMLEventReader",
                     "newTransformer", "newSchema", "getXMLReader", "newTemplates", "read", "build"})


def _scope(site: CallSite) -> str:
    """The function a call is in (its class for a field initializer)."""
    if site.function is not None:
        return f"{site.function.owner}.{site.function.name}@{site.function.node.start_byte}"
    return _class_scope(site)


def _class_scope(site: CallSite) -> str:
    if site.function is not None:
        return f"class {site.function.owner}"
    node = site.node.parent
    while node is not None and node.type not in _CLASS_NODES:
        node = node.parent
    return f"class {text_of(node.child_by_field_name('name')) if node is not None else ''}"


_CLASS_NODES = frozenset({"class_declaration", "enum_declaration", "record_declaration"})


def _setting(site: CallSite) -> bool | None:
    """True for a call that turns DTDs or external entities off, False for one that turns them on."""
    if site.call.method not in {"setFeature", "setProperty", "setAttribute"} or len(site.args) < 2:
        return None
    key = site.args[0].text() or text_of(site.call.args[0])
    value = site.args[1]
    if not value.known:
        return None
    on = value.const is True or value.const == "true"
    off = value.const is False or value.const == "false"
    if _OFF_TRUE.search(key):
        return True if on else False if off else None
    if _OFF_FALSE.search(key):
        return True if off else False if on else None
    if _OFF_EMPTY.search(key):
        return value.const == "" or None
    return None


def _bound_name(flow: FileFlow, site: CallSite) -> str | None:
    """The variable or field the factory is stored in (the call itself when a parser is built from it
    inline)."""
    for assignment in flow.assignments:
        if assignment.line == site.line and assignment.function is site.function:
            return assignment.name
    parent = site.node.parent
    while parent is not None and parent.type in {"parenthesized_expression", "cast_expression"}:
        parent = parent.parent
    if parent is not None and parent.type == "variable_declarator":
        return text_of(parent.child_by_field_name("name"))
    return None
