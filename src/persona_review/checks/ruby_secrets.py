"""Secrets in Ruby: literal secrets in the source (`secret_key_base = "..."`), secrets that fall back to a
literal when the environment lacks them, and secrets written to the log. Messages name the variable, never
its value."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._ruby import (
    Tree,
    arguments,
    file_nodes,
    method_name,
    name_text,
    option_key,
    receiver,
    ruby_check,
    string_literal,
    text,
    walk,
)
from persona_review.checks._secret_names import env_secret, logged_secret
from persona_review.checks.base import FileContext, Hit
from persona_review.checks.secrets import is_secret_name, is_secret_value
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node


_SEC = Category.SECURITY


@ruby_check(
    "RB-HARDCODED-SECRET", "SEC-06", _SEC, Severity.HIGH,
    title="Secret written into the source",
    explanation=(
        "A literal `secret_key_base`, password or token is shared with everyone who can read the "
        "repository and cannot be rotated without a deploy; with the key base anyone can forge sessions "
        "and signed cookies. Read it from `Rails.application.credentials` or the environment, and rotate "
        "the value."
    ),
    needs=r"(?i)pass|pw|secret|token|key|credential",
)
def hardcoded_secret(ctx: FileContext) -> Iterator[Hit]:
    for tree, node in file_nodes(ctx):
        name, value = _named_literal(node)
        if name and value is not None and is_secret_name(name) and _credential_like(value):
            yield tree.hit(node, f"`{name}` is given a literal value.")


def _named_literal(node: Node) -> tuple[str, str | None]:
    """(name, literal) for `name = "literal"`, `config.name = "literal"`, `NAME = "literal"` and
    `name: "literal"`; ("", None) otherwise."""
    if node.type in {"assignment", "operator_assignment"}:
        left = node.child_by_field_name("left")
        value = string_literal(node.child_by_field_name("right"))
        if left is None or left.type == "element_reference":
            return "", None  # `session[:x] = "..."`, `headers["X"] = "..."`: state, not a credential
        name = method_name(left) if left.type == "call" else text(left).lstrip("@$")
        return name, value
    if node.type == "pair":
        key = option_key(node)
        if "/" in key or "-" in key:
            return "", None  # `"forgot-password" => "passwords#new"`: a route, not a setting
        return key, string_literal(node.child_by_field_name("value"))
    return "", None


_ROUTE_TARGET = lazy_re(r"^[\w/]+#\w+$")
"""`"passwords#new"`: a controller action (routes), not a password."""


def _credential_like(value: str) -> bool:
    """A literal that could be a credential: not a placeholder, and long or not a plain word
    (`"write"`, `"compromised"` and a one-letter test value are settings, `"hunter22"` is not)."""
    if not is_secret_value(value) or len(value) < 6 or " " in value.strip() or _ROUTE_TARGET.match(value):
        return False
    return len(value) >= 12 or not value.isalpha()


def _env_name(node: Node | None) -> str:
    """The variable name of `ENV["X"]` / `ENV.fetch("X")` / `ENV.fetch("X", nil)`, or ""."""
    if node is None:
        return ""
    if node.type == "element_reference":
        obj = node.child_by_field_name("object")
        keys = [c for c in node.named_children if c != obj]
        if text(obj) == "ENV" and keys:
            return string_literal(keys[0]) or ""
    if node.type == "call" and method_name(node) == "fetch" and name_text(receiver(node)) == "ENV":
        args = arguments(node)
        if args and (len(args) == 1 or args[1].type == "nil"):
            return string_literal(args[0]) or ""
    return ""


@ruby_check(
    "RB-SECRET-FALLBACK", "SEC-06", _SEC, Severity.HIGH,
    title="Secret falls back to a literal when the variable is unset",
    explanation=(
        "When the variable is missing in production (a typo, a new deployment) the app starts with a "
        "secret that is in the repository, and tokens or cookies signed with it can be forged. Use "
        "`ENV.fetch(\"X\")` without a default, so the app fails at boot instead."
    ),
    needs=r"ENV",
)
def secret_fallback(ctx: FileContext) -> Iterator[Hit]:
    for tree, node in file_nodes(ctx):
        name = ""
        if node.type == "call" and method_name(node) == "fetch" and name_text(receiver(node)) == "ENV":
            args = arguments(node)
            literal = string_literal(args[1]) if len(args) > 1 else _block_literal(node)
            if args and literal:
                name = string_literal(args[0]) or ""
        elif (
            node.type == "binary"
            and text(node.child_by_field_name("operator")) in {"||", "or"}
            and string_literal(node.child_by_field_name("right"))
        ):
            name = _env_name(node.child_by_field_name("left"))
        if name and env_secret(name):
            yield tree.hit(node, f"`{name}` falls back to a literal in the source when it is not set.")


def _block_literal(call: Node) -> str | None:
    """The literal a `fetch("X") { "literal" }` block returns."""
    block = call.child_by_field_name("block")
    body = block.child_by_field_name("body") if block is not None else None
    statements = body.named_children if body is not None else []
    return string_literal(statements[-1]) if len(statements) == 1 else None


_LOG_METHODS = frozenset({"debug", "info", "warn", "error", "fatal", "unknown", "add", "log", "tagged"})
_PRINTS = frozenset({"puts", "p", "pp", "print"})
_REVEALING = frozenset({"to_s", "inspect", "to_str", "strip", "to_json", "value", "dup", "chomp", "to_h",
                        "to_param", "read", "unpack1", "b"})
"""Methods that hand on the value they are called on (`token.to_s`); any other call is judged by its name."""


@ruby_check(
    "RB-SECRET-IN-LOG", "SEC-13", _SEC, Severity.MEDIUM,
    title="Secret written to the log",
    explanation=(
        "Logs are shipped to many systems and read by many people; a password or token in them is a "
        "leaked credential. Log an identifier or a masked form, never the value, and list the parameter "
        "in `config.filter_parameters`."
    ),
    needs=r"log|puts|print|\bpp?\b",
)
def secret_in_log(ctx: FileContext) -> Iterator[Hit]:
    for tree, node in file_nodes(ctx):
        if node.type != "call" or not _is_log_call(node):
            continue
        named = _secret_in(node)
        if named:
            yield _log_hit(tree, node, named)


def _is_log_call(call: Node) -> bool:
    name = method_name(call)
    recv = receiver(call)
    if recv is None:
        return name in _PRINTS and call.child_by_field_name("block") is None  # `p { ... }` is markup
    last = name_text(recv).rsplit(".", 1)[-1].lower()
    return name in _LOG_METHODS and last in {"logger", "log", "_logger", "@logger"}


def _secret_in(call: Node) -> str:
    """The first secret-named value among the call's arguments (or its block), or ""."""
    roots = list(arguments(call))
    block = call.child_by_field_name("block")
    if block is not None:
        roots.append(block)
    stack: list[tuple[Node, Node | None]] = [(root, None) for root in reversed(roots)]
    while stack:
        node, parent = stack.pop()
        name = _secret_name_of(node, parent)
        if name:
            return name
        stack.extend((child, node) for child in reversed(node.named_children))
    return ""


