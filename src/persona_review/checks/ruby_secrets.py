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
    method_name,
    name_text,
    option_key,
    receiver,
    ruby_check,
    string_literal,
    text,
    trees,
)
from persona_review.checks._secret_names import env_secret, logged_secret
from persona_review.checks.base import FileContext, Hit
from persona_review.checks.secrets import is_secret_name, is_secret_value
from persona_review.findings import Category, Severity

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node


_SEC = Category.SECURITY


@ruby_check(
    "RB-HARDCODED-SECRET", "SEC-06", _SEC, Severity.HIGH,
    title="Secret written into the source",
    explanation=
    "A literal `secret_key_base`, password or token is shared with everyone who can read the repository and "
    "cannot be rotated without a deploy; with the key base anyone can forge sessions and signed cookies. "
    "Read it from `Rails.application.credentials` or the environment, and rotate the value.")
def hardcoded_secret(ctx: FileContext) -> Iterator[Hit]:
    for tree in trees(ctx):
        for node in tree.nodes:
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


_ROUTE_TARGET = re.compile(r"^[\w/]+#\w+$")
"""`"passwords#new"`: a controller action (routes), not a password."""


def _credential_like(value: str) -> bool:
    """A literal that could be a credential: not a placeholder, and long or not a plain word
    (`"write"`, `"compromised"` and a one-letter test value are settings, `"hunter22"` is not)."""
    if not is_secret_value(value) or len(value) < 6 or " " in value.strip() or _ROUTE_TARGET.match(value):
        return False
    return len(value) >= 12 or not value.isalpha()


_ENV_READS = frozenset({"fetch", "[]"})


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
    explanation=
    "When the variable is missing in production (a typo, a new deployment) the app starts with a secret "
    "that is in the repository, and tokens or cookies signed with it can be forged. Use `ENV.fetch(\"X\")` "
    "without a default, so the app fails at boot instead.")
def secret_fallback(ctx: FileContext) -> Iterator[Hit]:
    for tree in trees(ctx):
        for node in tree.nodes:
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
    explanation=
    "Logs are shipped to many systems and read by many people; a password or token in them is a leaked "
    "credential. Log an identifier or a masked form, never the value, and list the parameter in "
    "`config.filter_parameters`.")
def secret_in_log(ctx: FileContext) -> Iterator[Hit]:
    for tree in trees(ctx):
        for node in tree.nodes:
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
