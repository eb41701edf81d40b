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
(returns it, stores it in a field or a map). A pool that is closed is still reported when its address is
fixed (a literal, `os.Getenv`, configuration, the handler's fields; no request value or local computed in
the handler): its connection limit then holds per request only, so concurrent requests open connections
without bound. An `&http.Client{}` alone is cheap and not reported. Tests are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._go_funcs import GoFunc, enclosing_functions
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
        if _kept(name, body):
            continue
        if not _closed(name, kind, body):
            yield Hit(no, message=(
                f"This handler makes {_WHAT[kind]} on every request and never closes it: each request leaves "
                "its connections open, until the server's connection limit or the process's file descriptors "
                "run out. Make it once at start-up and keep it in the handler's struct."))
        elif made is not None and kind != "transport" and _fixed_target(made, bare, handler, lexed.bare, no):
            yield Hit(no, message=(
                f"This handler opens {_WHAT[kind]} to the same server on every request (and closes it): the "
                "pool's connection limit then holds per request only, so under load every concurrent request "
                "opens its own connections until the server refuses them, and each pays a new handshake. "
                "Open it once at start-up and keep it in the handler's struct."))


def _kept(name: str, body: str) -> bool:
    """Returned, or stored in a field or a map: it outlives the request on purpose."""
    if not name or name == "_":
        return False
    n = re.escape(name)
    return bool(re.search(rf"\breturn\b[^\n]*(?<![\w.]){n}\b(?!\s*\.)|[\w.\]]+\s*=\s*{n}\s*$", body,
                          re.MULTILINE))


def _closed(name: str, kind: str, body: str) -> bool:
    if kind == "transport":
        return re.search(r"DisableKeepAlives\s*:\s*true|\.CloseIdleConnections\s*\(", body) is not None
    closes = rf"(?<![\w.]){re.escape(name)}\.Close\s*\("
    return bool(name) and name != "_" and re.search(closes, body) is not None


_IDENT = lazy_re(r"(?<![\w.\"`])[A-Za-z_]\w*")
_DECLARED = lazy_re(r"^\s*(?:var\s+)?([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*(?::=|\s[\w.*\[\]]+\s*=)")


def _fixed_target(made: re.Match[str], line: str, handler: GoFunc, bare: dict[int, str], no: int) -> bool:
    """The pool's address comes from no request value (no handler parameter, no local computed in the
    handler): a literal, `os.Getenv`, configuration or the handler's fields. A handler that tests a DSN
    the request gives opens it per request on purpose."""
    args = line[made.end():]
    if made.group("pool") is not None and made.group("pool").startswith("pgxpool"):
        args = args.split(",", 1)[1] if "," in args else ""  # the first argument is the context
    args = re.sub(r'"(?:[^"\\]|\\.)*"|`[^`]*`', '""', args)
    local: set[str] = set(handler.params)
    for n in range(handler.first + 1, no):
        declared = _DECLARED.match(bare.get(n, ""))
        if declared is not None:
            local.update(part.strip() for part in declared.group(1).split(","))
    receiver = re.match(r"^\s*func\s*\(\s*([A-Za-z_]\w*)", bare.get(handler.first, ""))
    names = {m.group() for m in _IDENT.finditer(args)}
    if receiver is not None:
        names.discard(receiver.group(1))
    return not (names & local)
