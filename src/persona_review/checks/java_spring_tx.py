"""Spring: a `@Transactional` method called from its own class, so the proxy that opens the transaction is
bypassed and the writes run without one.

    public void importAll(List<Row> rows) {          // not transactional
        for (Row row : rows) {
            importOne(row);                          // a plain Java call: no transaction, no rollback
        }
    }

    @Transactional
    public void importOne(Row row) { ... }

Spring applies `@Transactional` through a proxy around the bean; a call from one method of the bean to
another (`importOne(row)` or `this.importOne(row)`) never goes through it. Reported, on the call:
- a call to a `@Transactional` method of the same class from a method that is not transactional itself
  (the class is not annotated `@Transactional` either): a public entry point, a constructor, or a
  `@PostConstruct`/`@Scheduled`/`@EventListener`/listener method;
- a call to a `@Transactional(propagation = REQUIRES_NEW)` method of the same class from anywhere in it:
  the separate transaction the annotation asks for is never opened.
Only methods known entire in the file are read; private callers that are not entry points are left alone
(they usually run inside a caller's transaction), and so are overloaded names where one overload is not
transactional. Tests are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from persona_review.checks._blocks import Block, blocks_of
from persona_review.checks._catch import catches, try_of
from persona_review.checks._java_code import JAVA_TEST_PATH, catch_hands_on
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import brace_block, reaches
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_SIGNATURE = lazy_re(
    r"(?P<mods>(?:\b(?:public|protected|private|static|final|synchronized|abstract|default)\s+)*)"
    r"(?:<[^>]*>\s*)?(?:[\w$.<>\[\],?\s]+?\s+)?(?P<name>[A-Za-z_$][\w$]*)\s*\([^;{}]*\)\s*"
    r"(?:throws\s+[\w.$,\s]+)?$"
)
_CONTROL = lazy_re(
    r"^\s*(?:\}\s*)?(?:if|else|for|while|do|switch|catch|try|finally|synchronized|return|new)\b"
)
_TRANSACTIONAL = lazy_re(r"@(?:[\w.]+\.)?Transactional\b(?P<args>\s*\([^)]*\))?")
_REQUIRES_NEW = lazy_re(r"\bREQUIRES_NEW\b")
_ANNOTATION = lazy_re(r"@[\w.]+(?:\s*\([^()]*(?:\([^()]*\)[^()]*)*\))?")
_READ_ONLY = lazy_re(r"\breadOnly\s*=\s*true\b")
_ENTRY = lazy_re(
    r"@(?:PostConstruct|Scheduled|EventListener|TransactionalEventListener|KafkaListener|RabbitListener|"
    r"JmsListener|SqsListener|StreamListener|Async|Bean)\b"
)
_CLASS = lazy_re(r"\b(?:class|interface|enum|record)\s+[A-Za-z_$][\w$]*")
_CLASS_LINE = lazy_re(r"(?m)^\s*(?:(?:public|protected|private|abstract|final|static)\s+)*class\s+\w")
_KEYWORDS = frozenset({"if", "for", "while", "switch", "catch", "synchronized", "return", "new", "super",
                       "this", "throw", "try", "do", "else"})


@dataclass(frozen=True, slots=True)
class _Method:
    name: str
    block: Block
    declaration: str
    """Annotations, modifiers and signature, bare text."""
    transactional: bool
    requires_new: bool
    public: bool
    private: bool
    constructor: bool


def declaration_of(lexed: Lexed, block: Block) -> str:
    """The member's annotations and signature: the lines above its opening brace back to the end of the
    previous member (a line ending in `;`, `{` or `}`), at most 12 lines."""
    own = lexed.bare.get(block.first, "")[: block.col]
    parts = [own]
    no = block.first - 1
    while block.first - no <= 12 and no in lexed.bare:
        text = lexed.bare[no].rstrip()
        if text.endswith((";", "{", "}")) and not text.lstrip().startswith("@"):
            break
        parts.append(text)
        no -= 1
    return "\n".join(reversed(parts))


def signature_of(declaration: str) -> str:
    """A member's declaration without its annotations, on one line."""
    return " ".join(_ANNOTATION.sub(" ", declaration).split())


