"""JavaScript/TypeScript: cookies a server sets without `Secure` or `HttpOnly`.

- Express `res.cookie(name, value, options)` and Fastify `reply.setCookie(...)`: a session or auth cookie
  (by its name, or a value that is a token or session id) without `httpOnly: true` and `secure: true`, or
  without options; any cookie set with `secure: false`. A CSRF cookie (`XSRF-TOKEN`) must be readable by
  the page's script, so only `Secure` is asked of it.
- Next.js `cookies().set(...)` (also through `const cookieStore = await cookies()`) and `NextResponse`'s
  `response.cookies.set(...)`: judged like `res.cookie`, since they add neither flag by themselves.
- `express-session`: a session cookie without `cookie.secure` (the package's default sends it over plain
  HTTP), or with `httpOnly: false`; `cookie-session` and Koa's `ctx.cookies.set`: `secure: false` or
  `httpOnly: false` written out (their defaults are safe).

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
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from tree_sitter import Node

_JS = frozenset({"javascript", "typescript"})
_WORDS = ("cookie", "Cookie", "session", "Session")

_RESPONSE = lazy_re(r"(?:^|\.)(?:res|resp|response|reply|rep|ctx\.res)$", re.IGNORECASE)
_AUTH_COOKIE = lazy_re(r"session|sess\b|token|auth|\bsid\b|jwt|remember|login|refresh|access|credential|"
                          r"api.?key|identity|connect\.sid", re.IGNORECASE)
_CSRF = lazy_re(r"csrf|xsrf", re.IGNORECASE)
_NOT_AUTH = lazy_re(r"redirect|return|url|path|locale|lang|theme|consent|banner|timezone|mock|fake|dummy",
                       re.IGNORECASE)
"""Names that say what a cookie holds other than a credential (`loginRedirect`, `auth_return_to`), or that
it is a stand-in (`mock-session`)."""
_CREDENTIAL_VALUE = lazy_re(
    r"(?:^|_)(?:token|jwt|session_?id|sid|secret|api_?key|credentials?)s?$|^(?:jwt_)?sign$|"
    r"^(?:create|make|issue|generate|sign)_\w*(?:token|jwt|session)"
)
"""A value that is a credential whatever the cookie is called: `accessToken`, `req.sessionID`,
`jwt.sign(...)`, `generateAuthToken(user)`."""
_SESSION_PACKAGES = {"express-session": "express-session", "cookie-session": "cookie-session"}
_IMPORT = lazy_re(
    r"""(?:import\s+(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s+from\s*|(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*"""
    r"""require\s*\(\s*)["'](express-session|cookie-session)["']"""
)
SESSION_KEYS = frozenset({"secret", "resave", "saveUninitialized", "store", "cookie", "keys", "rolling"})
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
    sessions = session_names(ctx)
    words = (*_WORDS, *(f"{name}(" for name in sessions))
    lines = sorted(no for no, code in lex(ctx).code.items() if any(word in code for word in words))
    if not lines:
        return
    for flow in flows(ctx):
        rows = [no - 1 - flow.line_offset for no in lines]
        for call in nodes_on_rows(flow.root, rows, ("call_expression",)):
            header = _set_cookie_header(call)
            if header is not None:
                yield from _raw_cookie_hits(header, flow)
                continue
            message, where = _judge(call, flow, ctx, sessions)
            if message:
                line, end = flow.line_of(call), flow.end_line_of(call)
                if where is not None:  # a flag written as `false` is reported where it is written
                    line = end = where
                yield Hit(line, end if end > line else None, message)


def shown_call(call: Node) -> str:
    """`session(...)`, or `app.use(session(...))` when the middleware is installed on the spot."""
    shown = f"{text_of(call.child_by_field_name('function'))}(...)"
    outer = call.parent.parent if call.parent is not None else None
    if outer is not None and outer.type == "call_expression":
        callee = text_of(outer.child_by_field_name("function"))
        if callee.endswith(".use") and len(callee) <= 30:
            return f"{callee}({shown})"
    return shown


def _set_cookie_header(call: Node) -> Node | None:
    """The value of `res.setHeader("Set-Cookie", value)` (also `header`, `set`, `append`), else None."""
    function = call.child_by_field_name("function")
    arguments = call.child_by_field_name("arguments")
    if function is None or arguments is None or function.type != "member_expression":
        return None
    if text_of(function.child_by_field_name("property")) not in {"setHeader", "header", "set", "append"}:
        return None
    args = [a for a in arguments.named_children if a.type != "comment"]
    if len(args) != 2 or _string(args[0]).lower() != "set-cookie":
        return None
    return args[1]


def _raw_cookie_hits(value: Node, flow: FileFlow) -> Iterator[Hit]:
    """A session or auth cookie in a raw `Set-Cookie` header whose attributes, as written, lack `HttpOnly`
    or `Secure`; a header whose attributes come from code is not judged. Cookies on one line share a hit."""
    by_line: dict[int, list[str]] = {}
    for cookie in value.named_children if value.type == "array" else [value]:
        parts = _pieces(cookie)
        if not parts or parts[0] is None:
            continue
        text = "".join(part if part is not None else "\x00" for part in parts)
        name = text.split("=", 1)[0].strip()
        if not name or any(";" in text[:i] or not text[:i].rstrip().endswith("=")
                           for i, char in enumerate(text) if char == "\x00"):
            continue  # attributes built in code: not known here
        csrf = bool(_CSRF.search(name))
        attributes = text.lower()
        if not (csrf or _AUTH_COOKIE.search(name)) or _NOT_AUTH.search(name) \
                or re.search(r";\s*max-age\s*=\s*0\b|;\s*expires\s*=[^;]*\b1970\b", attributes):
            continue  # not a credential, or a cookie being cleared
        missing = [flag for flag, word in (("HttpOnly", "httponly"), ("Secure", "secure"))
                   if not re.search(rf";\s*{word}\b", attributes) and (word == "secure" or not csrf)]
        if missing:
            problems = by_line.setdefault(flow.line_of(cookie), [])
            where = "" if problems else " this `Set-Cookie` header sets"
            lacking = " and no ".join(f"`{m}`" for m in missing)
            problems.append(f"the `{name[:40]}` cookie{where} has no {lacking}")
    for line, problems in by_line.items():
        text = "; ".join(problems)
        yield Hit(line, None, f"{text[:1].upper()}{text[1:]}.")


def _pieces(node: Node) -> list[str | None]:
    """The text of a header value as literal pieces, None for each piece computed in code; [] when it is
    not a string built from literals and values (a call such as `cookie.serialize(...)`)."""
    if node.type == "string":
        return [_string(node)]
    if node.type == "template_string":
        return [text_of(child) if child.type == "string_fragment" else None for child in node.named_children
                if child.type in {"string_fragment", "template_substitution"}]
    if node.type == "binary_expression" and text_of(node.child_by_field_name("operator")) == "+":
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None:
            return []
        first = _pieces(left)
        if not first:
            return []
        return first + (_pieces(right) or [None])
    return []


Verdict = tuple[str, "int | None"]
"""The message (empty: nothing to report) and the line of the flag written as `false` it is about."""
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
            return _session_middleware(shown_call(call), package, args[0], flow, ctx, imported=imported)
        return _NONE
    if function.type != "member_expression":
        return _NONE
    receiver = text_of(function.child_by_field_name("object"))
    method = text_of(function.child_by_field_name("property"))
    if method in {"cookie", "setCookie"} and _RESPONSE.search(receiver) and len(args) >= 2:
        return _response_cookie(args, flow, ctx, defaults_safe=False)
    if method == "set" and len(args) >= 2:
        if _KOA_COOKIES.search(receiver):
            return _response_cookie(args, flow, ctx, defaults_safe=True)
        next_store = receiver == "cookieStore" and "next/headers" in ctx.known_text()
        if _NEXT_COOKIES.search(receiver) or next_store:
            return _response_cookie(args, flow, ctx, defaults_safe=False)
    return _NONE


_KOA_COOKIES = lazy_re(r"^(?:ctx|context|this|this\.ctx)\.cookies$")
"""Koa's cookie jar, whose cookies are HttpOnly unless told otherwise and Secure on HTTPS."""
_NEXT_COOKIES = lazy_re(
    r"(?:^|\.)cookies\(\)$|^\(\s*await\s+cookies\(\)\s*\)$|^(?:res|resp|response)\.cookies$"
)
"""Next.js: `cookies()` from `next/headers` and `NextResponse`'s `response.cookies`, which set no
HttpOnly or Secure of their own."""


def _response_cookie(args: list[Node], flow: FileFlow, ctx: FileContext, *, defaults_safe: bool) -> Verdict:
    """What is wrong with `res.cookie(name, value[, options])`; `defaults_safe` for APIs whose defaults
    are HttpOnly and Secure on HTTPS (Koa, Next.js), where only a flag turned off is reported."""
    name_node, value = args[0], args[1]
    name = _string(name_node) or text_of(name_node)
    shown = " ".join(name.split())[:40]
    if len(args) > 2:
        options = object_options(args[2], flow, ctx)
        if options is None:
            return _NONE  # options the file does not show
    else:
        options = ObjectOptions({}, closed=True)
    if _cleared(value, options):
        return _NONE
    csrf = bool(_CSRF.search(name) or _CSRF.search(text_of(value)))
    auth = not csrf and bool((_AUTH_COOKIE.search(name) and not _NOT_AUTH.search(name)) or _credential(value))
    off = [flag for flag in ("secure", "httpOnly") if options.flag(flag) is False
           and (flag == "secure" or auth)]
    if off:
        return (f"The `{shown}` cookie is set with {' and '.join(f'`{f}: false`' for f in off)}.",
                options.line_of(off[0], flow))
    if defaults_safe or not options.closed or not (auth or csrf):
        return _NONE
    missing = [flag for flag in ("httpOnly", "secure") if options.flag(flag) is None
               and (flag == "secure" or auth)]
    if not missing:
        return _NONE
    held = " ".join(text_of(value).split())[:40]
    named = bool(_AUTH_COOKIE.search(name)) and not _NOT_AUTH.search(name)
    what = "" if named or csrf else f" (it holds `{held}`)"
    return f"The `{shown}` cookie{what} is set without {' and '.join(f'`{f}: true`' for f in missing)}.", None


def _session_middleware(
    name: str, package: str, argument: Node, flow: FileFlow, ctx: FileContext, *, imported: bool
) -> Verdict:
    options = object_options(argument, flow, ctx)
    if options is None or not (imported or SESSION_KEYS.intersection(options.values)):
        return _NONE
    cookie = options.values.get("cookie")
    settings = (object_options(cookie, flow, ctx) if cookie is not None
                else ObjectOptions({}, closed=options.closed))
    if package == "cookie-session":  # its options sit at the top (a `cookie` object is read as well)
        for where in (options, settings):
            off = [f for f in ("secure", "httpOnly") if where is not None and where.flag(f) is False]
            if where is not None and off:
                return (f"The session cookie `{name}` sets has "
                        f"{' and '.join(f'`{f}: false`' for f in off)}.", where.line_of(off[0], flow))
        return _NONE
    if settings is None:
        return _NONE
    off = [f for f in ("secure", "httpOnly") if settings.flag(f) is False]
    if off:
        return (f"The session cookie is configured with {' and '.join(f'`cookie.{f}: false`' for f in off)}.",
                settings.line_of(off[0], flow))
    if settings.closed and settings.flag("secure") is None:
        return (f"The session cookie `{name}` sets has no `cookie.secure`: express-session then sends "
                "it over plain HTTP too.", None)
    return _NONE


class ObjectOptions:
    """An options object as written: its keys' value nodes, flags set on it later (`opts.httpOnly =
    false`: the value and its line), and whether that is all of it (no spread, no other change)."""

    def __init__(self, values: dict[str, Node], *, closed: bool,
                 later: dict[str, tuple[bool, int]] | None = None) -> None:
        self.values = values
        self.closed = closed
        self.later = later or {}

    def flag(self, key: str) -> bool | None:
        """False for `key: false`, True for any other value (`true`, `'auto'`, `isProduction`), None when
        the key is absent."""
        if key in self.later:
            return self.later[key][0]
        node = self.values.get(key)
        if node is None:
            return None
        return node.type != "false"

    def line_of(self, key: str, flow: FileFlow) -> int | None:
        if key in self.later:
            return self.later[key][1]
        node = self.values.get(key)
        return flow.line_of(node) if node is not None else None


_FLAGS = frozenset({"secure", "httpOnly"})


def object_options(node: Node, flow: FileFlow, ctx: FileContext, depth: int = 0) -> ObjectOptions | None:
    """The object literal `node` is, or that a name in the file is bound to (with the flags set on it
    afterwards), or that `Object.assign` merges from such objects; None when the options cannot be read."""
    if node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    later: dict[str, tuple[bool, int]] = {}
    if node.type == "identifier":
        declared = ctx.cached(f"js_cookies.declared.{id(flow)}", lambda: _declared_objects(flow))
        bound = declared.get(text_of(node))
        if bound is None:
            return None
        changes = _changes(ctx, text_of(node))
        if changes is None:
            return None
        node, later = bound, changes
    if node.type == "call_expression" and depth < 3 \
            and text_of(node.child_by_field_name("function")) == "Object.assign":
        arguments = node.child_by_field_name("arguments")
        children = arguments.named_children if arguments else []
        parts = [object_options(a, flow, ctx, depth + 1) for a in children]
        if not parts or any(part is None for part in parts):
            return None
        merged = ObjectOptions({}, closed=True)
        for part in parts:
            assert part is not None
            merged.values.update(part.values)
            merged.later.update(part.later)
            merged.closed = merged.closed and part.closed
        return merged
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
    return ObjectOptions(values, closed=closed, later=later)


_CHANGE = lazy_re(
    r"(?<![\w$.])([A-Za-z_$][\w$]*)\s*(?:\.\s*([\w$]+)|\[[^\]]*\])\s*((?:\.\s*[\w$]+\s*)*)=(?!=)\s*([^;\n]*)"
)


def _changes(ctx: FileContext, name: str) -> dict[str, tuple[bool, int]] | None:
    """The flags the file sets on `name` after creating it (`opts.httpOnly = false`): value (False only
    for a literal `false`) and line. None when it changes anything else that could hold a flag (a
    `cookie` object, a computed key)."""
    return ctx.cached("js_cookies.changes", lambda: _all_changes(ctx)).get(name, {})


def _all_changes(ctx: FileContext) -> dict[str, dict[str, tuple[bool, int]] | None]:
    """`_changes` of every name the file assigns a member of, in one pass over its lines."""
    out: dict[str, dict[str, tuple[bool, int]] | None] = {}
    for no, code in lex(ctx).code.items():
        if "=" not in code:
            continue
        for match in _CHANGE.finditer(code):
            name, key, deeper, value = match.groups()
            known = out.setdefault(name, {})
            if known is None:
                continue
            if key in _FLAGS and not deeper.strip():
                known[key] = (value.strip() != "false", no)
            elif key is None or key == "cookie":
                out[name] = None
    return out


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


def _cleared(value: Node, options: ObjectOptions) -> bool:
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


def session_names(ctx: FileContext) -> dict[str, tuple[str, bool]]:
    """Local names of the session middleware packages, each with its package and whether the file imports
    it under that name; the packages' usual names (`session`, `cookieSession`) count too, but only for a
    call whose options look like theirs (`SESSION_KEYS`)."""

    def compute() -> dict[str, tuple[str, bool]]:
        found = {name: (package, False) for name, package in _DEFAULT_NAMES.items()}
        for match in _IMPORT.finditer(ctx.known_text()):
            found[match.group(1) or match.group(2)] = (_SESSION_PACKAGES[match.group(3)], True)
        return found

    return ctx.cached("js_cookies.session_names", compute)
