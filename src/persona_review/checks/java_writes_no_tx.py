"""Java: a service method that makes two or more database writes with no transaction around them.

    public Transfer transfer(UUID fromId, UUID toId, BigDecimal amount) {   // no @Transactional
        from.setBalance(from.getBalance().subtract(amount));
        to.setBalance(to.getBalance().add(amount));
        wallets.save(from);          // commits on its own
        wallets.save(to);            // throws: the debit above stays committed, the credit never happens
        return transfers.save(new Transfer(fromId, toId, amount));
    }

Outside a transaction every write commits on its own: a Spring Data repository call runs in a transaction
of its own (`SimpleJpaRepository` is `@Transactional`), a `JdbcTemplate.update` on an auto-commit
connection, a MyBatis mapper call in its own `SqlSession` commit, a jOOQ `execute()` on an auto-commit
`DSLContext`. When a later write fails (a constraint, a deadlock, a timeout, the process stopped by a
deploy) the earlier ones stay: money debited and never credited, an order without its lines, a user
without the membership that made it. A lock read (`findByIdForUpdate`) outside a transaction is released
as soon as it returns.

Reported, from the method's opening line to its last write, when a method that callers reach through the
bean's proxy (public, or an entry point: `@Scheduled`, a listener, a request mapping) makes two or more
writes, or a locking read (`findByIdForUpdate`, `lock...By...`, SQL `FOR UPDATE`/`FOR SHARE`, jOOQ
`forUpdate()`) and then a write, at its own level or in the same file's private helpers it calls (one
level: a helper that opens its own transaction counts as one write; one annotated `@Transactional` is
JAVA-TX-PRIVATE-METHOD's), and neither it nor its class is
`@Transactional` (Spring's or Jakarta's; a `propagation = NOT_SUPPORTED`/`NEVER` counts as none) nor
does it open one itself (`TransactionTemplate`, `transactionManager.getTransaction`, jOOQ
`dsl.transaction(...)`, JDBI `inTransaction`/`useTransaction`, `setAutoCommit(false)`, a `commit()`).
Writes are: Spring Data `save*`/`delete*` (on a repository: a field whose declared type or name says so,
or that the file also reads with `findBy...`/`findById`) and its `@Modifying` query methods named for a
write (`update...`, `insert...`, `delete...`, `increment...`, `decrement...`), MyBatis-Plus
`saveOrUpdate`/`saveBatch`/`updateById`/`removeById`, `EntityManager` `persist`/`merge`/`remove` (and
`persist` on a Panache entity or repository),
`JdbcTemplate`/`NamedParameterJdbcTemplate`/`JdbcClient` `update`/`batchUpdate`, jOOQ `insertInto`/
`update(TABLE)`/`deleteFrom`/`mergeInto` and `record.store()`, MyBatis mapper `insert...`/`update...`/
`delete...` and `sqlSession.insert/update/delete`. Repository and DAO classes (whose callers hold the
transaction), private helpers (usually called from inside one), static methods and methods handed the
caller's `Session`/`EntityManager`/`Connection`/`DSLContext`/JDBI `Handle` (they run in the caller's unit
of work) and tests are left alone, and so is a method
that implements an interface (`@Override`, or any public method of `OrderServiceImpl implements
OrderService`): Spring reads `@Transactional` on the interface's method, which the file does not show.
When the class's header is not in view its `@Transactional` cannot be seen, and the method's own
annotations decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from persona_review.checks._java_code import JAVA_TEST_PATH
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.java_spring_tx import _ENTRY, _Method, _methods
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_RECEIVER = r"(?<![\w$.])(?:this\s*\.\s*)?(?P<recv>(?!this\b)[a-z_$][\w$]*)\s*\.\s*"
_REPO_WRITE = lazy_re(
    _RECEIVER + r"(?P<op>save|saveAndFlush|saveAll|saveAllAndFlush|delete|deleteById|deleteAll|deleteAllById|"
    r"deleteAllInBatch|deleteInBatch|deleteAllByIdInBatch|delete[A-Z]\w*|"
    r"saveOrUpdate\w*|saveBatch\w*|updateById|updateBatchById|removeById|removeByIds|removeBatchByIds)\s*\("
)
_EM_WRITE = lazy_re(
    r"(?<![\w$.])(?:this\s*\.\s*)?(?:em|entityManager|\w+EntityManager)\s*\.\s*(?:persist|merge|remove)\s*\(|"
    r"\.\s*(?:persist|persistAndFlush)\s*\("
)
"""`EntityManager` writes, and `persist` on anything (a Panache entity `order.persist()`, its repository)."""
_JDBC_WRITE = lazy_re(
    _RECEIVER + r"(?:update|batchUpdate)\s*\(|"
    r"(?<![\w$.])(?:this\s*\.\s*)?(?P<client>[a-z_$][\w$]*)\s*\.\s*sql\s*\([^;]*\.\s*update\s*\(\s*\)"
)
_JOOQ_WRITE = lazy_re(
    r"\.\s*(?:insertInto|deleteFrom|mergeInto)\s*\(|\.\s*update\s*\(\s*[A-Z][A-Z0-9_]*(?:\.[A-Z][A-Z0-9_]*)*\s*\)"
    r"|(?<![\w$.])[a-z_$][\w$]*\s*\.\s*store\s*\(\s*\)"
)
_MAPPER_WRITE = lazy_re(
    _RECEIVER + r"(?P<op>(?:insert|update|delete|upsert|batchInsert|batchUpdate|increment|decrement)\w*)\s*\("
)
"""A mapper's or repository's own write (`orderMapper.insertLine(...)`, a `@Modifying` query method
`stock.decrementQuantity(id, n)`)."""
_REPO_NAME = lazy_re(r"(?i)(?:repo|repository|repositories|dao|store|mapper)s?$")
_SERVICE_NAME = lazy_re(r"Service$")
_REPO_TYPE = r"\b[A-Z]\w*(?:Repository|Repo|Dao|DAO|Store|Mapper)\b(?:<[^<>;]*(?:<[^<>;]*>[^<>;]*)*>)?\s+"
_JDBC_NAME = lazy_re(r"(?i)jdbc|template$|jdbcclient|^jt$")
_JDBC_TYPE = (r"\b(?:JdbcTemplate|NamedParameterJdbcTemplate|JdbcOperations|NamedParameterJdbcOperations|"
              r"JdbcClient)\s+")
_READ_BY = lazy_re(r"(?<![\w$.])(?:this\s*\.\s*)?(?P<recv>[a-z_$][\w$]*)\s*\.\s*(?:findBy|findAllBy|findById|"
                   r"getById|getReferenceById|existsBy|countBy|findOneBy|lockBy)\w*\s*\(")
_OWN_TX = lazy_re(
    r"\b\w*(?:[Tt]ransaction|[Tt]x)(?:Template|Operations|Manager|Helper|Runner|Service)?\s*\.\s*"
    r"(?:execute|executeWithoutResult|run|call|inTransaction|doInTransaction|required|requiresNew|"
    r"getTransaction|begin)\s*\(|"
    r"\.\s*(?:transaction|transactionResult|transactionAsync|transactionResultAsync|inTransaction|"
    r"useTransaction|withTransaction|inTx|doInTransaction)\s*\(|"
    r"\bsetAutoCommit\s*\(\s*false\b|\.\s*commit\s*\(\s*\)|\bTransactionStatus\b|\bTransactionCallback\b|"
    r"\bgetTransaction\s*\(|\.\s*begin\s*\(\s*\)"
)
_PLUS_WRITES = frozenset({"updateById", "updateBatchById", "removeById", "removeByIds", "removeBatchByIds"})
"""MyBatis-Plus `IService` writes, named for what they do on any receiver."""
_LOCK_READ = lazy_re(
    r"\.\s*(?:\w*ForUpdate\w*|\w*WithLock\w*|lock\w*By\w*|findAndLock\w*|forUpdate|forShare)\s*\("
)
_SQL_LOCK = lazy_re(r"(?i)\bfor\s+(?:no\s+key\s+)?update\b|\block\s+in\s+share\s+mode\b|\bfor\s+share\b")
_HANDED_UNIT = lazy_re(
    r"\bstatic\b|[(,]\s*(?:final\s+)?(?:[\w.]+\.)?(?:Session|StatelessSession|EntityManager|Connection|"
    r"DSLContext|Configuration|Handle|SqlSession|TransactionStatus)\s+[a-z_$][\w$]*\s*[,)]"
)
"""A static helper (no proxy can open a transaction around it), or a method handed the caller's session,
connection or jOOQ configuration (it runs in whatever unit of work the caller holds)."""
_OVERRIDE = lazy_re(r"@Override\b")
_NO_TX = lazy_re(r"\b(?:NOT_SUPPORTED|NEVER)\b")
_DATA_CLASS = lazy_re(r"(?:Repository|Repo|Dao|DAO|Mapper|RepositoryImpl|DaoImpl|Store|StoreImpl)$")
_CLASS_DECL = lazy_re(r"\b(?:class|interface)\s+(?P<name>[A-Za-z_$][\w$]*)")
_REPOSITORY_ANNOTATION = lazy_re(r"@(?:[\w.]+\.)?(?:Repository|Mapper)\b")
_WORDS = ("save", "delete", "persist", "merge", "update", "Update", "insert", "Insert", "store", "upsert",
          "increment", "decrement", "remove")


@register(
    CheckSpec(
        id="JAVA-WRITES-NO-TX",
        checklist_item="DATA-01",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="Several database writes in one method, with no transaction around them",
        explanation=(
            "Outside a transaction each write commits on its own (a repository `save` in its own "
            "transaction, a `JdbcTemplate.update` on an auto-commit connection): when a later write fails, "
            "the earlier ones stay committed (a debit without its credit, an order without its lines). "
            "Annotate the public method `@Transactional` (or its class), or run the writes in a "
            "`TransactionTemplate` / jOOQ `dsl.transaction(...)`."
        ),
    ),
    needs=_WORDS,
)
def writes_no_tx(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    methods, class_tx, class_name = _methods(ctx, lexed)
    if class_tx or _data_class(lexed, class_name or PurePosixPath(ctx.path).stem):
        return
    repos, jdbcs = _receivers(ctx, lexed)
    implements_own = _implements_own_interface(lexed, class_name)
    work = {id(method): _work_of(ctx, lexed, method, repos, jdbcs) for method in methods}
    # A private helper annotated `@Transactional` is left to JAVA-TX-PRIVATE-METHOD, which reports the
    # annotation that cannot work.
    helpers = {m.name: work[id(m)] for m in methods
               if m.private and not m.constructor and not m.transactional
               and (work[id(m)].writes or work[id(m)].locks)}
    helper_call = re.compile(r"(?:(?<![\w$.])|(?<=\bthis\.))(?P<name>"
                             + "|".join(map(re.escape, sorted(helpers))) + r")\s*\(") if helpers else None
    for method in methods:
        if method.private or method.constructor:
            continue
        if _OVERRIDE.search(method.declaration) or (implements_own and method.public):
            continue  # the interface it implements may declare the transaction
        if not (method.public or _ENTRY.search(method.declaration) or "Mapping" in method.declaration):
            continue
        if method.transactional and not _NO_TX.search(method.declaration):
            continue
        if _HANDED_UNIT.search(method.declaration):
            continue  # static, or handed the caller's session/connection: it runs in the caller's unit
        own = work[id(method)]
        if own.own_tx:
            continue
        writes, locks = list(own.writes), list(own.locks)
        if helper_call is not None:
            # A same-file private helper's writes run at its call, in no transaction either.
            for no in range(method.block.first, method.block.last + 1):
                for call in helper_call.finditer(lexed.bare.get(no, "")):
                    helper = helpers[call.group("name")]
                    writes.extend([no] * (1 if helper.own_tx else len(helper.writes)))
                    locks.extend([no] * (0 if helper.own_tx else len(helper.locks)))
        writes.sort()
        if len(writes) >= 2:
            yield Hit(method.block.first, writes[-1], message=(
                f"`{method.name}` makes {len(writes)} writes, each committed on its own: no `@Transactional` "
                "on the method or its class and no transaction opened here, so a failure after the first "
                "leaves it committed and the rest undone."))
        elif writes and locks and min(locks) < writes[-1]:
            yield Hit(method.block.first, writes[-1], message=(
                f"`{method.name}` locks rows and then writes with no transaction around them: the lock is "
                "released as soon as the locking read returns (or the read fails for want of a "
                "transaction), so the write is not protected from a concurrent one."))


@dataclass(frozen=True, slots=True)
class _Work:
    writes: tuple[int, ...]
    """The line of each database write the method makes at its own level."""
    locks: tuple[int, ...]
    """The line of each locking read (`findByIdForUpdate`, `SELECT ... FOR UPDATE`)."""
    own_tx: bool
    """It opens a transaction itself (`TransactionTemplate`, `dsl.transaction`, `setAutoCommit(false)`)."""


def _work_of(ctx: FileContext, lexed: Lexed, method: _Method, repos: frozenset[str],
             jdbcs: frozenset[str]) -> _Work:
    block = method.block
    writes: list[int] = []
    locks: list[int] = []
    for no in range(block.first, block.last + 1):
        bare = lexed.bare.get(no, "")
        if no == block.first:
            bare = bare[block.col + 1:]
        if "(" not in bare:
            continue
        if _may_open_tx(bare) and _OWN_TX.search(bare):
            return _Work((), (), own_tx=True)
        if any(word in bare for word in _WORDS):
            writes.extend(no for _ in range(_writes_on(bare, repos, jdbcs)))
        if _locks_on(bare, ctx.lines.get(no, "")):
            locks.append(no)
    return _Work(tuple(writes), tuple(locks), own_tx=False)


def _may_open_tx(bare: str) -> bool:
    """A cheap test of a word every `_OWN_TX` match holds."""
    return "ransaction" in bare or "tx" in bare or "Tx" in bare or "ommit" in bare or "begin" in bare \
        or "TX" in bare


def _locks_on(bare: str, raw: str) -> bool:
    """The line reads with a row lock: a repository's locking finder, SQL `FOR UPDATE`, jOOQ `forUpdate()`."""
    if ("ock" in bare or "ForUpdate" in bare) and _LOCK_READ.search(bare):
        return True
    return '"' in raw and ("pdate" in raw or "PDATE" in raw or "hare" in raw or "HARE" in raw) \
        and _SQL_LOCK.search(raw) is not None


