"""Python checks for secrets handled badly, on the parsed code: tokens from `random`, secrets compared
with `==`, secrets passed to a logger, secrets that fall back to a literal, auth cookies without flags, and
broken ciphers. Messages name the variable, never its value."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from persona_review.checks._py_hits import check, code, hit_on
from persona_review.checks._py_imports import canonical, imported_names
from persona_review.checks._pyflow import Flow, dotted, flows, mentions, source_text
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Severity
from persona_review.lazy_re import lazy_re

_SECRET_WORD = lazy_re(
    r"(?:^|_)(?:token|secret|password|passwd|nonce|otp|salt|api_?key|apikey|session_?id|csrf|"
    r"reset_?code|verification_?code|auth_?code|private_?key|access_?key|client_secret|signature|"
    r"credentials?)(?:s)?$", re.IGNORECASE)
_NOT_SECRET = lazy_re(r"(?:_id|_type|_count|_len|_length|_url|_uri|_name|_path|_file|_expiry|_expires|_at|"
                         r"_ttl|_header|_field|_key_id|_index|_idx|_prefix|_format)$", re.IGNORECASE)
_RANDOM_FUNCS = frozenset({"random", "randint", "randrange", "choice", "choices", "getrandbits", "sample",
                           "uniform", "shuffle", "randbytes"})


def _secretish(name: str) -> bool:
    last = name.rsplit(".", 1)[-1]
    return bool(_SECRET_WORD.search(last)) and not _NOT_SECRET.search(last)


def _random_imports(flow: Flow) -> set[str]:
    """Names that call the `random` module's generator: functions imported from it, and the methods of
    a `random.Random()` instance (`rng = random.Random(); rng.randint(...)`)."""
    out: set[str] = set()
    for node in flow.nodes(ast.ImportFrom):
        if node.module == "random":
            out.update(alias.asname or alias.name for alias in node.names if alias.name in _RANDOM_FUNCS)
    for assign in flow.nodes(ast.Assign):
        if isinstance(assign.value, ast.Call) and dotted(assign.value.func) in {"random.Random", "Random"}:
            for target in assign.targets:
                if isinstance(target, ast.Name | ast.Attribute) and dotted(target):
                    out.update(f"{dotted(target)}.{name}" for name in _RANDOM_FUNCS)
    return out


def _random_call(node: ast.AST, direct: set[str]) -> str | None:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            name = dotted(sub.func)
            if (name.startswith("random.") and name.split(".", 1)[1] in _RANDOM_FUNCS) or name in direct:
                return name
    return None


@check(
    "PY-INSECURE-RANDOM", "SEC-15", Severity.HIGH, "Token or secret made with the `random` module",
    "`random` is a Mersenne Twister: after 624 outputs the rest can be predicted, so tokens, reset codes "
    "and keys made with it can be guessed. Use `secrets.token_urlsafe()`, `secrets.choice` or "
    "`os.urandom`.")
def insecure_random(ctx: FileContext) -> Iterator[Hit]:
    if not mentions(ctx, "random"):
        return
    for flow in flows(ctx):
        direct = _random_imports(flow)
        functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = [
            *flow.nodes(ast.FunctionDef), *flow.nodes(ast.AsyncFunctionDef)]
        for func in functions:
            if _function_makes_secret(func.name):
                yield from _random_returns(func, direct, flow.offset)
        assigned: list[tuple[ast.stmt, list[ast.expr], ast.expr | None]] = [
            (a, a.targets, a.value) for a in flow.nodes(ast.Assign)]
        assigned += [(a, [a.target], a.value) for a in flow.nodes(ast.AnnAssign)]
        reported: set[str] = set()
        for node, targets, value in assigned:
            names = [n for n in (dotted(t) or code(t) for t in targets) if _secretish(n)]
            fn = _random_call(value, direct) if names and value is not None else None
            if fn:
                reported.update(names)
                yield hit_on(node, flow.offset, f"`{names[0]}` is made with `{fn}`, which is predictable.")
        for func in functions:
            yield from _random_credentials(func, direct, reported, flow.offset)


def _random_credentials(func: ast.FunctionDef | ast.AsyncFunctionDef, direct: set[str], reported: set[str],
                        offset: int) -> Iterator[Hit]:
    """A value from `random` (kept through `str()`, slicing, formatting and concatenation) that a
    function stores as a cookie or in the session: it identifies or authenticates the client there."""
    randoms: dict[str, str] = {}
    for node in _in_order(func):
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            origin = _random_origin(node.value, direct, randoms)
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    if origin:
                        randoms[target.id] = origin
                    else:
                        randoms.pop(target.id, None)
                elif isinstance(target, ast.Subscript) and origin \
                        and dotted(target.value) in _SESSION_STORES \
                        and _CREDENTIAL_WORDS.search(code(target.slice) + " " + code(node.value)):
                    yield hit_on(node, offset, f"`{code(target)}` is set from `{origin}`, which is "
                                               "predictable.")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "set_cookie":
            value = node.args[1] if len(node.args) > 1 else next(
                (kw.value for kw in node.keywords if kw.arg == "value"), None)
            if value is None:
                continue
            origin = _random_origin(value, direct, randoms)
            shown = [n.id for n in ast.walk(value) if isinstance(n, ast.Name)]
            words = " ".join(code(arg) for arg in (*node.args[:2], value))
            if origin and _CREDENTIAL_WORDS.search(words) and not any(name in reported for name in shown):
                yield hit_on(node, offset, f"The cookie value `{code(value)}` comes from `{origin}`, which "
                                           "is predictable.")


_CREDENTIAL_WORDS = lazy_re(r"session|token|auth|sid|jwt|remember|login|secret|passw|nonce|otp|key",
                               re.IGNORECASE)
"""Words in a cookie's or session entry's name or value that say it identifies or authenticates."""
_SESSION_STORES = frozenset({"session", "flask.session", "request.session", "self.request.session"})


def _in_order(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.AST]:
    """The statements and calls of a function body in source order (nested functions left out)."""
    out: list[ast.AST] = []
    todo: list[ast.AST] = list(reversed(func.body))
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        out.append(node)
        todo.extend(reversed(list(ast.iter_child_nodes(node))))
    return out


def _random_origin(node: ast.expr, direct: set[str], randoms: dict[str, str]) -> str | None:
    """The `random` call a value comes from: directly, or through a name holding one."""
    found = _random_call(node, direct)
    if found:
        return found
    return next((randoms[n.id] for n in ast.walk(node) if isinstance(n, ast.Name) and n.id in randoms), None)


def _random_returns(func: ast.FunctionDef | ast.AsyncFunctionDef, direct: set[str],
                    offset: int) -> Iterator[Hit]:
    # local names holding a `random` value (`code = "".join(random.choices(...))`)
    randoms: dict[str, str] = {}
    for node in _in_order(func):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            origin = _random_origin(node.value, direct, randoms)
            if origin:
                randoms[node.targets[0].id] = origin
            else:
                randoms.pop(node.targets[0].id, None)
        elif isinstance(node, ast.Return) and node.value is not None:
            fn = _random_call(node.value, direct) or (
                randoms.get(node.value.id)
                if isinstance(node.value, ast.Name) and not _secretish(node.value.id) else None)
            # a secret-named local (`token = ...`) is reported where it is assigned
            if fn:
                yield Hit(node.lineno + offset, None,
                          f"`{func.name}()` returns a value from `{fn}`, which is predictable.")


def _function_makes_secret(name: str) -> bool:
    """A function named for the secret it returns (`generate_token`, `reset_token`, `invite_code`), not
    for finding, reading or checking one (`get_token`, `pick_key`, `verify_otp`)."""
    if not re.search(r"(?:token|secret|password|nonce|otp|salt|key|code)s?$", name, re.IGNORECASE):
        return False
    return bool(_MAKER.match(name)) or (_CREDENTIAL_NAME.search(name) is not None and not _READER.match(name))


_CREDENTIAL_NAME = lazy_re(
    r"(?:token|secret|password|passwd|nonce|otp|salt|(?:api|secret|access|private|signing|encryption|session)_?"
    r"key|(?:reset|verification|verify|confirm|confirmation|invite|invitation|auth|login|activation|recovery)_?"
    r"code)s?$", re.IGNORECASE)
"""Names that say what the function returns is a credential, whatever verb starts them (`reset_token`,
`invite_code`); a bare `key` or `code` (`sort_key`, `country_code`) says nothing of the kind."""


_MAKER = lazy_re(r"_?(?:generate|make|new|create|random|gen|get_new|issue)", re.IGNORECASE)
_READER = lazy_re(r"_?(?:get|load|read|fetch|find|lookup|check|validate|verify|parse|decode|is|has|pick|"
                     r"choose|select|current|default|test|hash|encode|format|mask|normali[sz]e)(?:_|[A-Z]|$)",
                     re.IGNORECASE)


_COMPARED_SECRET = lazy_re(r"(?:^|_)(?:signature|sig|hmac|digest|mac|token|api_?key|apikey|secret|otp|"
                              r"csrf_?token|password_?hash|hashed_?password)s?$", re.IGNORECASE)


def _compared_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant):
        return None
    if isinstance(node, ast.Call) and dotted(node.func) in {"len", "type"}:
        return None
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) \
            and isinstance(node.slice.value, str):
        key = node.slice.value.lower().replace("-", "_").removeprefix("x_")
        return key if _COMPARED_SECRET.search(key) else None
    if isinstance(node, ast.Call):
        inner = node.args[0] if node.args else None
        if isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                and isinstance(inner, ast.Constant) and isinstance(inner.value, str):
            key = inner.value.lower().replace("-", "_").removeprefix("x_")
            return key if _COMPARED_SECRET.search(key) else None
        node = node.func
    name = dotted(node).rsplit(".", 1)[-1] if dotted(node) else ""
    return name if name and _COMPARED_SECRET.search(name) and not _NOT_SECRET.search(name) else None


def _formatted_secret(node: ast.expr) -> str | None:
    """The secret an f-string is built around (`f"sha256={digest}"`, `f"Bearer {api_key}"`)."""
    if not isinstance(node, ast.JoinedStr):
        return None
    for part in node.values:
        if isinstance(part, ast.FormattedValue):
            name = _compared_name(part.value)
            if name:
                return name
    return None


@check(
    "PY-TIMING-COMPARE", "SEC-15", Severity.MEDIUM, "Secret or signature compared with `==`",
    "`==` stops at the first differing byte, so response times reveal how much of a guessed signature or "
    "token is right, and it can be recovered byte by byte. Compare with `hmac.compare_digest(a, b)`.")
def timing_compare(ctx: FileContext) -> Iterator[Hit]:
    if not mentions(ctx, "==", "!=") or not any(w in source_text(ctx).lower() for w in _COMPARE_HINT):
        return
    for flow in flows(ctx):
        for node in flow.nodes(ast.Compare):
            if len(node.ops) != 1 or not isinstance(node.ops[0], ast.Eq | ast.NotEq):
                continue
            left, right = node.left, node.comparators[0]
            if isinstance(left, ast.Constant) or isinstance(right, ast.Constant):
                continue
            name = _compared_name(left) or _compared_name(right) or _formatted_secret(left) \
                or _formatted_secret(right)
            if name:
                op = "==" if isinstance(node.ops[0], ast.Eq) else "!="
                yield hit_on(node, flow.offset, f"`{code(node)}` compares `{name}` with `{op}`, which takes "
                                                "longer the more leading bytes match.")


_COMPARE_HINT = ("sig", "hmac", "digest", "mac", "token", "api_key", "apikey", "secret", "otp", "hash")


_LOG_CALL = lazy_re(r"(?:^|\.)(?:log|logger|logging|_log|_logger|LOG|LOGGER|log_?\w*)\."
                       r"(?:debug|info|warning|warn|error|exception|critical|fatal|log)$|^(?:logging)\.\w+$|"
                       r"^print$|^sys\.std(?:out|err)\.write$")
"""Logger calls, and `print`: a service's standard output is collected as its log."""
_LOGGED_SECRET = lazy_re(r"(?:^|_)(?:password|passwd|secret|token|api_?key|apikey|private_?key|"
                            r"access_?key|card_?number|cc_?number|cvv|cvc|ssn|tin|tax_?id|national_?id|"
                            r"passport_?number|social_security_number|"
                            r"credentials?|client_secret|authorization|auth_header|cookie|session_?key)s?$",
                            re.IGNORECASE)