def _secret_name_of(node: Node, parent: Node | None) -> str:
    if parent is not None and parent.type == "call" and parent.child_by_field_name("receiver") == node \
            and method_name(parent) not in _REVEALING:
        return ""  # `api_key.id`, `token.present?`: the call is judged by its own name
    if node.type in {"identifier", "instance_variable"} and logged_secret(text(node)):
        if parent is not None and parent.type == "call" and parent.child_by_field_name("method") == node:
            return ""  # the method name of a call: judged on the call itself
        return text(node)
    if node.type == "call":
        name = method_name(node)
        if logged_secret(name) and (receiver(node) is not None or not arguments(node)):
            return text(node)
    if node.type == "element_reference":
        keys = [c for c in node.named_children if c != node.child_by_field_name("object")]
        key = text(keys[0]).lstrip(":").strip("\"'") if keys else ""
        if keys and keys[0].type in {"simple_symbol", "string"} and logged_secret(key.replace("-", "_")):
            return text(node)
    return ""


def _log_hit(tree: Tree, call: Node, named: str) -> Hit:
    flat = " ".join(named.split())
    return tree.hit(call, f"`{flat[:50]}` is passed to `{method_name(call)}`: its value ends up in the log.")


_SECRET_WORD = lazy_re(
    r"(?:^|_)(?:token|secret|password|passwd|nonce|otp|salt|api_?key|session_?id|csrf|reset_?code|"
    r"verification_?code|auth_?code|private_?key|access_?key|client_secret|signature|pin)s?$",
    re.IGNORECASE,
)
_NOT_SECRET = lazy_re(
    r"(?:_id|_type|_count|_len|_length|_url|_name|_path|_at|_ttl|_header|_field|_index)$", re.IGNORECASE
)
_METHODS = frozenset({"method", "singleton_method"})
_PREDICTABLE = frozenset({"rand", "srand", "shuffle", "sample"})
"""`Kernel#rand`, `Random.rand`, `Array#sample`/`shuffle` draw from a Mersenne Twister, not a CSPRNG."""
_MAKERS = lazy_re(r"^(?:generate|make|new|create|random|gen|issue)_\w*(?:token|secret|password|nonce|otp|"
                     r"salt|key|code)s?$", re.IGNORECASE)


