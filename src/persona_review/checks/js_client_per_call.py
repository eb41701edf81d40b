"""JavaScript/TypeScript: a database pool or client made inside a function that runs per call, and never
closed there.

    router.get("/orders/:id", async (req, res) => {
      const pool = new Pool({ connectionString: process.env.DATABASE_URL });   // a new pool per request
      const { rows } = await pool.query("SELECT * FROM orders WHERE id = $1", [req.params.id]);
      res.json(rows[0]);
    });                                                                       // ... never ended

Each call opens new connections that nothing closes (a pool keeps its idle ones open); under load the
database reaches `max_connections` and refuses everyone, and every call pays a new handshake.

Reported, on the line that makes it: `const x = new Pool(...)` / `new pg.Client(...)` (node-postgres),
`mysql.createPool(...)`, `new PrismaClient(...)`, `new Redis(...)` (ioredis), `createClient(...)` from
`redis`, `new MongoClient(...)`, bound to a local in a function known entire (an arrow, a `function`, a
method), when that function neither closes it (`end`, `quit`, `disconnect`, `$disconnect`, `close`,
`destroy`) nor hands it on (returns it, stores it, passes it on). Not at module level, not in a
constructor, an immediately invoked function, or a `main`/`bootstrap`/`setup`/`init` function, not used
by a callback the function defines (it lives as long as the callback), and not in tests, scripts,
migrations or seeds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import Block, Blocks, blocks_of
from persona_review.checks._fallthrough import FUNCTION_JS
from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_NOT_APP = lazy_re(
    r"(?:^|/)(?:__tests__|__mocks__|tests?|spec|e2e|\.?scripts?|bin|migrations?|seeds?|seeders|examples?|"
    r"benchmarks?|fixtures)/|\.(?:test|spec|e2e-spec|config)\.[cm]?[jt]sx?$|(?:^|/)(?:seed|migrate)\.[jt]s$"
)
_MADE = lazy_re(
    r"^\s*(?:const|let|var)\s+(?P<x>[\w$]+)\s*(?::[^=]+)?=\s*(?:await\s+)?(?P<maker>"
    r"new\s+(?:pg\s*\.\s*)?(?P<pg>Pool|Client)\s*\("
    r"|(?:mysql2?\s*\.\s*)?createPool\s*\("
    r"|new\s+(?P<prisma>PrismaClient)\s*\("
    r"|new\s+(?P<ioredis>Redis|IORedis)\s*\("
    r"|(?:redis\s*\.\s*)?(?P<noderedis>createClient)\s*\("
    r"|new\s+(?P<mongo>MongoClient)\s*\()"
)
_LIBRARIES = {
    "pg": lazy_re(r"""(?:from|require\()\s*['"](?:pg|pg-pool)['"]"""),
    "createPool": lazy_re(r"""(?:from|require\()\s*['"](?:mysql2?(?:/promise)?|mariadb)['"]"""),
    "prisma": lazy_re(r"""(?:from|require\()\s*['"]@prisma/client['"]"""),
    "ioredis": lazy_re(r"""(?:from|require\()\s*['"]ioredis['"]"""),
    "noderedis": lazy_re(r"""(?:from|require\()\s*['"](?:redis|@redis/client)['"]"""),
    "mongo": lazy_re(r"""(?:from|require\()\s*['"]mongodb['"]"""),
}
_ONCE = lazy_re(
    r"\b(?:constructor|main|bootstrap|setup\w*|init\w*|start\w*|onModuleInit|register|connect\w*|"
    r"(?:create|make|build|get|new|open)\w*(?:Client|Pool|Connection|Db|DB|Database|Redis|Prisma|Mongo)\w*)"
    r"\s*(?:=\s*(?:async\s*)?(?:\([^)]*\)|[\w$]+)\s*=>|\()"
)
"""Functions that run once or are factories: the client they make is the process's one client (or the
caller's to keep)."""
_IIFE = lazy_re(r"^\s*[;!]?\(\s*(?:async\s+)?(?:function\b|\()")
_CLOSERS = r"end|quit|disconnect|\$disconnect|close|destroy"

_KIND = {
    "pg": "node-postgres pool or client",
    "createPool": "MySQL pool",
    "prisma": "PrismaClient (its own connection pool)",
    "ioredis": "Redis client",
    "noderedis": "Redis client",
    "mongo": "MongoClient (its own connection pool)",
}


