"""Every row of a query fanned out at once: one concurrent call per row, with no limit on how many.

    const products = await prisma.product.findMany({ select: { id: true, sku: true } });
    await Promise.all(products.map(async (p) => { ... await pricing.quote(p.sku) ... }));

    feeds = await repo.all_active()
    await asyncio.gather(*(refresh_one(client, feed) for feed in feeds))

`Promise.all` and `asyncio.gather` start every call at once. Over a query with no limit, that is as many
concurrent requests as there are rows: tens of thousands of outbound calls or queries in the same moment,
which exhausts the connection pool and file descriptors, trips the downstream's rate limits, and holds
every result in memory. It works in development and falls over when the table grows. Bound the
concurrency (`p-limit`, `p-map` with `concurrency`, an `asyncio.Semaphore`, `asyncio.TaskGroup` over
batches) or page through the rows.

Reported on the fan-out (`Promise.all(rows.map(...))`, `Promise.allSettled(...)`, `asyncio.gather(*(... for
x in rows))`, `gather(*map(f, rows))`, `gather(*[...])`) when `rows` was assigned, earlier in view, from a
query that fetches without a limit: Prisma/Sequelize/TypeORM `findMany/findAll/find` with no `take`/`limit`,
a `.all()`/`fetchall()` call, or a repository method named for all its rows (`all_active()`,
`list_all()`), and not by a key (`where: { documentId }`, `user_id=`: the rows of one parent are few).
A fan-out that runs through a concurrency limit (`limit(() => ...)`, `pMap`, a semaphore) is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import bracket_span, lines_of, reaches
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JS_FETCH = lazy_re(
    r"^\s*(?:const|let|var)\s+(?P<name>[A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*await\s+[\w.$]+\s*\.\s*"
    r"(?:findMany|findAll|find)\s*\("
)
_PY_FETCH = lazy_re(
    r"^\s*(?P<name>[A-Za-z_]\w*)\s*(?::[^=]+)?=\s*(?:await\s+)?[\w.()\[\]\s]*?"
    r"(?:\.all\(\s*\)|\.fetchall\(\s*\)|\.(?:all|list)_\w*\(|\.\w+_all\()"
)
_LIMITED = lazy_re(
    r"\b(?:take|limit|first|per_page|page_size|batch_size|chunk)\b|\[\s*:\s*\w+\s*\]|\.limit\("
)
_KEYED = lazy_re(r"\b\w*(?:_id|Id|ID)\b\s*(?:[:,}]|==?)|\bid\s*(?::|==?)")
"""A query with a limit, or one that selects by a key (the fields of one document, a user's rows): small."""
_BOUNDED = lazy_re(r"(?i)\blimit\w*\s*\(|p-?limit|p-?map|semaphore|bottleneck|throttle|chunk|batch|pool\.")
"""The fan-out runs through a concurrency limit (`limit(() => ...)`, `pMap`, an `asyncio.Semaphore`)."""
_JS_FANOUT = lazy_re(r"\bPromise\.(?:all|allSettled)\s*\(")
_PY_FANOUT = lazy_re(r"\b(?:asyncio\.)?gather\s*\(\s*\*")
_FETCH_WINDOW = 30
_LANGS = frozenset({"javascript", "typescript", "python"})


@register(
    CheckSpec(
        id="ANY-UNBOUNDED-FANOUT",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=_LANGS,
        title="Every row of an unlimited query fanned out at once, with no bound on concurrency",
        explanation=(
            "`Promise.all` and `asyncio.gather` start every call at once: over a query with no limit that "
            "is one concurrent request per row, which exhausts the connection pool, trips rate limits and "
            "holds every result in memory as the table grows. Bound the concurrency (`p-limit`, `p-map` "
            "with `concurrency`, an `asyncio.Semaphore`) or page through the rows."
        ),
    ),
    needs=("Promise.all", "gather("),
)
def unbounded_fanout(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    python = ctx.language == "python"
    fetch = _PY_FETCH if python else _JS_FETCH
    fanout = _PY_FANOUT if python else _JS_FANOUT
    fetched: dict[str, int] = {}
    for no, code, bare in lines_of(lexed):
        found = fetch.match(bare)
        if found is not None:
            span = bracket_span(lexed, no, bare.index("(", found.start("name")))
            statement = code + "\n" + span.code if span.closed else code
            if not _LIMITED.search(statement) and not _keyed(statement, python):
                fetched[found.group("name")] = no
            continue
        call = fanout.search(bare)
        if call is None:
            continue
        span = bracket_span(lexed, no, call.end() - 1)
        text = span.bare if span.closed else bare
        for name, line in fetched.items():
            if no - line > _FETCH_WINDOW:
                continue
            if not _iterates(text, name, python) or _BOUNDED.search(text):
                continue
            yield Hit(line if reaches(ctx, line, no) else no, no if reaches(ctx, line, no) else None, (
                f"Every row of `{name}` (fetched with no limit on line {line}) is started at once here: as "
                "the table grows this becomes thousands of concurrent calls that exhaust the pool and the "
                "downstream. Bound the concurrency or page through the rows."))
            break


def _keyed(statement: str, python: bool) -> bool:
    """The query selects by a key (`where: { documentId }`, `filter(Field.user_id == uid)`), or, for a
    plain `find(...)`, by any filter: the rows of one parent, which are few."""
    if python:
        return _KEYED.search(statement) is not None
    call = statement[statement.find("(") :]
    if re.search(r"\.\s*find\s*\(", statement) and not re.match(r"\(\s*(?:\{\s*\})?\s*\)", call):
        return True
    where = statement.find("where")
    return where >= 0 and _KEYED.search(statement[where:]) is not None


def _iterates(text: str, name: str, python: bool) -> bool:
    n = re.escape(name)
    if python:
        pattern = rf"\bfor\s+\w+(?:\s*,\s*\w+)*\s+in\s+{n}\b|\bmap\s*\([^,]+,\s*{n}\s*\)"
        return re.search(pattern, text) is not None
    return re.search(rf"(?<![\w$.]){n}\s*\.\s*map\s*\(", text) is not None