def _data_class(lexed: Lexed, name: str) -> bool:
    """The class is a repository, DAO or mapper: its callers hold the transaction."""
    if _DATA_CLASS.search(name):
        return True
    # An annotation on the type itself (the class declaration follows within a few lines).
    return any("@" in bare and _REPOSITORY_ANNOTATION.search(bare)
               and any(_CLASS_DECL.search(lexed.bare.get(n, "")) for n in range(no, no + 4))
               for no, bare in lexed.bare.items())


def _implements_own_interface(lexed: Lexed, class_name: str) -> bool:
    """The class implements its own interface (`OrderServiceImpl implements OrderService`,
    `DefaultOrderService implements OrderService`): its public methods are the interface's, which may carry
    `@Transactional`. The declaration may run over a few lines (`extends Base<K>\n implements ...`)."""
    if not class_name:
        return False
    declared = re.compile(rf"\bclass\s+{re.escape(class_name)}\b")
    for no, bare in lexed.bare.items():
        if class_name not in bare or not declared.search(bare):
            continue
        header = " ".join(lexed.bare.get(n, "") for n in range(no, no + 4)).partition("{")[0]
        _, found, interfaces = header.partition(" implements ")
        names = re.findall(r"[A-Za-z_$][\w$]*(?=\s*(?:<|,|$))", interfaces.strip()) if found else []
        return any(name in class_name for name in names)
    return False