@register(
    CheckSpec(
        id="JS-CLIENT-PER-CALL",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"javascript", "typescript"}),
        title="Database pool or client made per call and never closed",
        explanation=(
            "A pg `Pool`/`Client`, a MySQL pool, a `PrismaClient`, a Redis client or a `MongoClient` made "
            "inside a request handler or job opens new connections on every call, and nothing closes them: "
            "under load the database or Redis reaches its connection limit and refuses everyone, and every "
            "call pays a new handshake. Make it once at module level (or in the app's start-up) and reuse "
            "it."
        ),
    ),
    needs=("Pool", "Client", "createPool", "Redis"),
)
def client_per_call(ctx: FileContext) -> Iterator[Hit]:
    if _NOT_APP.search(ctx.path):
        return
    known = ctx.known_text()
    libraries = {name for name, pattern in _LIBRARIES.items() if pattern.search(known)}
    lexed = lex(ctx)
    blocks: Blocks | None = None
    for no, _code, bare in lines_of(lexed):
        if "new " not in bare and "create" not in bare:
            continue
        made = _MADE.match(bare)
        if made is None:
            continue
        kind = _kind_of(made, libraries)
        if kind is None:
            continue
        blocks = blocks or blocks_of(ctx)
        function = _function(blocks, no)
        if function is None or _runs_once(blocks, function, no):
            continue
        name = made.group("x")
        body = [lexed.bare.get(n, "") for n in range(no + 1, function.last + 1)]
        if _closed_or_handed_on(name, body) or _captured(blocks, function, name, no, body):
            continue
        yield Hit(no, message=(
            f"A new {_KIND[kind]} is made on every call of this function and never closed: each call opens "
            "new connections, and under load the server's connection limit is reached. Create it once at "
            "module level or at start-up and reuse it."))


def _kind_of(made: re.Match[str], libraries: set[str]) -> str | None:
    """The library the maker belongs to. Names only one library uses (`PrismaClient`, `MongoClient`) or
    written with the library's name (`new pg.Pool`, `mysql.createPool`) need no import in sight (a hunk
    seldom shows the imports); `new Pool`, `new Redis` and `createClient` are other libraries' names too."""
    maker = made.group("maker")
    for group in ("pg", "prisma", "ioredis", "noderedis", "mongo"):
        if made.group(group) is not None:
            named = group in {"prisma", "mongo"} or (group == "pg" and "pg" in maker.split(".")[0])
            return group if named or group in libraries else None
    if "createPool" in maker and (libraries & {"createPool"} or "mysql" in maker):
        return "createPool"
    return None


def _function(blocks: Blocks, no: int) -> Block | None:
    """The innermost function block around line `no` (closed in the known lines), or None."""
    for block in blocks.enclosing(no):
        if FUNCTION_JS.search(block.header.rsplit("\n", 1)[-1]):
            return block
    return None


def _runs_once(blocks: Blocks, function: Block, no: int) -> bool:
    """A constructor, an immediately invoked function, a start-up or factory function (by its name), or a
    function nested in one of those."""
    for block in blocks.enclosing(no):
        header = block.header.rsplit("\n", 1)[-1]
        if not FUNCTION_JS.search(header):
            continue
        if _ONCE.search(header) or _IIFE.match(header):
            return True
    return False


def _captured(blocks: Blocks, function: Block, name: str, no: int, body: list[str]) -> bool:
    """The client is used inside a function nested in this one (a callback or a store object's method
    kept for later): it lives as long as that closure, not for one call."""
    used = re.compile(rf"(?<![\w$.]){re.escape(name)}\b")
    in_arrow = re.compile(rf"(?:=>|\bfunction\b).*(?<![\w$.]){re.escape(name)}\b")
    for offset, text in enumerate(body, start=no + 1):
        if used.search(text) and (_function(blocks, offset) is not function or in_arrow.search(text)):
            return True
    return False


def _closed_or_handed_on(name: str, body: list[str]) -> bool:
    n = re.escape(name)
    pattern = re.compile(
        rf"(?<![\w$.]){n}\s*\.\s*(?:{_CLOSERS})\s*\(|\breturn\b[^;]*(?<![\w$.]){n}\b(?!\s*\.)"
        rf"|[=:]\s*{n}\s*[;,}})]?\s*$|\bnew\s+[\w$.]+\s*\([^)]*\b{n}\b"
        rf"|[(,]\s*{n}\s*[,)]|\.\s*(?:push|set|add|on|once|use|decorate)\s*\([^)]*\b{n}\b"
        rf"|\bawait\s+using\b|\busing\s+{n}\b"
    )
    return any(pattern.search(text) for text in body)