_REGULATED_ID = lazy_re(r"(?:^|_)(?:tax|national)_?id$", re.IGNORECASE)
"""`tax_id`, `national_id`: regulated identifiers, though `_id` names a mere key elsewhere."""


_REQUEST_MAPS = frozenset({"headers", "META", "cookies", "COOKIES"})


_REDUCERS = lazy_re(r"(?i)^(?:len|bool|type|id|isinstance|callable)$|mask|redact|fingerprint|hash|digest|"
                   r"^sha\d*|^md5$|^blake2|obfuscat|truncat|censor|^(?:starts|ends)with$|^is\w+$")
"""Calls whose result tells something about a secret without holding it: its length, whether it is set,
a digest or fingerprint of it, a masked form."""


def _reduced(node: ast.expr) -> set[int]:
    """The nodes of `node` that sit under something that keeps the secret out of the text: a call to
    `len`/`bool`/a hash/a masking helper, a comparison (a boolean), a slice (a short prefix or suffix)."""
    out: set[int] = set()
    for sub in ast.walk(node):
        inner: list[ast.AST] = []
        if isinstance(sub, ast.Call):
            called = dotted(sub.func).rsplit(".", 1)[-1] if dotted(sub.func) else (
                sub.func.attr if isinstance(sub.func, ast.Attribute) else "")
            if called and _REDUCERS.search(called):
                inner = [*sub.args, *(kw.value for kw in sub.keywords)]
                if isinstance(sub.func, ast.Attribute):
                    inner.append(sub.func.value)
        elif isinstance(sub, ast.Compare):
            inner = [sub.left, *sub.comparators]
        elif isinstance(sub, ast.Subscript) and _short_slice(sub.slice):
            inner = [sub.value]
        out.update(id(n) for part in inner for n in ast.walk(part))
    return out


