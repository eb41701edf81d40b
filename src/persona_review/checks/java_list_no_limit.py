"""Java: a request handler that loads every row of a query into memory, with no page or limit.

    @GetMapping(value = "/export.csv", produces = "text/csv")
    public void export(@AuthenticationPrincipal Merchant merchant, HttpServletResponse response) {
        List<Order> all = orders.findAllByMerchantIdOrderByCreatedAtDesc(merchant.getId());   // every order
        for (Order o : all) { out.printf(...); }
    }

A list or export endpoint that reads "all of them" builds every row as an object before the first byte is
written: fine on the developer's fifty rows, a heap spike (or an `OutOfMemoryError` for every request on
the instance) and a request timeout once the customer has a million. Page it (`Pageable`, `PageRequest`,
`Limit`, `findTop100By...`, keyset), or stream it (`Stream<T>` from the repository in a read-only
transaction, a `RowCallbackHandler`, `queryForStream`, jOOQ `fetchLazy()`/`fetchStream()`) and write as
it goes.

Reported on the query, in a request handler (a `@...Mapping`, JAX-RS `@GET`/`@POST`/`@Path`), an
`export...`/`download...` method or a scheduled job (`@Scheduled`, `@SchedulerLock`, a Quartz
`execute(JobExecutionContext)`), when it is:
- a repository or mapper call named for all its rows (`findAll()`, `findAll(spec)`, `findAllBy...(...)`,
  `selectAll...`, `listAll...`; `getAll()`/`loadAll()`/`fetchAll()` with no arguments) given no page, limit
  or cursor (`findAllById(ids)` asks for the ids it names), or a Panache entity's `Order.listAll()` /
  `Order.findAll().list()` (not narrowed by `.page(...)`/`.range(...)` first);
- `JdbcTemplate.query`/`queryForList` (or `JdbcClient.sql(...).query(...).list()`) of a literal `SELECT`
  with neither `WHERE` nor `LIMIT`/`FETCH FIRST`/`TOP`;
- a finder of a repository, DAO or mapper whose result is a collection (`List<Order> rows =
  orders.findByMerchantId(id)`, or the collection a `for` walks), with no page, limit or id list;
- a JPA query's `getResultList()` with no `setMaxResults` in the statement;
- a jOOQ `selectFrom(...)`/`select(...).from(...)` fetched whole (`fetch()`, `fetchInto(...)`) with no
  `where`, `limit` or `seek` in the statement.
Left alone when the result is a `Stream`, `Page` or `Slice`. In an export (an `export...`/`download...`
or `...Csv` handler, one that `produces` CSV or a spreadsheet, or writes to the response's writer or
stream) every such read is reported. In a plain list handler only the whole table (`findAll()`,
`findAll(sort)`, a `SELECT` with no `WHERE`, an unfiltered jOOQ query) read straight from a repository, DAO,
mapper (by its name or its declared type: `private final OrderRepository orders`), JDBC template or
jOOQ, in a class that pages none of its lists (`Pageable`, `PageRequest`, `pageNum`/`pageSize`): a
filtered read (`findAllByPostId(id)`) is one parent's rows, a service may cache or bound what it returns,
and beside a paged list the whole one is kept on purpose (a dropdown's choices). In a job, the whole table
or every row in a state (`findAllByStatus(Status.PENDING)`: filtered by constants alone) read from the data
layer: what `Model.all.each` is to RB-UNBOUNDED-LOAD.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks._java_code import JAVA_TEST_PATH
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.java_spring_tx import _Method, _methods
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_HANDLER = lazy_re(r"@(?:[\w.]+\.)?(?:\w*Mapping|GET|POST|Path)\b")
_EXPORT_NAME = lazy_re(r"^(?:export|download)")
_ARGS = r"\((?P<args>[^()]*(?:\([^()]*(?:\([^()]*\)[^()]*)*\)[^()]*)*)\)"
_ALL_CALL = lazy_re(
    r"(?<![\w$.])(?:this\s*\.\s*)?(?P<recv>[A-Za-z_$][\w$]*)\s*\.\s*"
    r"(?P<op>(?:find|select|list|query|search)All\w*|(?:get|load|fetch)All)\s*" + _ARGS
)
_PANACHE_BOUNDED = lazy_re(
    r"\s*\.\s*(?:page|range|firstResult|firstResultOptional|singleResult|singleResultOptional|count|"
    r"pageCount)\s*\("
)
"""A Panache query narrowed before it is read (`Order.findAll().page(Page.of(0, 50)).list()`)."""
_BOUNDED_ARG = lazy_re(r"(?i)page|limit|slice|scroll|cursor|offset|batch|size|window|top|first|max")
_KEYED_OP = lazy_re(r"ById(?:s|In)?$|ByIds$|ByIdIn$|In$")
_STREAMED = lazy_re(r"\b(?:Stream|Page|Slice|Window|Flux|Iterator|Cursor)\s*<")
_COLLECTION_FIND = lazy_re(
    r"(?:\b(?:List|Collection|Iterable|Set)\s*<[^=;]*>\s+[A-Za-z_$][\w$]*\s*=|\bfor\s*\([^:;()]*:)\s*"
    r"(?:this\s*\.\s*)?(?P<recv>[a-z_$][\w$]*)\s*\.\s*"
    r"(?P<op>(?:find|select|list|query|search|get|load|fetch)(?!All)\w*)\s*" + _ARGS
)
"""A finder whose result is a collection (`List<Order> rows = orders.findByMerchantId(id)`, or walked by a
`for`): every row it matches."""
_JDBC_QUERY = lazy_re(
    r"(?<![\w$.])(?:this\s*\.\s*)?(?P<recv>[a-z_$][\w$]*)\s*\.\s*(?:query|queryForList|sql)\s*\("
)
_JDBC_NAME = lazy_re(r"(?i)jdbc|template$|^jt$|^db$")
_SQL_TEXT = lazy_re(r'"(?P<sql>(?:[^"\\]|\\.)*)"')
_SELECT = lazy_re(r"(?i)^\s*select\b")
_SQL_BOUNDED = lazy_re(r"(?i)\b(?:where|limit|fetch\s+first|fetch\s+next|top|rownum|offset)\b|\?|:\w")
_JOOQ_START = lazy_re(r"\.\s*(?:selectFrom|from)\s*\(")
_JOOQ_FETCH_ALL = lazy_re(r"\.\s*fetch(?:Into|Maps|Array)?\s*\(")
_JOOQ_BOUNDED = lazy_re(r"\.\s*(?:where|limit|seek|fetchLazy|fetchStream|fetchSize|stream|fetchOne|"
                        r"fetchOptional|fetchSingle|fetchAny|fetchValue|fetchExists|fetchCount)\s*\(")
_PAGED = lazy_re(r"\b(?:Pageable|PageRequest|PageHelper|pageSize|pageNum|pageNumber|Page<|IPage<|Slice<)|"
                 r"@RequestParam\b[^)]*\"page\"")
_EXPORT_BODY = lazy_re(
    r"\b(?:getWriter|getOutputStream|CSVPrinter|CsvWriter|StreamingResponseBody|ICSVWriter)\b"
)
_CSV = lazy_re(r"(?i)text/csv|\.csv\b|octet-stream|spreadsheet|ms-excel")
_DATA_NAME = lazy_re(r"(?i)(?:repo|repository|repositories|dao|mapper)s?$")
_DATA_TYPE = lazy_re(
    r"\b[A-Z][\w$]*(?:Repository|Repo|Dao|DAO|Mapper)\b(?:<[^<>;]*(?:<[^<>;]*>[^<>;]*)*>)?\s+(?P<name>[a-z_$][\w$]*)\b"
)
_JOB = lazy_re(r"@(?:[\w.]+\.)?(?:Scheduled|SchedulerLock)\b|\bJobExecutionContext\b")
_CONSTANTS = lazy_re(r'^(?:(?:[A-Z][\w$]*\.)*[A-Z][A-Z0-9_]*|"[^"]*"|true|false|\d+L?)'
                     r'(?:\s*,\s*(?:(?:[A-Z][\w$]*\.)*[A-Z][A-Z0-9_]*|"[^"]*"|true|false|\d+L?))*$')
"""Arguments that are constants alone: enum values, `static final` names, literals."""
_SORT_ONLY = lazy_re(r"^(?:Sort\b|sort\w*$)")
_WORDS = ("All", "query", "sql", "selectFrom", "from(", "List<", "Collection<", "Iterable<", "Set<", "for",
          "getResultList")


@register(
    CheckSpec(
        id="JAVA-LIST-NO-LIMIT",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="Every row of a query loaded into memory by a request handler or job (no page or limit)",
        explanation=(
            "A list or export endpoint (or a scheduled job) that reads all rows builds every one as an "
            "object before the first is used: fine on a small table, a heap spike, an `OutOfMemoryError` or "
            "a timeout once the table grows. Page the query (`Pageable`, `Limit`, `findTop...By`, "
            "keyset), or stream it (`Stream<T>` in a read-only transaction, `queryForStream`, a "
            "`RowCallbackHandler`, jOOQ `fetchLazy()`) and write rows as they come."
        ),
    ),
    needs=_WORDS,
)
def list_no_limit(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    methods, _, _ = _methods(ctx, lexed)
    paged: bool | None = None
    for method in methods:
        if method.private or method.constructor:
            continue
        job = _JOB.search(method.declaration) is not None
        if not (job or _HANDLER.search(method.declaration) or _EXPORT_NAME.match(method.name)):
            continue
        block = method.block
        export: bool | None = None
        for no in range(block.first, block.last + 1):
            bare = lexed.bare.get(no, "")
            if no == block.first:
                bare = bare[block.col + 1:]
            query = _unbounded(ctx, lexed.bare, no, bare, last=block.last, data=_declared_data(ctx, lexed))
            if query is None:
                continue
            if job:
                # A scheduled job walks the table: the whole of it, or every row with a status.
                if query.data_access and (query.whole or query.constant_filter):
                    yield Hit(no, message=query.message)
                continue
            if export is None:
                export = _export(ctx, lexed.bare, method)
            if not export:
                # A plain list: only the whole table read straight from the data layer, in a class that
                # pages none of its lists. A filtered read (`findAllByPostId(id)`) is one parent's rows; a
                # service may cache or bound what it returns; beside a paged list, the whole one is kept
                # on purpose (the choices of a dropdown).
                if paged is None:
                    paged = any("age" in text and _PAGED.search(text) for text in lexed.bare.values())
                if not (query.whole and query.data_access) or paged:
                    continue
            yield Hit(no, message=query.message)


@dataclass(frozen=True, slots=True)
class _Query:
    message: str
    whole: bool
    """No filter: every row of the table."""
    data_access: bool
    """Read straight from a repository, DAO, mapper, JDBC template or jOOQ."""
    constant_filter: bool = False
    """Filtered by constants alone (`findAllByStatus(Status.PENDING)`): every row in a state."""


def _export(ctx: FileContext, bare_lines: dict[int, str], method: _Method) -> bool:
    """The handler exports its rows (a file to download, rows written to the response as it goes)."""
    name, declaration, first, last = method.name, method.declaration, method.block.first, method.block.last
    if _EXPORT_NAME.match(name) or "csv" in name.lower() or _CSV.search(
            " ".join(ctx.lines.get(no, "") for no in range(first - declaration.count("\n"), first + 1))):
        return True
    return any(_EXPORT_BODY.search(bare_lines.get(no, "")) for no in range(first, last + 1))


def _declared_data(ctx: FileContext, lexed: Lexed) -> frozenset[str]:
    """The names the file declares with a data-access type (`private final OrderRepository orders;`, a
    constructor's `OrderMapper mapper`), computed once."""

    def compute() -> frozenset[str]:
        return frozenset(m.group("name") for bare in lexed.bare.values()
                         if ("Repo" in bare or "Dao" in bare or "DAO" in bare or "Mapper" in bare)
                         for m in _DATA_TYPE.finditer(bare))

    names: frozenset[str] = ctx.cached("java-list-no-limit-data", compute)
    return names


def _unbounded(ctx: FileContext, bare_lines: dict[int, str], no: int, bare: str, *, last: int,
               data: frozenset[str]) -> _Query | None:
    """The query started on line `no` when it loads every row it matches, or None. `data` names the
    file's repositories, DAOs and mappers by their declared type."""
    if "All" in bare:
        for found in _ALL_CALL.finditer(bare):
            recv, op, args = found.group("recv"), found.group("op"), found.group("args").strip()
            if op.startswith(("get", "load", "fetch")) and args:
                continue  # a keyed multi-get (`cache.getAll(keys)`)
            if _KEYED_OP.search(op) or _BOUNDED_ARG.search(args) or re.search(r"Top\d*|First\d*", op):
                continue
            if _STREAMED.search(bare[: found.start()]) or _PANACHE_BOUNDED.match(bare[found.end():]):
                continue  # streamed or paged (`Stream<Order> all = ...`, Panache `findAll().page(...)`)
            entity = recv[0].isupper()
            if entity and op not in {"findAll", "listAll"}:
                continue  # a class's static helper, not a Panache entity's query
            whole = (not args or _SORT_ONLY.match(args) is not None) and "By" not in op
            return _Query(f"`{recv}.{op}(...)` reads every matching row into memory, with no page or limit: "
                          "the answer grows with the table.", whole,
                          entity or recv in data or _DATA_NAME.search(recv) is not None,
                          constant_filter=bool(args) and _CONSTANTS.match(args) is not None)
    if "<" in bare or "for" in bare:
        finder = _COLLECTION_FIND.search(bare)
        if finder is not None and (finder.group("recv") in data or _DATA_NAME.search(finder.group("recv"))):
            recv, op, args = finder.group("recv"), finder.group("op"), finder.group("args").strip()
            if not (_KEYED_OP.search(op) or _BOUNDED_ARG.search(args) or re.search(r"Top\d*|First\d*", op)):
                return _Query(f"`{recv}.{op}(...)` reads every matching row into a collection, with no page "
                              "or limit: the answer grows with the table.", False, True)
    if "getResultList" in bare:
        # The statement: back to the previous `;`, and this line.
        above = range(max(no - 6, 0), no)
        code = " ".join(bare_lines.get(n, "") for n in above).rpartition(";")[2] + bare
        if "setMaxResults" not in code:
            raw = " ".join(ctx.lines.get(n, "") for n in above).rpartition(";")[2] + ctx.lines.get(no, "")
            whole = re.search(r"(?i)\bwhere\b|\blimit\b|\bfetch\s+first\b", raw) is None
            return _Query("`getResultList()` with no `setMaxResults` reads every row the query matches into "
                          "memory.", whole, True)
    if "query" in bare or "sql" in bare:
        call = _JDBC_QUERY.search(bare)
        if call is not None and _JDBC_NAME.search(call.group("recv")):
            raw = ctx.lines.get(no, "")
            literal = _SQL_TEXT.search(raw[raw.find("(", call.start()):])
            sql = literal.group("sql") if literal is not None else ""
            if _SELECT.match(sql) and not _SQL_BOUNDED.search(sql) \
                    and "Stream" not in bare and "RowCallbackHandler" not in bare:
                return _Query(f"`{call.group('recv')}` runs a `SELECT` with neither `WHERE` nor `LIMIT` and "
                              "reads every row of the table into memory.", True, True)
    if "from" in bare or "selectFrom" in bare:
        start = _JOOQ_START.search(bare)
        if start is not None and ("dsl" in bare.lower() or "select" in bare or "create" in bare):
            parts = [bare]
            end = no
            while ";" not in bare_lines.get(end, "") and end < min(last, no + 12):
                end += 1
                parts.append(bare_lines.get(end, ""))
            text = " ".join(parts)
            if _JOOQ_FETCH_ALL.search(text) and not _JOOQ_BOUNDED.search(text) and not _STREAMED.search(text):
                return _Query("The jOOQ query has no `where`, `limit` or `seek` and fetches every row of the "
                              "table.", True, True)
    return None
