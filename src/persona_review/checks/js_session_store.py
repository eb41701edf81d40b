"""JavaScript/TypeScript: `express-session` left on its built-in MemoryStore.

`session({...})` without a `store` keeps every session in a plain object in this process's memory: it grows
without bound (expired sessions are only dropped when they are read again), every session is lost when the
process restarts or is redeployed, and a second instance behind the load balancer knows none of the first
one's sessions, so users are logged out at random. express-session's own documentation says the store is
not meant for production. An explicit `store: new MemoryStore()` is the same thing written out.

Quiet when the options name a store (also one set later, `opts.store = ...`), when they cannot be read here
(a variable from another module, a spread, `Object.assign` of unknowns), and for `cookie-session`, which
keeps the session in the cookie itself and has no store.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._lexing import lex
from persona_review.checks._secret_compare import nodes_on_rows
from persona_review.checks._tsflow import FileFlow, flows, text_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.js_cookies import SESSION_KEYS, object_options, session_names, shown_call
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from tree_sitter import Node

_JS = frozenset({"javascript", "typescript"})
_INLINE_REQUIRE = lazy_re(r"""^require\s*\(\s*["']express-session["']\s*\)$""")
_MEMORY_STORE = lazy_re(r"^new\s+(?:[\w$]+\.)*MemoryStore\s*\(\s*\)$")
"""express-session's own MemoryStore written out (the `memorystore` package's LRU store is built with
options, `new MemoryStore({ checkPeriod })`, and is not this)."""


@register(
    CheckSpec(
        id="JS-SESSION-MEMORY-STORE",
        checklist_item="DATA-00",
        category=Category.DATA_INTEGRITY,
        severity=Severity.HIGH,
        languages=_JS,
        title="express-session without a store keeps sessions in one process's memory",
        explanation=(
            "Without a `store`, express-session uses its MemoryStore: sessions live in this process only, "
            "grow without bound, are all lost on every restart or deploy, and are unknown to every other "
            "instance behind the load balancer (users are logged out at random). Give it a shared store, "
            "e.g. `store: new RedisStore({ client: redisClient })` (connect-redis) or a database store such "
            "as connect-pg-simple, with a TTL."
        ),
    ),
    needs=("session",),
)
def session_memory_store(ctx: FileContext) -> Iterator[Hit]:
    names = {name for name, (package, _) in session_names(ctx).items() if package == "express-session"}
    words = (*(f"{name}(" for name in names), "express-session")
    lines = sorted(no for no, code in lex(ctx).code.items() if any(word in code for word in words))
    if not lines:
        return
    sessions = session_names(ctx)
    for flow in flows(ctx):
        rows = [no - 1 - flow.line_offset for no in lines]
        for call in nodes_on_rows(flow.root, rows, ("call_expression",)):
            message = _judge(call, flow, ctx, sessions)
            if message:
                line, end = flow.line_of(call), flow.end_line_of(call)
                yield Hit(line, end if end > line else None, message)


def _judge(call: Node, flow: FileFlow, ctx: FileContext, sessions: dict[str, tuple[str, bool]]) -> str:
    function = call.child_by_field_name("function")
    arguments = call.child_by_field_name("arguments")
    if function is None or arguments is None or arguments.type != "arguments":
        return ""
    callee = text_of(function)
    shown = shown_call(call)
    if function.type == "identifier":
        package, imported = sessions.get(callee, ("", False))
    elif _INLINE_REQUIRE.match(callee):
        package, imported = "express-session", True
    else:
        return ""
    if package != "express-session":
        return ""
    args = [a for a in arguments.named_children if a.type != "comment"]
    if not args:
        return f"`{shown.replace('(...)', '()')}` has no `store`: {_WHY}" if imported else ""
    options = object_options(args[0], flow, ctx)
    if options is None or not options.closed:
        return ""  # options this file does not show
    if not (imported or SESSION_KEYS.intersection(options.values)):
        return ""  # a `session(...)` that is not known to be express-session
    if args[0].type == "identifier" and _store_set_later(ctx, text_of(args[0])):
        return ""
    store = options.values.get("store")
    if store is None:
        return f"`{shown}` is given no `store`: {_WHY}"
    if _MEMORY_STORE.match(" ".join(text_of(store).split())):
        return f"`store: {' '.join(text_of(store).split())}` is express-session's in-process store: {_WHY}"
    return ""


_WHY = ("sessions are kept in this process's memory, grow without bound, are lost on every restart or deploy "
        "and are not shared with other instances.")


def _store_set_later(ctx: FileContext, name: str) -> bool:
    """Whether the file gives the options object `name` a store after creating it (`opts.store = ...`,
    `opts['store'] = ...`), often only in production."""
    pattern = rf"(?<![\w$.]){re.escape(name)}\s*(?:\.\s*store|\[\s*[\"'`]store[\"'`]\s*\])\s*=(?!=)"
    return re.search(pattern, ctx.known_text()) is not None