def _receivers(ctx: FileContext, lexed: Lexed) -> tuple[frozenset[str], frozenset[str]]:
    """Names that are repositories (by declared type, by name, or read with `findBy...`) and names that are
    JDBC templates, from the whole file, computed once."""

    def compute() -> tuple[frozenset[str], frozenset[str]]:
        text = "\n".join(lexed.bare.values())
        repos = {m.group(1) for m in re.finditer(_REPO_TYPE + r"([a-z_$][\w$]*)\b", text)}
        repos |= {m.group("recv") for m in _READ_BY.finditer(text)}
        jdbcs = {m.group(1) for m in re.finditer(_JDBC_TYPE + r"([a-z_$][\w$]*)\b", text)}
        return frozenset(repos), frozenset(jdbcs)

    result: tuple[frozenset[str], frozenset[str]] = ctx.cached("java-writes-no-tx-receivers", compute)
    return result


def _writes_on(bare: str, repos: frozenset[str], jdbcs: frozenset[str]) -> int:
    """How many database writes a line of code starts (each call counted once, whichever form names it)."""
    calls: set[int] = set()
    for found in _REPO_WRITE.finditer(bare):
        recv, op = found.group("recv"), found.group("op")
        if op.startswith("save") or op in _PLUS_WRITES or recv in repos or _REPO_NAME.search(recv):
            calls.add(found.start("op"))
    calls.update(found.end() for found in _EM_WRITE.finditer(bare))
    if "update" in bare or "Update" in bare:
        for found in _JDBC_WRITE.finditer(bare):
            recv = found.group("recv") or found.group("client") or ""
            if recv in jdbcs or _JDBC_NAME.search(recv):
                calls.add(found.start("recv") if found.group("recv") else found.start("client"))
    if any(word in bare for word in ("insertInto", "deleteFrom", "mergeInto", "update", "store")):
        for found in _JOOQ_WRITE.finditer(bare):
            if not any(abs(found.start() - at) < 40 for at in calls):
                calls.add(found.start())
    for found in _MAPPER_WRITE.finditer(bare):
        recv = found.group("recv")
        if _SERVICE_NAME.search(recv) and found.group("op") not in _PLUS_WRITES:
            continue  # a service's own operation (`userService.updateUserDepart(...)`) keeps its transaction
        if recv in repos or _REPO_NAME.search(recv) or recv in {"sqlSession", "session"}:
            calls.add(found.start("op"))
    return len(_distinct(calls))


def _distinct(starts: set[int]) -> list[int]:
    """Call positions with those that name the same call (a receiver and its method) merged."""
    out: list[int] = []
    for at in sorted(starts):
        if not out or at - out[-1] > 40:
            out.append(at)
    return out