def _methods(ctx: FileContext, lexed: Lexed) -> tuple[list[_Method], bool, str]:
    """The methods of the file known entire, whether a class of it is annotated `@Transactional`, and the
    name of the first class; read once per file for every check that asks (`lexed` is `lex(ctx)`)."""
    found: tuple[list[_Method], bool, str] = ctx.cached(
        "java-spring-tx-methods", lambda: _read_methods(ctx, lexed))
    return found


def _read_methods(ctx: FileContext, lexed: Lexed) -> tuple[list[_Method], bool, str]:
    methods: list[_Method] = []
    class_tx = False
    class_name = ""
    blocks = blocks_of(ctx).all()
    # In a hunk that does not show its class's header, the methods are the outermost blocks.
    member_depth = 1 if any(b.depth == 0 and _CLASS.search(signature_of(declaration_of(lexed, b)))
                            for b in blocks) else 0
    for block in blocks:
        declaration = declaration_of(lexed, block)
        signature = signature_of(declaration)
        kind = _CLASS.search(signature)
        if kind is not None:
            if block.depth == 0:
                class_name = class_name or kind.group().split()[-1]
                class_tx = class_tx or _TRANSACTIONAL.search(declaration) is not None
            continue
        if _CONTROL.match(signature) or "->" in signature or "=" in signature:
            continue
        match = _SIGNATURE.search(signature)
        if match is None or match.group("name") in _KEYWORDS or block.depth != member_depth:
            continue
        annotation = _TRANSACTIONAL.search(declaration)
        methods.append(_Method(
            name=match.group("name"),
            block=block,
            declaration=declaration,
            transactional=annotation is not None,
            requires_new=bool(annotation and _REQUIRES_NEW.search(annotation.group(0))),
            public="public" in match.group("mods").split(),
            private="private" in match.group("mods").split(),
            constructor=False,
        ))
    named = [replace(m, constructor=m.name == class_name) for m in methods]
    return named, class_tx, class_name


