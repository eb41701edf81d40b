"""Go: a database pool, Redis client or HTTP transport made inside an HTTP handler, per request.

    func (h *Handler) Orders(w http.ResponseWriter, r *http.Request) {
        db, err := sql.Open("postgres", h.dsn)       // a new pool on every request, never closed
        if err != nil { ... }
        rows, err := db.QueryContext(r.Context(), "SELECT ...")

`sql.Open`, `pgxpool.New`, `redis.NewClient` and an `http.Transport` each keep a pool of connections
(`sql.Open`'s documentation: "the Open function should be called just once"). Made per request and never
closed, every request leaves its idle connections open: the database reaches `max_connections`, Redis its
`maxclients`, or the process its file descriptors, and every request pays a new handshake.

Reported on the line that makes it, inside a handler known entire (net/http's `(w http.ResponseWriter, r
*http.Request)`, gin, echo and fiber handlers, or a function literal inside one), when the handler neither
closes it (`Close()`, `CloseIdleConnections()`; a transport with `DisableKeepAlives: true`) nor hands it on
(returns it, stores it in a field or a map). An `&http.Client{}` alone is cheap and not reported. Tests are
left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._go_funcs import enclosing_functions
from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_MADE = lazy_re(
    r"^\s*(?P<name>[A-Za-z_]\w*)\s*(?:,\s*[A-Za-z_]\w*\s*)?:?=\s*(?:(?P<pool>(?:sql|sqlx)\.(?:Open|Connect)|"
    r"pgxpool\.(?:New|NewWithConfig|Connect|ConnectConfig)|gorm\.Open)\s*\(|(?P<redis>redis\.New(?:Client|"
    r"ClusterClient|UniversalClient|FailoverClient))\s*\(|(?P<transport>&\s*http\.Transport\s*\{))"
)
_INLINE_TRANSPORT = lazy_re(r"Transport\s*:\s*&\s*http\.Transport\s*\{")
_WHAT = {
    "pool": "a new database connection pool",
    "redis": "a new Redis client (its own connection pool)",
    "transport": "a new `http.Transport` (its own pool of keep-alive connections)",
}


@register(
    CheckSpec(
        id="GO-CLIENT-PER-REQUEST",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="Database pool, Redis client or HTTP transport made per request and never closed",
        explanation=(
            "`sql.Open`, `pgxpool.New`, `redis.NewClient` and `http.Transport` each keep a pool of "
            "connections and are meant to be made once. Made inside a handler and never closed, every "
            "request leaves its idle connections open, until the database or Redis refuses connections or "
            "the process runs out of file descriptors. Make it once at start-up, keep it in the handler's "
            "struct, and reuse it."
        ),
    ),
    needs=("sql.Open", "sqlx.", "pgxpool.", "gorm.Open", "redis.New", "http.Transport"),
)
def client_per_request(ctx: FileContext) -> Iterator[Hit]:
    if ctx.path.endswith("_test.go"):
        return
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "(" not in bare and "{" not in bare:
            continue
        made = _MADE.match(bare)
        inline = made is None and _INLINE_TRANSPORT.search(bare) is not None
        if made is None and not inline:
            continue
        funcs = enclosing_functions(ctx, no)
        if not funcs or not any(f.is_handler for f in funcs):
            continue
        handler = next(f for f in funcs if f.is_handler)
        body = "\n".join(lexed.bare.get(n, "") for n in range(no, handler.last + 1))
        kind = "transport" if inline or (made is not None and made.group("transport")) else (
            "pool" if made is not None and made.group("pool") else "redis")
        name = made.group("name") if made is not None else ""
        if _closed_or_kept(name, kind, body):
            continue
        yield Hit(no, message=(
            f"This handler makes {_WHAT[kind]} on every request and never closes it: each request leaves "
            "its connections open, until the server's connection limit or the process's file descriptors "
            "run out. Make it once at start-up and keep it in the handler's struct."))


def _closed_or_kept(name: str, kind: str, body: str) -> bool:
    if kind == "transport" and re.search(r"DisableKeepAlives\s*:\s*true|\.CloseIdleConnections\s*\(", body):
        return True
    if not name or name == "_":
        return False
    n = re.escape(name)
    return bool(re.search(
        rf"(?<![\w.]){n}\.Close\s*\(|\breturn\b[^\n]*(?<![\w.]){n}\b(?!\s*\.)"
        rf"|[\w.\]]+\s*=\s*{n}\s*$",
        body, re.MULTILINE))