def _short_slice(node: ast.expr) -> bool:
    """A slice that keeps only an end of the text: `[:4]`, `[-4:]` (not `[4:]`, which keeps nearly all)."""
    if not isinstance(node, ast.Slice) or node.step is not None:
        return False
    if node.lower is None:
        return node.upper is not None
    return node.upper is None and isinstance(node.lower, ast.UnaryOp) and isinstance(node.lower.op, ast.USub)


def _logged_secrets(node: ast.expr, env_secrets: frozenset[str] = frozenset()) -> Iterator[str]:
    """Secrets `node` writes out whole: names that spell one, request header maps, and names bound to a
    secret read from the environment (`env_secrets`)."""
    # values only read from (`request.headers.get("user-agent")`), not logged whole
    read_from = {id(sub.value) for sub in ast.walk(node) if isinstance(sub, ast.Attribute | ast.Subscript)}
    reduced = _reduced(node)
    for sub in ast.walk(node):
        if id(sub) in reduced:
            continue
        if isinstance(sub, ast.Name) and sub.id in env_secrets:
            yield sub.id
            continue
        name = ""
        if isinstance(sub, ast.Name | ast.Attribute):
            name = dotted(sub)
        elif isinstance(sub, ast.Subscript) and isinstance(sub.slice, ast.Constant) \
                and isinstance(sub.slice.value, str):
            name = sub.slice.value.lower().replace("-", "_")
        if isinstance(sub, ast.Attribute) and sub.attr in _REQUEST_MAPS and id(sub) not in read_from \
                and dotted(sub.value).rsplit(".", 1)[-1] in {"request", "req"}:
            yield name  # every header or cookie of the request, `Authorization` and the session among them
            continue
        last = name.rsplit(".", 1)[-1]
        named = _LOGGED_SECRET.search(last) and (not _NOT_SECRET.search(last) or _REGULATED_ID.search(last))
        if last and named and not last.isupper():  # constants like TOKEN_TTL or a header name
            yield name


