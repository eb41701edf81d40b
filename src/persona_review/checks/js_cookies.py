"""JavaScript/TypeScript: cookies a server sets without `Secure` or `HttpOnly`.

- Express `res.cookie(name, value, options)` and Fastify `reply.setCookie(...)`: a session or auth cookie
  (by its name, or a value that is a token or session id) without `httpOnly: true` and `secure: true`, or
  without options; any cookie set with `secure: false`. A CSRF cookie (`XSRF-TOKEN`) must be readable by
  the page's script, so only `Secure` is asked of it.
- `express-session`: a session cookie without `cookie.secure` (the package's default sends it over plain
  HTTP), or with `httpOnly: false`; `cookie-session`, Koa's and Next.js' `cookies.set`: `secure: false`
  or `httpOnly: false` written out (their defaults are safe).

Options the file does not show (a variable defined elsewhere, `Object.assign`, a spread) are not judged,
except for a flag they turn off in so many words; nor is a cookie being cleared (an empty value, `maxAge:
0`, an expiry at the epoch)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._lexing import lex
from persona_review.checks._secret_compare import nodes_on_rows, normalized
from persona_review.checks._tsflow import FileFlow, flows, text_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity

if TYPE_CHECKING:
    from tree_sitter import Node

_JS = frozenset({"javascript", "typescript"})
_WORDS = ("cookie", "Cookie", "session", "Session")

_RESPONSE = re.compile(r"(?:^|\.)(?:res|resp|response|reply|rep|ctx\.res)$", re.IGNORECASE)
_AUTH_COOKIE = re.compile(r"session|sess\b|token|auth|\bsid\b|jwt|remember|login|refresh|access|credential|"
                          r"api.?key|identity|connect\.sid", re.IGNORECASE)
_CSRF = re.compile(r"csrf|xsrf", re.IGNORECASE)
_CREDENTIAL_VALUE = re.compile(
    r"(?:^|_)(?:token|jwt|session_?id|sid|secret|api_?key|credentials?)s?$|^(?:jwt_)?sign$|"
    r"^(?:create|make|issue|generate|sign)_\w*(?:token|jwt|session)"
)
"""A value that is a credential whatever the cookie is called: `accessToken`, `req.sessionID`,
`jwt.sign(...)`, `generateAuthToken(user)`."""
_SESSION_PACKAGES = {"express-session": "express-session", "cookie-session": "cookie-session"}
_IMPORT = re.compile(
    r"""(?:import\s+(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s+from\s*|(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*"""
    r"""require\s*\(\s*)["'](express-session|cookie-session)["']"""
)
_SESSION_KEYS = frozenset({"secret", "resave", "saveUninitialized", "store", "cookie", "keys", "rolling"})
"""Options only session middleware takes: a `session(...)` call the file does not import is judged when it
passes one."""
_DEFAULT_NAMES = {"session": "express-session", "expressSession": "express-session",
                  "cookieSession": "cookie-session"}


@register(
    CheckSpec(
        id="JS-COOKIE-INSECURE",
        checklist_item="SEC-16",
        category=Category.SECURITY,
        severity=Severity.MEDIUM,
        languages=_JS,
        title="Cookie without Secure, or session cookie without HttpOnly",
        explanation=(
            "Without `secure: true` the browser also sends the cookie over plain HTTP, where anyone on the "
            "network path can read it; without `httpOnly: true` any script injected into the page can. Set "
            "`{ httpOnly: true, secure: true, sameSite: 'lax' }` on cookies that carry a session or a token "
            "(a CSRF cookie the page reads keeps `secure: true` only); for express-session set "
            "`cookie: { secure: true }` (with `app.set('trust proxy', 1)` behind a proxy)."
        ),
    ),
    needs=_WORDS,
)
def cookie_insecure(ctx: FileContext) -> Iterator[Hit]:
    sessions = _session_names(ctx)
    words = (*_WORDS, *(f"{name}(" for name in sessions))
    lines = sorted(no for no, code in lex(ctx).code.items() if any(word in code for word in words))
    if not lines:
        return
    for flow in flows(ctx):
        rows = [no - 1 - flow.line_offset for no in lines]
        for call in nodes_on_rows(flow.root, rows, ("call_expression",)):
            message, where = _judge(call, flow, ctx, sessions)
            if message:
                at = where or call  # a flag written as `false` is reported where it is written
                line, end = flow.line_of(at), flow.end_line_of(at)
                yield Hit(line, end if end > line else None, message)


Verdict = tuple[str, "Node | None"]
"""The message (empty: nothing to report) and the flag written as `false` it is about, if any."""
_NONE: Verdict = ("", None)


def _judge(call: Node, flow: FileFlow, ctx: FileContext, sessions: dict[str, tuple[str, bool]]) -> Verdict:
    function = call.child_by_field_name("function")
    arguments = call.child_by_field_name("arguments")
    if function is None or arguments is None:
        return _NONE
    args = [a for a in arguments.named_children if a.type != "comment"]
    if function.type == "identifier":
        package, imported = sessions.get(text_of(function), ("", False))
        if package and args:
            return _session_middleware(package, args[0], flow, ctx, imported)
        return _NONE
    if function.type != "member_expression":
        return _NONE
    receiver = text_of(function.child_by_field_name("object"))
    method = text_of(function.child_by_field_name("property"))
    if method in {"cookie", "setCookie"} and _RESPONSE.search(receiver) and len(args) >= 2:
        return _response_cookie(args, flow, ctx, defaults_safe=False)
    if method == "set" and re.search(r"(?:^|\.)cookies(?:\(\))?$", receiver) and len(args) >= 2:
        return _response_cookie(args, flow, ctx, defaults_safe=True)
    return _NONE


def _response_cookie(args: list[Node], flow: FileFlow, ctx: FileContext, *, defaults_safe: bool) -> Verdict:
    """What is wrong with `res.cookie(name, value[, options])`; `defaults_safe` for APIs whose defaults
    are HttpOnly and Secure on HTTPS (Koa, Next.js), where only a flag turned off is reported."""
    name_node, value = args[0], args[1]
    name = _string(name_node) or text_of(name_node)
    shown = " ".join(name.split())[:40]
    if len(args) > 2:
        options = _options(args[2], flow, ctx)
        if options is None:
            return _NONE  # options the file does not show
    else:
        options = _Options({}, closed=True)
    if _cleared(value, options):
        return _NONE
    csrf = bool(_CSRF.search(name) or _CSRF.search(text_of(value)))
    auth = not csrf and bool(_AUTH_COOKIE.search(name) or _credential(value))
    off = [flag for flag in ("secure", "httpOnly") if options.flag(flag) is False
           and (flag == "secure" or auth)]
    if off:
        return (f"The `{shown}` cookie is set with {' and '.join(f'`{f}: false`' for f in off)}.",
                options.values[off[0]])
    if defaults_safe or not options.closed or not (auth or csrf):
        return _NONE
    missing = [flag for flag in ("httpOnly", "secure") if options.flag(flag) is None
               and (flag == "secure" or auth)]
    if not missing:
        return _NONE
    held = " ".join(text_of(value).split())[:40]
    what = "" if _AUTH_COOKIE.search(name) or csrf else f" (it holds `{held}`)"
    return f"The `{shown}` cookie{what} is set without {' and '.join(f'`{f}: true`' for f in missing)}.", None


def _session_middleware(
    package: str, argument: Node, flow: FileFlow, ctx: FileContext, imported: bool
) -> Verdict:
    options = _options(argument, flow, ctx)
    if options is None or not (imported or _SESSION_KEYS.intersection(options.values)):
        return _NONE
    if package == "cookie-session":
        off = [f for f in ("secure", "httpOnly") if options.flag(f) is False]
        if not off:
            return _NONE
        return (f"The session cookie `cookieSession` sets has {' and '.join(f'`{f}: false`' for f in off)}.",
                options.values[off[0]])
    cookie = options.values.get("cookie")
    settings = _options(cookie, flow, ctx) if cookie is not None else _Options({}, closed=options.closed)
    if settings is None:
        return _NONE
    off = [f for f in ("secure", "httpOnly") if settings.flag(f) is False]
    if off:
        return (f"The session cookie is configured with {' and '.join(f'`cookie.{f}: false`' for f in off)}.",
                settings.values[off[0]])
    if settings.closed and settings.flag("secure") is None:
        return ("The session cookie is configured without `cookie.secure`: express-session then sends it "
                "over plain HTTP too.", None)
    return _NONE


class _Options:
    """An options object as written: its keys' value nodes, and whether that is all of it (no spread)."""

    def __init__(self, values: dict[str, Node], *, closed: bool) -> None:
        self.values = values
        self.closed = closed

    def flag(self, key: str) -> bool | None:
        """False for `key: false`, True for any other value (`true`, `'auto'`, `isProduction`), None when
        the key is absent."""
        node = self.values.get(key)
        if node is None:
            return None
        return node.type != "false"


def _options(node: Node, flow: FileFlow, ctx: FileContext) -> _Options | None:
    """The object literal `node` is, or that a `const` name in the file is bound to and never changed;
    None when the options cannot be read."""
    if node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    if node.type == "identifier":
        bound = _declared_objects(flow).get(text_of(node))
        if bound is None or re.search(rf"\b{re.escape(text_of(node))}\s*(?:\.\s*[\w$]+|\[[^\]]*\])\s*=[^=]",
                                      ctx.known_text()):
            return None
        node = bound
    if node.type != "object":
        return None
    values: dict[str, Node] = {}
    closed = True
    for child in node.named_children:
        if child.type == "pair":
            key = child.child_by_field_name("key")
            value = child.child_by_field_name("value")
            if key is not None and value is not None:
                values[_string(key) or text_of(key)] = value
        elif child.type in {"spread_element", "shorthand_property_identifier"}:
            closed = False  # `...defaults` or `{ secure }`: a value the object literal does not show
    return _Options(values, closed=closed)


def _declared_objects(flow: FileFlow) -> dict[str, Node]:
    """Names declared once in the tree with an object literal (`const opts = { ... }`); a name declared
    twice is left out (which one applies is not known here)."""
    found: dict[str, Node] = {}
    twice: set[str] = set()
    stack = [flow.root]
    while stack:
        node = stack.pop()
        if node.type == "variable_declarator":
            name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
            if name is not None and value is not None and value.type == "object":
                key = text_of(name)
                if key in found:
                    twice.add(key)
                found[key] = value
        stack.extend(node.named_children)
    return {k: v for k, v in found.items() if k not in twice}


def _cleared(value: Node, options: _Options) -> bool:
    """A cookie being deleted: an empty value, `maxAge: 0` or an expiry at the epoch."""
    if value.type == "string" and not _string(value):
        return True
    max_age = options.values.get("maxAge")
    expires = options.values.get("expires")
    return (max_age is not None and text_of(max_age).strip() in {"0", "-1"}) or (
        expires is not None and re.search(r"\bDate\(\s*0\s*\)", text_of(expires)) is not None)


def _credential(value: Node) -> bool:
    node = value
    if node.type == "await_expression" and node.named_children:
        node = node.named_children[0]
    if node.type == "call_expression":
        node = node.child_by_field_name("function") or node
    if node.type == "member_expression":
        last = text_of(node.child_by_field_name("property"))
        if text_of(node.child_by_field_name("object")).endswith("jwt") and last == "sign":
            return True
        node_name = last
    elif node.type == "identifier":
        node_name = text_of(node)
    else:
        return False
    return bool(_CREDENTIAL_VALUE.search(normalized(node_name))) and not _CSRF.search(node_name)


def _string(node: Node) -> str:
    if node.type == "string":
        return text_of(node)[1:-1]
    if node.type == "template_string" \
            and not any(c.type == "template_substitution" for c in node.named_children):
        return text_of(node)[1:-1]
    return ""


def _session_names(ctx: FileContext) -> dict[str, tuple[str, bool]]:
    """Local names of the session middleware packages, each with its package and whether the file imports
    it under that name; the packages' usual names (`session`, `cookieSession`) count too, but only for a
    call whose options look like theirs (`_SESSION_KEYS`)."""

    def compute() -> dict[str, tuple[str, bool]]:
        found = {name: (package, False) for name, package in _DEFAULT_NAMES.items()}
        for match in _IMPORT.finditer(ctx.known_text()):
            found[match.group(1) or match.group(2)] = (_SESSION_PACKAGES[match.group(3)], True)
        return found

    return ctx.cached("js_cookies.session_names", compute)
