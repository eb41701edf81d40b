"""Python: an `aiohttp.ClientSession` made inside a function and never closed there.

    async def country_of(self, ip: str) -> str | None:
        session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=3))
        resp = await session.get(f"{self._base_url}/ip/{ip}")

A session owns a connection pool. One made per call and never closed leaks its connections and sockets
('Unclosed client session' warnings, then file descriptors running out under load), and loses the point of
pooling: every call pays a new TCP and TLS handshake. Reported on a session assigned to a local name that
the function only calls methods on (no `close()`, no `async with session`, not returned, stored or passed
on), and on a session used on the spot (`aiohttp.ClientSession().get(...)`). The function must be known
entire.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from persona_review.checks._py_functions import functions_of, own_nodes
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity


@register(
    CheckSpec(
        id="PY-CLIENT-SESSION-UNCLOSED",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python"}),
        title="aiohttp ClientSession made per call and never closed",
        explanation=(
            "The session owns a connection pool: made per call and never closed, it leaks connections and "
            "sockets until the process runs out of file descriptors, and every call pays a new handshake. "
            "Use `async with aiohttp.ClientSession() as session:`, or keep one session for the application "
            "and close it at shutdown."
        ),
    ),
    needs=("ClientSession",),
)
def client_session_unclosed(ctx: FileContext) -> Iterator[Hit]:
    imported_bare = "from aiohttp import" in ctx.known_text() or "import aiohttp" in ctx.known_text()
    seen: set[int] = set()
    for flow in flows(ctx):
        for function in functions_of(flow):
            if not _known_entire(ctx, function, flow.offset):
                continue
            for line in _unclosed(function, imported_bare):
                if line + flow.offset not in seen:
                    seen.add(line + flow.offset)
                    yield Hit(line + flow.offset, None, (
                        "This `aiohttp.ClientSession` is made for this call and never closed: its connection "
                        "pool and sockets leak on every call. Use `async with aiohttp.ClientSession() as "
                        "session:` or one shared session closed at shutdown."))


def _is_session(node: ast.expr, imported_bare: bool) -> bool:
    if not isinstance(node, ast.Call):
        return False
    name = dotted(node.func)
    return name == "aiohttp.ClientSession" or (name == "ClientSession" and imported_bare)


def _unclosed(function: ast.FunctionDef | ast.AsyncFunctionDef, imported_bare: bool) -> Iterator[int]:
    nodes = list(own_nodes(function))
    for node in nodes:
        # `aiohttp.ClientSession().get(...)`: a session nothing can close
        if isinstance(node, ast.Attribute) and _is_session(node.value, imported_bare):
            yield node.lineno
    for node in nodes:
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        if not isinstance(node.targets[0], ast.Name):
            continue
        if not _is_session(node.value, imported_bare):
            continue
        name = node.targets[0].id
        if not _handed_on_or_closed(nodes, name, node):
            yield node.lineno


def _handed_on_or_closed(nodes: list[ast.AST], name: str, made: ast.Assign) -> bool:
    """Any use of `name` other than calling one of its request methods: closing it, `async with` on it,
    returning, storing, yielding or passing it on."""
    method_calls: set[int] = set()
    for node in nodes:
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == name
                and node.attr not in {"close", "detach", "__aexit__"}):
            method_calls.add(id(node.value))
    for node in nodes:
        if isinstance(node, ast.Name) and node.id == name and id(node) not in method_calls:
            if node is made.targets[0]:
                continue
            return True
    return False


def _known_entire(ctx: FileContext, node: ast.FunctionDef | ast.AsyncFunctionDef, offset: int) -> bool:
    """The whole file is known; or a known line after the function is dedented to its `def`; or the
    function is added whole at the very end of its hunk (a hunk ends without the usual lines of context
    after its last change only at the end of the file)."""
    if ctx.whole_file:
        return True
    last = (node.end_lineno or node.lineno) + offset
    no = last + 1
    while no in ctx.lines:
        text = ctx.lines[no]
        if text.strip():
            return len(text) - len(text.lstrip()) <= node.col_offset
        no += 1
    start = node.lineno + offset
    return start in ctx.added and all(n in ctx.added for n in range(last, no))
