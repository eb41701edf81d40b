"""A side effect that cannot be rolled back, started inside a database transaction.

    with transaction.atomic():
        order = Order.objects.create(...)
        send_receipt.delay(order.id)      # the worker may run before the commit (no row yet),
                                          # and the job stays queued if the transaction rolls back

A queued job, an email, an outbound HTTP call, a broker publish or a payment-provider call made before the
transaction commits escapes it: on rollback the effect has happened anyway (a receipt for an order that
does not exist, a charge with no record), and a worker can pick the job up before the commit and not find
the row. The fix is to run it after the commit: `transaction.on_commit`, `after_commit`,
`@TransactionalEventListener`/`TransactionSynchronization.afterCommit`, or an outbox row written in the
same transaction.

Transactions recognised (the side-effect calls are listed in `_outside_effects`):
- Python: `with transaction.atomic(...)`, `with <x>.begin()`/`begin_nested()` (SQLAlchemy), and a function
  decorated `@transaction.atomic`/`@atomic`; quiet inside `on_commit(...)` and in nested functions.
- Ruby: `X.transaction do`, `transaction do`, `record.with_lock do`; quiet in `after_commit` blocks and
  nested `def`s.
- Java: a method annotated `@Transactional` (not read-only, not NOT_SUPPORTED/NEVER/SUPPORTS), or a
  class annotated so; a `transactionTemplate.execute(...)` lambda; quiet inside an `afterCommit` body.
- JavaScript/TypeScript: the callback of `prisma.$transaction(...)`, `sequelize/knex/dataSource/db
  .transaction(...)`, and between `const t = await x.transaction()` and `t.commit()`; quiet in
  `afterCommit` callbacks and timers.
- Go: between `tx, err := x.Begin/BeginTx/Beginx(...)` and `tx.Commit()`, and in the callback of
  `x.Transaction(func(tx ...)`, `RunInTx`, `WithTx`; quiet in a `go` or deferred closure.
The finding is on the call.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from persona_review.checks._blocks import blocks_of
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._outside_effects import FAMILIES, outside_effect
from persona_review.checks._spans import enclosing_headers, indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_PY_WITH = lazy_re(
    r"^\s*(?:async\s+)?with\b.*(?:\b(?:transaction\.)?atomic\b|\.begin(?:_nested)?\s*\(\s*\))"
)
_PY_DECORATOR = lazy_re(r"^\s*@(?:transaction\.|db\.)?atomic\b")
_PY_FUNC = lazy_re(r"^\s*(?:async\s+)?(?:def|class)\b|\blambda\b")
_PY_DEFERRED = lazy_re(r"\bon_commit\s*\(")

_RB_TX = lazy_re(r"^\s*(?:[\w:@.()]+\.)?(?:transaction|with_lock)\b[^{]*\bdo\b(?:\s*\|[^|]*\|)?\s*$")
_RB_DEF = lazy_re(r"^\s*def\b")
_RB_DEFERRED = lazy_re(r"\b(?:after_commit|after_transaction|run_after_commit|after_transaction_commit)\b")

_JAVA_TX = lazy_re(r"@Transactional\b(?P<args>\s*\([^)]*\))?")
_JAVA_NOT_TX = lazy_re(
    r"readOnly\s*=\s*true|Propagation\.(?:NOT_SUPPORTED|NEVER|SUPPORTS)|\b(?:NOT_SUPPORTED|NEVER)\b"
)
_JAVA_TEMPLATE = lazy_re(r"\b\w*[tT]ransactionTemplate\.execute(?:WithoutResult)?\s*\(")
_JAVA_CLASS = lazy_re(r"\b(?:class|interface|enum|record)\s+\w+")
_JAVA_METHOD = lazy_re(r"\b[A-Za-z_$][\w$]*\s*\([^;{}]*\)\s*(?:throws\s+[\w.$,\s]+)?$")
_JAVA_CONTROL = lazy_re(r"^\s*(?:\}\s*)?(?:if|else|for|while|do|switch|catch|try|finally|synchronized)\b")

_JS_TX = lazy_re(r"(?:\$transaction|\.transaction)\s*\((?:[^()]|\([^()]*\))*(?:=>|\bfunction\b)")
_JS_BEGIN = lazy_re(r"^\s*(?:const|let|var)\s+(?P<tx>\w+)\s*=\s*await\s+[\w.]+\.transaction\s*\(\s*\)")

_GO_BEGIN = lazy_re(
    r"^\s*(?P<tx>[A-Za-z_]\w*)\s*,\s*\w+\s*:?=\s*[\w.()]*\.(?:Begin|BeginTx|Beginx|BeginTxx|MustBegin)\s*\("
)
_GO_TX_CALLBACK = lazy_re(
    r"\.(?:Transaction|RunInTx|RunInTransaction|WithTx|WithTransaction|InTx|InTransaction|ExecTx)\s*\(.*\bfunc\s*\("
)
_GO_FUNC = lazy_re(r"\bfunc\b")
_GO_ASYNC = lazy_re(r"^\s*(?:go|defer)\s+func\b")

_DEFERRED_BLOCK = lazy_re(
    r"\bafterCommit\b|\bregisterSynchronization\b|\bsetTimeout\b|\bsetImmediate\b|\bnextTick\b"
)
_DECLARATION = lazy_re(r"^\s*(?:func\b|(?:export\s+)?(?:async\s+)?function\b)")
_LOOK_UP = 200
"""How far above a call a Begin (JS/Go) is looked for."""

_FIXES = {
    "python": "`transaction.on_commit(lambda: ...)` (Django) or an outbox row",
    "ruby": "an `after_commit` callback (or `ActiveRecord.after_all_transactions_commit`) or an outbox row",
    "java": "a `@TransactionalEventListener(phase = AFTER_COMMIT)` or "
            "`TransactionSynchronization.afterCommit`, or an outbox row",
    "javascript": "code after the transaction resolves (or an outbox row written in it)",
    "typescript": "code after the transaction resolves (or an outbox row written in it)",
    "go": "code after `Commit` succeeds (or an outbox row written in the transaction)",
}


@register(
    CheckSpec(
        id="ANY-SIDE-EFFECT-IN-TX",
        checklist_item="DATA-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"python", "ruby", "java", "javascript", "typescript", "go"}),
        title="Side effect that cannot be rolled back, inside a database transaction",
        explanation=(
            "A job queued, an email sent, an HTTP call or a broker publish made inside a transaction is not "
            "undone when the transaction rolls back, and a worker can run the job before the commit and not "
            "find the row. Run it after the commit (on_commit / after_commit / an AFTER_COMMIT event "
            "listener), or write an outbox row in the transaction and send from that."
        ),
    ),
    needs=("atomic", "begin", "transaction", "Transaction", "with_lock", "Begin", "RunInTx", "WithTx",
           "InTx"),
)
def side_effect_in_tx(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no in sorted(ctx.added):
        bare = lexed.bare.get(no)
        if not bare:
            continue
        effect = outside_effect(ctx.language, bare)
        if effect is None:
            continue
        opened = _transaction_line(ctx, lexed, no)
        if opened is None:
            continue
        family, call = effect
        yield Hit(no, message=(
            f"`{call}(...)` {FAMILIES[family]} inside the transaction opened on line {opened}: if the "
            "transaction rolls back, this has happened anyway"
            + (", and the worker can run before the commit and not find the row" if family == "job" else "")
            + (" (and the transaction holds its locks while it waits)" if family == "http" else "")
            + f". Run it after the commit: {_FIXES[ctx.language]}."
        ))


def _transaction_line(ctx: FileContext, lexed: Lexed, no: int) -> int | None:
    """The line that opens the transaction `no` runs in, or None when it runs in none (or deferred)."""
    language = ctx.language
    if language == "python":
        return _python_tx(lexed, no)
    if language == "ruby":
        return _ruby_tx(lexed, no)
    if language == "java":
        return _java_tx(ctx, lexed, no)
    if language in {"javascript", "typescript"}:
        return _js_tx(ctx, lexed, no)
    if language == "go":
        return _go_tx(ctx, lexed, no)
    return None


def _python_tx(lexed: Lexed, no: int) -> int | None:
    if _PY_DEFERRED.search(lexed.bare[no]) or "lambda" in lexed.bare[no]:
        return None
    for header, text in enclosing_headers(lexed, no):
        if _PY_DEFERRED.search(text):
            return None  # an argument of `on_commit(` spread over lines, or a block inside it
        if _PY_WITH.match(text):
            return header
        if _PY_FUNC.search(text):
            return _decorated(lexed, header)
    return None


def _decorated(lexed: Lexed, header: int) -> int | None:
    """The `@transaction.atomic` decorator line of the `def` on `header`, if it has one."""
    no = header - 1
    while no in lexed.bare and lexed.bare[no].lstrip().startswith("@"):
        if _PY_DECORATOR.match(lexed.bare[no]):
            return no
        no -= 1
    return None


def _ruby_tx(lexed: Lexed, no: int) -> int | None:
    if _RB_DEFERRED.search(lexed.bare[no]):
        return None
    for header, text in enclosing_headers(lexed, no):
        if _RB_DEFERRED.search(text) or _RB_DEF.match(text):
            return None
        if _RB_TX.match(text):
            return header
    return None


def _java_tx(ctx: FileContext, lexed: Lexed, no: int) -> int | None:
    # every brace open around the call, closed in view or not (a hunk that cuts the method's end)
    for first, header in blocks_of(ctx).open_headers(no):
        before, _, own = header.rpartition("\n")
        if not own.strip():
            own = before
        if _DEFERRED_BLOCK.search(header):
            return None
        if _JAVA_TEMPLATE.search(header):
            return first
        if _JAVA_CONTROL.match(own) or own.rstrip().endswith("->"):
            continue
        if _JAVA_CLASS.search(own):
            return _java_annotated(lexed, first)
        if _JAVA_METHOD.search(own):
            method = _java_annotated(lexed, first)
            if method is not None:
                return method
            if re.search(r"\bpublic\b", own) and not re.search(r"\bstatic\b", own):
                continue  # a public method: the class may be @Transactional
            return None
    return None


def _java_annotated(lexed: Lexed, first: int) -> int | None:
    """The line of a `@Transactional` (that opens a read-write transaction) on the declaration whose body
    opens on `first`: its own line and the annotation lines above it."""
    for no in range(first, max(0, first - 12), -1):
        text = lexed.bare.get(no)
        if text is None:
            return None
        if no != first and re.search(r"[;}{]\s*$", text):
            return None  # the end of the previous member
        found = _JAVA_TX.search(text)
        if found is not None:
            args = found.group("args") or ""
            return None if _JAVA_NOT_TX.search(args) else no
    return None


def _js_tx(ctx: FileContext, lexed: Lexed, no: int) -> int | None:
    for block in blocks_of(ctx).enclosing(no):
        if _DEFERRED_BLOCK.search(block.header):
            return None
        if _JS_TX.search(block.header):
            return block.first
    return _begun(lexed, no, _JS_BEGIN, lambda tx: re.compile(rf"(?<![\w.]){tx}\.(?:commit|rollback)\s*\("))


def _go_tx(ctx: FileContext, lexed: Lexed, no: int) -> int | None:
    for block in blocks_of(ctx).enclosing(no):
        own = block.header.rpartition("\n")[2]
        if _GO_ASYNC.match(own) or _DEFERRED_BLOCK.search(block.header):
            return None
        if _GO_TX_CALLBACK.search(block.header):
            return block.first
        if _GO_FUNC.search(own) and not own.lstrip().startswith("func"):
            continue  # a function literal passed along (a loop body, a helper's callback): still in the tx
        if own.lstrip().startswith("func"):
            break  # the enclosing declared function
    return _begun(lexed, no, _GO_BEGIN, lambda tx: re.compile(rf"(?<![\w.]){tx}\.(?:Commit|Rollback)\s*\("))


def _begun(
    lexed: Lexed, no: int, begin: re.Pattern[str], ends: Callable[[str], re.Pattern[str]]
) -> int | None:
    """The line of a `Begin` above `no` (in the same function: no declaration between) whose transaction is
    neither committed nor rolled back between it and `no`, and is committed after `no`."""
    indent = indent_of(lexed.bare[no])
    for line in range(no - 1, max(0, no - _LOOK_UP), -1):
        text = lexed.bare.get(line)
        if text is None:
            return None
        if _DECLARATION.match(text) and indent_of(text) < indent:
            return None  # the enclosing function starts above: no Begin of its own
        started = begin.match(text)
        if started is None:
            continue
        end = ends(re.escape(started.group("tx")))
        if any(end.search(lexed.bare.get(between, "")) and not re.match(r"^\s*defer\b", lexed.bare[between])
               for between in range(line + 1, no)):
            return None
        later = range(no + 1, no + _LOOK_UP)
        committed = any(re.search(r"\.(?:Commit|commit)\s*\(", lexed.bare.get(after, "")) and end.search(
            lexed.bare.get(after, "")) for after in later)
        return line if committed else None
    return None