@check(
    "PY-SECRET-IN-LOG", "SEC-13", Severity.MEDIUM, "Secret written to the log",
    "Logs are shipped to many systems and read by many people; a password or token in them is a leaked "
    "credential. Log an identifier or a masked form (the last four characters), never the value.")
def secret_in_log(ctx: FileContext) -> Iterator[Hit]:
    text = source_text(ctx).lower()
    if not mentions(ctx, "log", "print", ".write(") or not any(word in text for word in _SECRET_WORDS):
        return
    for flow in flows(ctx):
        env: frozenset[str] | None = None
        for call in flow.nodes(ast.Call):
            name = dotted(call.func)
            if not _LOG_CALL.search(name):
                continue
            args = list(call.args)
            if name.endswith(".log") and args:  # `logger.log(level, msg, *args)`
                args = args[1:]
            fmt = args[0] if args else None
            values = args[1:] + [kw.value for kw in call.keywords if kw.arg not in _LOG_OPTIONS]
            if fmt is not None and (isinstance(fmt, ast.JoinedStr | ast.BinOp | ast.Call)
                                    or name == "print" or name.endswith(".write")):
                values.append(fmt)
            env = _env_secret_names(flow) if env is None else env
            names = [n for value in values for n in _logged_secrets(value, env)]
            if names:
                yield hit_on(call, flow.offset,
                             f"`{names[0]}` is passed to `{name}`: its value ends up in the log.")