def _secret_named(name: str) -> bool:
    last = name.lstrip("@$:").rsplit(".", 1)[-1]
    return bool(_SECRET_WORD.search(last)) and not _NOT_SECRET.search(last)


@ruby_check(
    "RB-INSECURE-RANDOM", "SEC-15", _SEC, Severity.HIGH,
    title="Token or secret made with `rand`",
    explanation=(
        "`rand`, `Random` and `Array#sample`/`shuffle` use a Mersenne Twister: a few outputs reveal its "
        "state, so tokens, reset codes and keys made with it can be predicted. Use `SecureRandom` "
        "(`SecureRandom.urlsafe_base64(32)`, `SecureRandom.alphanumeric(12)`) or `has_secure_token`."
    ),
    needs=r"rand|sample|shuffle|Random",
)
def insecure_random(ctx: FileContext) -> Iterator[Hit]:
    for tree, node in file_nodes(ctx):
        if node.type == "assignment":
            left = node.child_by_field_name("left")
            name = method_name(left) if left is not None and left.type == "call" else text(left)
            drawn = _predictable_call(node.child_by_field_name("right"))
            if name and drawn and _secret_named(name):
                shown = name.lstrip("@")
                yield tree.hit(node, f"`{shown}` is made with `{drawn}`, which is predictable.")
        elif node.type == "pair" and _secret_named(option_key(node)):
            drawn = _predictable_call(node.child_by_field_name("value"))
            if drawn:  # `update!(reset_code: rand(100_000..999_999).to_s)`
                yield tree.hit(node, f"`{option_key(node)}` is made with `{drawn}`, which is predictable.")
        elif node.type in _METHODS and _MAKERS.match(text(node.child_by_field_name("name"))):
            body = node.child_by_field_name("body")
            last = body.named_children[-1] if body is not None and body.named_children else None
            drawn = _predictable_call(last)
            if last is not None and drawn:
                maker = text(node.child_by_field_name("name"))
                yield tree.hit(last, f"`{maker}` returns a value from `{drawn}`, which is predictable.")


def _predictable_call(node: Node | None) -> str:
    """The predictable random call an expression draws from (`rand`, `Random.rand`, `chars.sample`); none
    when the expression also draws from `SecureRandom` (shuffling secure output stays secure)."""
    if node is None or "SecureRandom" in text(node):
        return ""
    for current in walk(node):
        if current.type == "call":
            recv = receiver(current)
            name = method_name(current)
            owner = name_text(recv)
            if name in _PREDICTABLE and (recv is None or owner in {"Random", "Kernel"} or name != "rand"):
                return f"{owner}.{name}" if owner in {"Random", "Kernel"} else name
            if name == "new" and owner == "Random":
                return "Random.new"
        elif current.type == "identifier" and text(current) == "rand":
            return "rand"
    return ""