@register(
    CheckSpec(
        id="JAVA-TX-SELF-INVOCATION",
        checklist_item="ERR-06",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="`@Transactional` method called from its own class: no transaction is started",
        explanation=(
            "Spring starts the transaction in a proxy around the bean, and a call from one method of the "
            "class to another never passes through it: the annotated method runs without a transaction "
            "(or without the new one REQUIRES_NEW asks for), so a failure halfway leaves the earlier writes "
            "committed. Move the transactional method to another bean and call it through that bean, "
            "annotate the calling entry point instead, or use a `TransactionTemplate`."
        ),
    ),
    needs=("Transactional",),
)
def tx_self_invocation(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    methods, class_tx, _ = _methods(ctx, lexed)
    by_name: dict[str, list[_Method]] = {}
    # a cut method with a plain `@Transactional` counts only where the class header is known (an annotated
    # class makes every caller transactional); REQUIRES_NEW is bypassed whatever the caller
    class_known = _CLASS_LINE.search(ctx.known_text()) is not None
    cut = [m for m in _cut_methods(ctx, lexed, methods) if m.requires_new or class_known]
    for method in [*methods, *cut]:
        by_name.setdefault(method.name, []).append(method)
    targets = {
        name: group[0] for name, group in by_name.items()
        if all(m.transactional for m in group) and (not class_tx or all(m.requires_new for m in group))
    }
    if not targets:
        return
    call = re.compile(
        r"(?:(?<![\w$.])|(?<=\bthis\.))(?P<name>" + "|".join(map(re.escape, sorted(targets))) + r")\s*\("
    )
    for caller in methods:
        entry = caller.public or caller.constructor or _ENTRY.search(caller.declaration) is not None
        plain = entry and not (caller.transactional or class_tx)
        for no in range(caller.block.first, caller.block.last + 1):
            bare = lexed.bare.get(no, "")
            if no == caller.block.first:
                bare = bare[caller.block.col + 1 :]
            for found in call.finditer(bare):
                target = targets[found.group("name")]
                if target.private:
                    continue  # JAVA-TX-PRIVATE-METHOD reports the annotation that cannot work
                if target is not caller and (target.requires_new or plain):
                    yield _hit(no, target, _added_annotation_below(ctx, lexed, no, target))


def _cut_methods(ctx: FileContext, lexed: Lexed, methods: list[_Method]) -> list[_Method]:
    """Methods whose declaration and opening brace the hunk shows but whose end it cuts (a method the change
    annotates, shown down to the hunk's last line): enough to know what it is called and how it is
    annotated, so a call to it from a method known entire can be judged. Read at the depth of the known
    methods (or of the outermost blocks, when none is known)."""
    if ctx.whole_file:
        return []
    blocks = blocks_of(ctx)
    depth_of_known = {m.block.depth for m in methods}
    member_depth = min(depth_of_known) if depth_of_known else 0
    found: list[_Method] = []
    for brace, (line, _header) in blocks.opened.items():
        if brace in blocks.blocks:
            continue
        depth = 0
        up = blocks.parent.get(brace)
        while up is not None:
            depth += 1
            up = blocks.parent.get(up)
        if depth != member_depth:
            continue
        col = lexed.bare.get(line, "").find("{")
        block = Block(line, max(col, 0), line, _header, depth)
        declaration = declaration_of(lexed, block)
        signature = signature_of(declaration)
        if _CLASS.search(signature) or _CONTROL.match(signature) or "->" in signature or "=" in signature:
            continue
        match = _SIGNATURE.search(signature)
        if match is None or match.group("name") in _KEYWORDS:
            continue
        annotation = _TRANSACTIONAL.search(declaration)
        mods = match.group("mods").split()
        found.append(_Method(
            name=match.group("name"), block=block, declaration=declaration,
            transactional=annotation is not None,
            requires_new=bool(annotation and _REQUIRES_NEW.search(annotation.group(0))),
            public="public" in mods, private="private" in mods, constructor=False,
        ))
    return found


@register(
    CheckSpec(
        id="JAVA-TX-PRIVATE-METHOD",
        checklist_item="ERR-06",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="`@Transactional` on a private method: Spring ignores it",
        explanation=(
            "Spring's proxies only intercept calls to public (since Spring 6, also protected and package) "
            "methods coming from outside the bean; a private method is never called through the proxy, so "
            "its `@Transactional` opens no transaction and a failure halfway leaves the earlier writes "
            "committed. Make the method public on a bean its callers reach through Spring (another service), "
            "annotate the public entry point, or use a `TransactionTemplate`."
        ),
    ),
    needs=("Transactional",),
)
def tx_private_method(ctx: FileContext) -> Iterator[Hit]:
    """A `@Transactional` private method, reported on the annotation (the line to delete or move)."""
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    methods, _class_tx, _ = _methods(ctx, lexed)
    for method in methods:
        if not method.transactional or not method.private:
            continue
        first = _annotation_line(lexed, method)
        if first is not None:
            yield Hit(first, method.block.first if method.block.first > first else None, message=(
                f"`{method.name}` is private, so Spring never calls it through the proxy that opens the "
                f"transaction: its `@Transactional` does nothing and its writes run without a transaction "
                f"of their own."))


def _annotation_line(lexed: Lexed, method: _Method) -> int | None:
    """The line of the method's `@Transactional` annotation (at most 12 lines above its body)."""
    for no in range(method.block.first, method.block.first - 13, -1):
        if _TRANSACTIONAL.search(lexed.bare.get(no, "")):
            return no
    return None


_PAIR_SPAN = 8
"""Most lines from a call down to the `@Transactional` annotation it bypasses that one comment spans."""


def _added_annotation_below(ctx: FileContext, lexed: Lexed, call: int, target: _Method) -> int | None:
    """The line of the target's `@Transactional` when this change adds it a few lines below the call (the
    new method and its call from the class's own code, read together): one comment then spans both."""
    first = _annotation_line(lexed, target)
    if first is None or first not in ctx.added or not 0 < first - call <= _PAIR_SPAN:
        return None
    return first if reaches(ctx, call, first) else None


def _hit(no: int, target: _Method, end: int | None = None) -> Hit:
    if target.requires_new:
        return Hit(no, end, message=(
            f"`{target.name}` is `@Transactional(REQUIRES_NEW)` but is called from its own class, so the "
            f"proxy is bypassed and no new transaction is opened: its writes commit or roll back with the "
            f"caller's. Call it through another bean (or a `TransactionTemplate` with REQUIRES_NEW)."))
    return Hit(no, end, message=(
        f"`{target.name}` is `@Transactional` but is called from a method of its own class that is not: "
        f"the call bypasses Spring's proxy, so it gets no transaction of its own (only one a caller further "
        f"up may have opened) and a failure halfway leaves the earlier writes committed. Call it through "
        f"another bean or make the caller transactional."))



_WRITE = lazy_re(
    r"\b(?:\w*(?:Repository|Repo|Mapper|Dao|DAO|JdbcTemplate|EntityManager|Session)|repository|repo|mapper|"
    r"dao|jdbcTemplate|entityManager|em|session)\s*\.\s*"
    r"(?:save|saveAll|saveAndFlush|saveOrUpdate|insert\w*|update\w*|upsert\w*|delete\w*|remove|persist|"
    r"merge|batchUpdate|executeUpdate|increment\w*|decrement\w*)\s*\("
)
"""A write through a repository, mapper, DAO, JdbcTemplate, EntityManager or session."""
_WRITE_VERB = (
    r"\s*\.\s*(?:save|saveAll|saveAndFlush|saveOrUpdate|insert\w*|update\w*|upsert\w*|delete\w*|remove|"
    r"persist|merge|batchUpdate|executeUpdate)\s*\("
)
_STORE_DECLARED = lazy_re(
    r"\b[A-Z]\w*(?:Repository|Repo|Mapper|Dao|DAO)(?:<[^<>;]*>)?\s+(?P<name>[a-z_$][\w$]*)\s*[;,)=]"
)
"""A field, parameter or local declared with a repository/mapper/DAO type: `CatalogRepository catalog`."""


def _writes_through_stores(lexed: Lexed) -> re.Pattern[str] | None:
    """A write through a name the file declares with a repository, mapper or DAO type, whatever the name
    (`catalog.upsert(...)` after `private final CatalogRepository catalog;`); None when there is none."""
    names = {found.group("name") for text in lexed.bare.values() if "Re" in text or "Ma" in text
             or "Da" in text or "DA" in text for found in _STORE_DECLARED.finditer(text)}
    if not names:
        return None
    return re.compile(r"(?<![\w$.])(?:this\s*\.\s*)?(?:" + "|".join(map(re.escape, sorted(names))) + r")"
                      + _WRITE_VERB)
_ROLLS_BACK = lazy_re(r"\bthrow\b|setRollbackOnly\s*\(|\bTransactionAspectSupport\b")
_LOOP = lazy_re(r"^\s*(?:for|while|do)\b")


def _in_loop(lexed: Lexed, first: int, try_line: int, last: int) -> bool:
    """Whether the `try` on `try_line` sits in a loop of the method (starting at or after `first`) that
    runs past the catch's `last` line: each earlier pass wrote, so one failing pass leaves half the work."""
    indent = len(lexed.bare.get(try_line, "")) - len(lexed.bare.get(try_line, "").lstrip())
    for no in range(try_line - 1, first - 1, -1):
        text = lexed.bare.get(no, "")
        if not text.strip() or len(text) - len(text.lstrip()) >= indent:
            continue
        if _LOOP.match(text):
            block = brace_block(lexed, no, 0)
            return block is not None and block.last >= last
        indent = len(text) - len(text.lstrip())
    return False


_FAILURE_CALL = lazy_re(r"\b(?:handle|fail|mark\w*Fail|record\w*(?:Error|Fail))\w*\s*\(", re.IGNORECASE)


def _handled_elsewhere(body: str, name: str | None) -> bool:
    """Whether the catch passes the exception (or its message or cause) to a call that is not a logger, or
    calls something named for handling a failure (`handleDataIntegrityIssues(...)`, `markFailed(...)`)."""
    return catch_hands_on(body, name, _FAILURE_CALL)


@register(
    CheckSpec(
        id="JAVA-TX-CATCH-COMMITS",
        checklist_item="ERR-06",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="`@Transactional` method catches a failed write and carries on: the writes before it commit",
        explanation=(
            "Spring rolls a transaction back only when an exception leaves the `@Transactional` method. "
            "Catching the failure of a write inside it and carrying on (logging, returning a default) lets "
            "the writes that succeeded before it commit without the rest: half an operation is saved. If "
            "the failed call went through another transactional proxy the transaction is already marked "
            "rollback-only and the commit throws `UnexpectedRollbackException` instead. Rethrow (wrapped), "
            "or call `TransactionAspectSupport.currentTransactionStatus().setRollbackOnly()` in the catch."
        ),
    ),
    needs=("Transactional",),
)
def tx_catch_commits(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    methods, class_tx, _ = _methods(ctx, lexed)
    stores = _writes_through_stores(lexed)
    for method in methods:
        if not (method.transactional or (class_tx and method.public)):
            continue
        if method.transactional and _READ_ONLY.search(method.declaration):
            continue
        for clause in catches(lexed):
            if not (method.block.first < clause.line <= method.block.last) or not clause.complete:
                continue
            if _ROLLS_BACK.search(clause.body) or clause.last > method.block.last:
                continue
            if _handled_elsewhere(clause.body, clause.name):
                continue  # handed to a handler (which often throws) or recorded as a failure
            found = try_of(lexed, clause.line)
            if found is None:
                continue
            writes = _WRITE.findall(found.body) + (stores.findall(found.body) if stores is not None else [])
            if not writes:
                continue
            before = "\n".join(lexed.bare.get(n, "") for n in range(method.block.first, found.line))
            if len(writes) < 2 and not _WRITE.search(before) \
                    and not (stores is not None and stores.search(before)) \
                    and not _in_loop(lexed, method.block.first, found.line, clause.last):
                continue  # nothing written before the failing write: nothing half-done to commit
            caught = " ".join(f"catch ({clause.types} {clause.name or ''}".split()) + ")"
            handling = next((no for no in range(clause.line + 1, clause.last)
                             if lexed.bare.get(no, "").strip() not in {"", "}", "{"}), None)
            yield Hit(clause.line, handling, message=(  # the catch and what it does instead
                f"`{method.name}` is `@Transactional` and `{caught}` swallows the failure of a write in its "
                f"`try`: the writes that already succeeded commit without the rest. Rethrow, or mark the "
                f"transaction rollback-only here."))


_CHECKED = lazy_re(
    r"\bthrows\s+[\w.$,\s]*?\b(?P<type>Exception|IOException|SQLException|TimeoutException|ExecutionException|"
    r"GeneralSecurityException|URISyntaxException|ParseException|JsonProcessingException|"
    r"ClassNotFoundException|CloneNotSupportedException|ReflectiveOperationException)\b"
)
_ROLLBACK_RULE = lazy_re(r"\brollbackFor\w*\s*=|\brollbackOn\s*=")
_SAVE_CALL = lazy_re(r"\b\w+\s*\.\s*(?:save|saveAll|saveAndFlush|persist)\s*\(")
"""A save on any receiver: in a `@Transactional` method, a write of the transaction (the field's type may
be out of view)."""
_THROWS = lazy_re(r"\bthrows\s+(?P<types>[\w.$,\s]+?)\s*$")
_UNCHECKED_NAME = lazy_re(
    r"^(?:\w*RuntimeException|IllegalArgumentException|IllegalStateException|UnsupportedOperationException|"
    r"NullPointerException|IndexOutOfBoundsException|ArithmeticException|ClassCastException|"
    r"NoSuchElementException|ConcurrentModificationException|SecurityException|UncheckedIOException|"
    r"DateTimeException|DateTimeParseException|NumberFormatException|"
    r"\w*DataAccessException|\w*Transaction\w*Exception|ResponseStatusException|\w*Http\w*Exception|"
    r"WebApplicationException|\w*NotFoundException|BadRequestException|ForbiddenException|NotAuthorizedException|"
    r"NotAllowedException|ClientErrorException|ServerErrorException|InternalServerErrorException|"
    r"ServiceUnavailableException|ProcessingException|ValidationException|ConstraintViolationException|"
    r"EntityNotFoundException|EntityExistsException|PersistenceException|OptimisticLockException|"
    r"PessimisticLockException|NoResultException|NonUniqueResultException|QueryTimeoutException|"
    r"AccessDeniedException|AuthenticationException|\w*Authentication\w*Exception|"
    r"\w*ResponseException|\w*Status\w*Exception|ApiException)$"
)
"""Exceptions of the JDK, Spring, JAX-RS and JPA that are unchecked (a `throws` clause may name them for
documentation only)."""


def _custom_checked(signature: str, body: str, file_text: str) -> str | None:
    """A project exception the `throws` clause names and the method body throws itself (`throw new
    X(...)`), that is not a known unchecked type nor declared in this file as a `RuntimeException`: Java asks
    for a `throws` clause only for checked exceptions, so one the method both declares and throws is most
    likely checked."""
    clause = _THROWS.search(signature.removesuffix("{").rstrip())
    if clause is None:
        return None
    for raw in clause.group("types").split(","):
        name = raw.strip().rsplit(".", 1)[-1]
        if not re.fullmatch(r"[A-Z]\w*Exception", name) or _UNCHECKED_NAME.match(name):
            continue
        if re.search(rf"\bclass\s+{name}\s+extends\s+\w*RuntimeException\b", file_text):
            continue
        if re.search(rf"\bthrow\s+new\s+{name}\s*\(", body):
            return name
    return None


@register(
    CheckSpec(
        id="JAVA-TX-CHECKED-COMMITS",
        checklist_item="ERR-06",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="`@Transactional` without `rollbackFor` on a method that throws a checked exception",
        explanation=(
            "By default Spring (and JTA's `@Transactional`) rolls back only on unchecked exceptions and "
            "errors. When this method throws the checked exception it declares after a write, the "
            "transaction commits what was written so far. Add `rollbackFor = Exception.class` (or the "
            "declared types), or wrap the checked exception in an unchecked one."
        ),
    ),
    needs=("Transactional",),
)
def tx_checked_commits(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    methods, _class_tx, _ = _methods(ctx, lexed)
    stores = _writes_through_stores(lexed)
    for method in methods:
        annotation = _TRANSACTIONAL.search(method.declaration)
        if annotation is None or _ROLLBACK_RULE.search(annotation.group(0)):
            continue
        if _READ_ONLY.search(annotation.group(0)):
            continue
        signature = signature_of(method.declaration)
        checked = _CHECKED.search(signature)
        body = "\n".join(lexed.bare.get(n, "") for n in range(method.block.first, method.block.last + 1))
        thrown = checked.group("type") if checked is not None else _custom_checked(
            signature, body, "\n".join(lexed.bare.values()))
        if thrown is None:
            continue
        if not _WRITE.search(body) and not (stores is not None and stores.search(body)) \
                and not _SAVE_CALL.search(body):
            continue
        if checked is None:
            throw = next((no for no in range(method.block.first, method.block.last + 1)
                          if re.search(rf"\bthrow\s+new\s+{thrown}\s*\(", lexed.bare.get(no, ""))), None)
            if throw is not None:
                yield Hit(throw, None, message=(
                    f"`{method.name}` is `@Transactional` without `rollbackFor`, and this throws `{thrown}`, "
                    "which its `throws` clause declares (Java asks that only of checked exceptions): Spring "
                    "does not roll back on a checked exception, so the writes made before this line commit. "
                    f"Add `rollbackFor = {thrown}.class` or make the exception unchecked."))
            continue
        top = method.block.first - method.declaration.count("\n")
        line = next((no for no in range(method.block.first, top - 1, -1)
                     if "throws" in lexed.bare.get(no, "")), method.block.first)
        # From the annotation, where `rollbackFor` goes, to the `throws` clause.
        first = _annotation_line(lexed, method)
        start = first if first is not None and first < line else line
        yield Hit(start, line if line > start else None, message=(
            f"`{method.name}` is `@Transactional` without `rollbackFor` and declares `throws "
            f"{thrown}`: if that exception is thrown after a write, Spring commits the "
            f"writes made so far. Add `rollbackFor = Exception.class` or throw an unchecked exception."))