_SECRET_WORDS = ("password", "passwd", "secret", "token", "api_key", "apikey", "private_key", "access_key",
                 "credential", "authorization", "auth_header", "cookie", "session_key", "card_number",
                 "cardnumber", "cvv", "cvc", "headers", "meta", "ssn", "tin", "tax_id", "taxid",
                 "national_id", "passport", "environ", "getenv")
_LOG_OPTIONS = frozenset({"exc_info", "extra", "stack_info", "stacklevel"})


_ENV_GETTERS = frozenset({"os.environ.get", "os.getenv", "environ.get", "getenv", "env", "config",
                          "os.environ.setdefault"})
_ENV_SECRET = lazy_re(r"SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|SIGNING|CREDENTIAL|_KEY$",
                         re.IGNORECASE)
_ENV_NOT_SECRET = lazy_re(r"_ID$|_URL$|_URI$|_HOST$|_PORT$|_PATH$|_FILE$|_NAME$|KEY_ID|PUBLIC|_TTL$|"
                             r"_EXPIR|_ALGORITHM$|_LENGTH$|_HEADER$", re.IGNORECASE)


def _env_secret_names(flow: Flow) -> frozenset[str]:
    """Names the code binds to a secret read from the environment (`key = os.environ["SIGNING_KEY"]`,
    `token = os.getenv("API_TOKEN")`, maybe `.strip()`ed or `.encode()`d)."""
    found: set[str] = set()
    for assign in flow.nodes(ast.Assign):
        value = assign.value
        while isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                and value.func.attr in {"strip", "encode", "decode"}:
            value = value.func.value
        name = _env_secret_name(value)
        if name is None and isinstance(value, ast.Subscript) \
                and dotted(value.value) in {"os.environ", "environ"} \
                and isinstance(value.slice, ast.Constant) \
                and isinstance(value.slice.value, str) \
                and _ENV_SECRET.search(value.slice.value) and not _ENV_NOT_SECRET.search(value.slice.value):
            name = value.slice.value
        if name is not None:
            found.update(t.id for t in assign.targets if isinstance(t, ast.Name))
    return frozenset(found)


def _env_secret_name(call: ast.expr) -> str | None:
    if not isinstance(call, ast.Call) or dotted(call.func) not in _ENV_GETTERS or not call.args:
        return None
    key = call.args[0]
    if isinstance(key, ast.Constant) and isinstance(key.value, str) and _ENV_SECRET.search(key.value) \
            and not _ENV_NOT_SECRET.search(key.value):
        return key.value
    return None


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str | bytes) and node.value:
        return node.value if isinstance(node.value, str) else node.value.decode("latin-1")
    return None


@check(
    "PY-SECRET-FALLBACK", "SEC-06", Severity.HIGH,
    "Secret falls back to a literal when the variable is unset",
    "When the variable is missing in production (a typo, a new deployment) the service starts with a "
    "secret that is in the repository, and sessions or tokens signed with it can be forged. Fail at start "
    "instead: read the variable without a default and stop when it is empty.")
def secret_fallback(ctx: FileContext) -> Iterator[Hit]:
    if not mentions(ctx, "environ", "getenv", "env(", "config("):
        return
    for flow in flows(ctx):
        for call in flow.nodes(ast.Call):
            default = call.args[1] if len(call.args) >= 2 else next(
                (kw.value for kw in call.keywords if kw.arg == "default"), None)
            name = _env_secret_name(call) if _literal(default) else None
            if name:
                yield hit_on(call, flow.offset, f"`{name}` falls back to a literal in the source when it is "
                                                "not set.")
        for node in flow.nodes(ast.BoolOp):
            if isinstance(node.op, ast.Or) and len(node.values) == 2 and _literal(node.values[1]):
                name = _env_secret_name(node.values[0])
                if name:
                    yield hit_on(node, flow.offset, f"`{name}` falls back to a literal in the source when "
                                                    "it is not set.")