_COMPARED = lazy_re(
    r"(?:^|_)(?:signature|sig|hmac|digest|mac|token|api_?key|apikey|secret|otp|csrf_?token|password_?digest|"
    r"hashed_?password)s?$",
    re.IGNORECASE,
)


@ruby_check(
    "RB-TIMING-COMPARE", "SEC-15", _SEC, Severity.MEDIUM,
    title="Secret or signature compared with `==`",
    explanation=(
        "`==` stops at the first differing byte, so response times reveal how much of a guessed signature "
        "or token is right, and it can be recovered byte by byte. Compare with "
        "`ActiveSupport::SecurityUtils.secure_compare(a, b)` (or `Rack::Utils.secure_compare`)."
    ),
    needs=r"[=!]=",
)
def timing_compare(ctx: FileContext) -> Iterator[Hit]:
    for tree, node in file_nodes(ctx):
        if node.type != "binary" or text(node.child_by_field_name("operator")) not in {"==", "!="}:
            continue
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or right is None or _literal(left) or _literal(right):
            continue
        if any(name_text(side, 200).startswith("BCrypt::Password") for side in (left, right)):
            continue  # BCrypt::Password#== hashes the other side before comparing
        name = _compared_name(left) or _compared_name(right)
        if name and not (_plain_setting(left) or _plain_setting(right)):
            operator = text(node.child_by_field_name("operator"))
            yield tree.hit(node, f"`{name}` is compared with `{operator}`, which takes longer the more "
                                 "leading bytes match.")


def _literal(node: Node) -> bool:
    return node.type in {"string", "nil", "integer", "true", "false", "simple_symbol", "array", "hash"}


def _plain_setting(node: Node) -> bool:
    """`ENV.fetch("INTERNAL_HOST")`: a setting whose name says it is no secret (what is compared with it
    is then no secret either)."""
    if node.type != "call" or method_name(node) != "fetch" \
            or name_text(receiver(node)) not in {"ENV", "::ENV"}:
        return False
    key = (string_literal(arguments(node)[0]) or "") if arguments(node) else ""
    return bool(key) and not env_secret(key.lower())


_CONVERSIONS = frozenset({"to_s", "to_str", "strip", "downcase", "upcase", "presence", "b"})
"""Methods that give the same text back (or a copy of it): a secret passed through one is still it."""


def _compared_name(node: Node) -> str:
    """The secret a compared operand names: `params[:signature]`, `request.headers["X-Hub-Signature"]`,
    `api_token`, `user.otp_secret`."""
    if node.type == "element_reference":
        keys = [c for c in node.named_children if c != node.child_by_field_name("object")]
        key = (string_literal(keys[0]) or text(keys[0]).lstrip(":")) if keys else ""
        key = re.sub(r"[_\d]+$", "", key.lower().replace("-", "_"))  # `X-Hub-Signature-256`
        return key if key and _COMPARED.search(key) else ""
    converted = receiver(node) if node.type == "call" and method_name(node) in _CONVERSIONS \
        and not arguments(node) else None
    if converted is not None:
        return _compared_name(converted)  # `request.headers["X-Signature"].to_s`: the header still
    if node.type == "call":
        if method_name(node) == "fetch" and name_text(receiver(node)) in {"ENV", "::ENV"} and arguments(node):
            key = (string_literal(arguments(node)[0]) or "").lower()
            return key if key and env_secret(key) and _COMPARED.search(key) else ""
        if arguments(node) or method_name(node) in {"length", "size", "class", "present?", "nil?"}:
            return ""
        name = method_name(node)
    elif node.type in {"identifier", "instance_variable"}:
        name = text(node).lstrip("@")
    else:
        return ""
    return name if _COMPARED.search(name) and not _NOT_SECRET.search(name) else ""