def _spread_flags(call: ast.Call, tree: ast.Module) -> dict[str, ast.expr] | None:
    """The options a `set_cookie(..., **options)` call spreads, when each spread is a name the module
    binds once to a dict written out (`COOKIE = dict(httponly=True, secure=True)` or `{"secure": True}`):
    a shared options object. Empty without a spread; None when a spread cannot be read."""
    out: dict[str, ast.expr] = {}
    for kw in call.keywords:
        if kw.arg is not None:
            continue
        if not isinstance(kw.value, ast.Name):
            return None
        bound = [node.value for node in ast.walk(tree) if isinstance(node, ast.Assign | ast.AnnAssign)
                 and node.value is not None
                 and any(isinstance(t, ast.Name) and t.id == kw.value.id
                         for t in (node.targets if isinstance(node, ast.Assign) else [node.target]))]
        written = _written_options(bound[0]) if len(bound) == 1 else None
        if written is None:
            return None
        out.update(written)
    return out


def _written_options(node: ast.expr) -> dict[str, ast.expr] | None:
    if isinstance(node, ast.Call) and dotted(node.func) == "dict" and not node.args \
            and all(kw.arg for kw in node.keywords):
        return {kw.arg: kw.value for kw in node.keywords if kw.arg}
    if isinstance(node, ast.Dict) and all(isinstance(k, ast.Constant) and isinstance(k.value, str)
                                          for k in node.keys):
        return {k.value: v for k, v in zip(node.keys, node.values, strict=True)
                if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    return None


_AUTH_COOKIE = lazy_re(r"session|token|auth|sid\b|jwt|remember|login", re.IGNORECASE)
_COOKIE_SETTINGS = lazy_re(r"^(?:SESSION_COOKIE_(?:SECURE|HTTPONLY)|CSRF_COOKIE_SECURE|"
                              r"REMEMBER_COOKIE_(?:SECURE|HTTPONLY))$")


@check(
    "PY-COOKIE-INSECURE", "SEC-16", Severity.MEDIUM,
    "Cookie without Secure, or session cookie without HttpOnly",
    "Without `Secure` the cookie is sent over plain HTTP where it can be read on the network; without "
    "`HttpOnly` any injected script can steal it. Set `secure=True, httponly=True, samesite='Lax'`.")
def cookie_insecure(ctx: FileContext) -> Iterator[Hit]:
    if not mentions(ctx, "cookie", "COOKIE"):
        return
    for flow in flows(ctx):
        for call in flow.nodes(ast.Call):
            if not isinstance(call.func, ast.Attribute) or call.func.attr != "set_cookie":
                continue
            flags = {kw.arg: kw.value for kw in call.keywords if kw.arg}
            spread = _spread_flags(call, flow.tree)
            flags = {**(spread or {}), **flags}
            named = call.args[0] if call.args else flags.get("key")
            if named is None:
                continue
            name = _literal(named) or code(named)
            value = call.args[1] if len(call.args) > 1 else flags.get("value")
            turned_off = [f"{flag}=False" for flag in ("secure", "httponly") if _false(flags.get(flag))]
            if turned_off:  # written out on purpose: whatever the cookie holds, it is exposed
                yield hit_on(call, flow.offset,
                             f"The `{name}` cookie is set with `{'` and `'.join(turned_off)}`.")
                continue
            if spread is None:
                continue  # `**options` from elsewhere: its flags cannot be read here
            holds = _credential_value(value)
            if (not _AUTH_COOKIE.search(name) and holds is None) or "csrf" in name.lower():
                if value is not None and _off(flags.get("secure")) and not _local_only(flags):
                    # any cookie a response sets (a cookie jar's `set_cookie(cookie)` takes no value)
                    yield hit_on(call, flow.offset, f"The `{name}` cookie is set without `secure=True`: "
                                                    "it is sent over plain HTTP too.")
                continue
            missing = [f"{flag}=True" for flag in ("secure", "httponly") if _off(flags.get(flag))]
            if missing:
                what = f" (it holds `{holds}`)" if holds is not None and not _AUTH_COOKIE.search(name) else ""
                yield hit_on(call, flow.offset,
                             f"The `{name}` cookie{what} is set without `{'` and `'.join(missing)}`.")
        yield from _raw_set_cookies(flow)
        for call in flow.nodes(ast.Call):  # `app.config.update(SESSION_COOKIE_SECURE=False)`
            for kw in call.keywords:
                if kw.arg and _COOKIE_SETTINGS.match(kw.arg) and _false(kw.value):
                    yield hit_on(call, flow.offset, f"`{kw.arg}` is turned off.")
        for assign in flow.nodes(ast.Assign):
            if not (isinstance(assign.value, ast.Constant) and assign.value.value is False):
                continue
            for target in assign.targets:
                key: object = None
                if isinstance(target, ast.Name):
                    key = target.id
                elif isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
                    key = target.slice.value
                if isinstance(key, str) and _COOKIE_SETTINGS.match(key):
                    yield hit_on(assign, flow.offset, f"`{key}` is turned off.")


_CREDENTIAL_VALUE = lazy_re(r"(?:^|[._])(?:\w*_)?(?:token|session_?(?:id|key)|sid|jwt|secret|api_?key|"
                               r"password|credentials?)$|(?:^|\.)jwt\.encode$|"
                               r"(?:^|\.)(?:create|make|issue|generate|sign)_\w*(?:token|jwt|session)\w*$",
                               re.IGNORECASE)
"""A value that is a credential: a name like `token`/`access_token`/`session_id`/`api_key`, or a call that
makes one (`jwt.encode(...)`, `create_access_token(...)`)."""


def _credential_value(node: ast.expr | None) -> str | None:
    """The cookie's value as written when it is a credential (whatever the cookie is called), else None."""
    if node is None:
        return None
    target = node.func if isinstance(node, ast.Call) else node
    name = dotted(target)
    if not name or not _CREDENTIAL_VALUE.search(name) or "csrf" in name.lower():
        return None
    return code(node)


def _raw_set_cookies(flow: Flow) -> Iterator[Hit]:
    """A session or auth cookie written as a raw header (`headers["Set-Cookie"] = "sid=...; Path=/"`,
    `headers.add("Set-Cookie", ...)`) whose literal attributes lack `Secure` or `HttpOnly`."""
    found: list[tuple[ast.stmt | ast.expr, ast.expr]] = []
    for assign in flow.nodes(ast.Assign):
        for target in assign.targets:
            if isinstance(target, ast.Subscript) and dotted(target.value).endswith("headers") \
                    and _is_set_cookie(target.slice):
                found.append((assign, assign.value))
    for call in flow.nodes(ast.Call):
        if isinstance(call.func, ast.Attribute) and call.func.attr in {"add", "append", "set", "add_header"} \
                and dotted(call.func.value).endswith("headers") and len(call.args) == 2 \
                and _is_set_cookie(call.args[0]):
            found.append((call, call.args[1]))
    for node, value in found:
        text = _literal_text_of(value)
        if text is None or "=" not in text:
            continue
        name = text.split("=", 1)[0].strip()
        attributes = {part.strip().split("=", 1)[0].lower() for part in text.split(";")[1:]}
        missing = [flag for flag in ("Secure", "HttpOnly") if flag.lower() not in attributes]
        if missing and _AUTH_COOKIE.search(name) and "csrf" not in name.lower():
            yield hit_on(node, flow.offset,
                         f"The `{name}` cookie is sent in a raw `Set-Cookie` header without "
                         f"`{'` and `'.join(missing)}`.")


def _local_only(flags: dict[str, ast.expr]) -> bool:
    """A cookie the response deletes (`max_age=0`, `expires=0`): nothing is kept to leak."""
    return any(isinstance(node, ast.Constant) and node.value == 0
               for node in (flags.get("max_age"), flags.get("expires")))


def _is_set_cookie(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and str(node.value).lower() == "set-cookie"


def _literal_text_of(node: ast.expr) -> str | None:
    """The text of a string literal, or of an f-string with its fields left empty."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
    return None


def _false(flag: ast.expr | None) -> bool:
    """A cookie flag given as a false literal (`secure=False`, `httponly=0`)."""
    return isinstance(flag, ast.Constant) and flag.value is not None and not flag.value


def _off(flag: ast.expr | None) -> bool:
    """A cookie flag that is absent or a false literal (a variable is given the benefit of the doubt)."""
    return flag is None or (isinstance(flag, ast.Constant) and not flag.value)


_WEAK_CIPHERS = lazy_re(r"(?:^|\.)(?:DES|DES3|ARC4|ARC2|Blowfish|CAST|XOR)\.new$|"
                           r"(?:^|\.)algorithms\.(?:TripleDES|ARC4|Blowfish|IDEA|CAST5|SEED)$|"
                           r"(?:^|\.)modes\.ECB$")


@check(
    "PY-WEAK-CIPHER", "SEC-15", Severity.MEDIUM, "Broken cipher or ECB mode",
    "DES, 3DES, RC4 and Blowfish are broken or have 64-bit blocks; ECB encrypts equal blocks to equal "
    "output and shows the data's patterns. Use AES-GCM or ChaCha20-Poly1305 (`cryptography`'s AEAD "
    "classes).")
def weak_cipher(ctx: FileContext) -> Iterator[Hit]:
    if not mentions(ctx, *_CIPHER_HINT):
        return
    for flow in flows(ctx):
        imported = imported_names(flow)
        for call in flow.nodes(ast.Call):
            name = dotted(call.func)
            if _WEAK_CIPHERS.search(name) or _WEAK_CIPHERS.search(canonical(name, imported)):
                yield hit_on(call, flow.offset, f"`{name}` is used for encryption.")
            elif name.endswith("AES.new") and len(call.args) == 1 \
                    and not any(kw.arg == "mode" for kw in call.keywords):
                yield hit_on(call, flow.offset, f"`{name}` is called without a mode: PyCrypto then uses ECB.")
        for node in flow.nodes(ast.Attribute):
            if node.attr == "MODE_ECB":
                yield hit_on(node, flow.offset, f"`{dotted(node)}` encrypts equal blocks alike.")
        yield from _fixed_ivs(flow, imported)


_CIPHER_HINT = ("DES", "ARC2", "ARC4", "Blowfish", "CAST", "XOR", "ECB", "IDEA", "SEED", "AES.new", "modes.",
                "encrypt(")
_IV_MODES = lazy_re(r"(?:^|\.)modes\.(?:CBC|CTR|GCM|CFB|CFB8|OFB)$")
_AEAD = lazy_re(r"(?:^|\.)(?:AESGCM|AESCCM|AESOCB3|AESSIV|ChaCha20Poly1305)$")


def _fixed_ivs(flow: Flow, imported: dict[str, str]) -> Iterator[Hit]:
    """An IV or nonce written into the source: a bytes literal, `bytes(16)`, `b"\\0" * 16`, or a name every
    assignment of the file binds to one (`IV = b"0123456789abcdef"`)."""
    bound: dict[str, list[ast.expr]] = {}
    for assign in flow.nodes(ast.Assign):
        for target in assign.targets:
            if isinstance(target, ast.Name):
                bound.setdefault(target.id, []).append(assign.value)
    parameters = {arg.arg for arg in flow.nodes(ast.arg)}  # given by the caller: unknown

    def fixed(node: ast.expr | None, depth: int = 0) -> bool:
        if node is None or depth > 3:
            return False
        if isinstance(node, ast.Constant):
            return isinstance(node.value, bytes)
        if isinstance(node, ast.Call) and dotted(node.func) == "bytes" and len(node.args) == 1 \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, int):
            return True
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
            return fixed(node.left, depth + 1) or fixed(node.right, depth + 1)
        if isinstance(node, ast.Name) and node.id in bound and node.id not in parameters:
            return all(fixed(value, depth + 1) for value in bound[node.id])
        return False

    def aead(node: ast.expr) -> bool:
        return isinstance(node, ast.Call) and bool(_AEAD.search(canonical(dotted(node.func), imported)))

    aeads = {target.id for assign in flow.nodes(ast.Assign) for target in assign.targets
             if isinstance(target, ast.Name) and aead(assign.value)}
    for call in flow.nodes(ast.Call):
        name = canonical(dotted(call.func), imported)
        given: ast.expr | None = None
        if _IV_MODES.search(name) or _IV_MODES.search(dotted(call.func)):
            given = call.args[0] if call.args else None
        elif name.endswith("AES.new"):
            given = call.args[2] if len(call.args) > 2 else next(
                (kw.value for kw in call.keywords if kw.arg in {"iv", "nonce", "IV"}), None)
        elif isinstance(call.func, ast.Attribute) and call.func.attr == "encrypt" and call.args \
                and (aead(call.func.value) or dotted(call.func.value) in aeads):
            given = call.args[0]
        if fixed(given):
            yield hit_on(call, flow.offset, "The IV is the same for every message: equal plaintexts encrypt "
                                            "the same, and with GCM or CTR a repeated nonce gives away the "
                                            "key stream.")


