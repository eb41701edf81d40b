"""Django: a `select_for_update()` queryset evaluated outside `transaction.atomic`.

    def redeem(code: str, user: User) -> None:
        voucher = Voucher.objects.select_for_update().get(code=code)   # no transaction here
        if voucher.used >= voucher.limit:
            raise VoucherExhausted(code)
        voucher.used += 1
        voucher.save(update_fields=["used"])

In autocommit (Django's default) there is no transaction to hold the row lock, so Django refuses to run the
query: `TransactionManagementError: select_for_update cannot be used outside of a transaction`, a 500 on
every call (tests that run inside a transaction, like `TestCase`, do not show it). Where the request is
wrapped (`ATOMIC_REQUESTS`), the same helper called from a Celery task or a management command fails.
Even where it runs, the lock would protect nothing: the read-modify-write below it is not in one
transaction. The fix is `with transaction.atomic():` around the locked read and the write.

Reported, on the `select_for_update` line: a queryset with `.select_for_update(` evaluated in its own
statement (`.get(`, `.first()`, `.last()`, `.get_or_create(`, `.exists()`, `list(...)`, a `for` loop over
it) or assigned to a name that the function evaluates further down (`for order in locked:`), in a
function known from its `def` with no `with ... atomic(...)` around it and no `@atomic` on it, which then
writes (`.save(`, `.update(`, `.delete(`, `.create(`, `.bulk_update(`) below it. Views are left alone
(`ATOMIC_REQUESTS` may wrap them): a function whose first parameter is `request` (or `self, request`),
and methods of a `...View`/`ViewSet`/`Mutation`/`Serializer`/`Resource`/`Mixin` class.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import enclosing_headers, indent_of, python_block, statement_span
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_LOCK = lazy_re(r"\.select_for_update\s*\(")
_EVALUATED = lazy_re(
    r"\.select_for_update\s*\((?:[^()]|\([^()]*\))*\)(?:\s*\.\s*\w+\s*\((?:[^()]|\([^()]*\))*\))*?\s*\.\s*"
    r"(?:get|first|last|get_or_create|update_or_create|earliest|latest|exists|in_bulk)\s*\("
)
_ITERATED = lazy_re(r"^\s*(?:async\s+)?for\b.*\bin\b|\blist\s*\(")
_TX_WITH = lazy_re(r"^\s*(?:async\s+)?with\b.*\batomic\b|^\s*(?:async\s+)?with\b.*\.begin(?:_nested)?\s*\(")
_DEF = lazy_re(r"^\s*(?:async\s+)?def\s+\w+\s*\((?P<params>[^)]*)")
_CLASS = lazy_re(r"^\s*class\b")
_ATOMIC_DECORATOR = lazy_re(r"^\s*@(?:\w+\.)*atomic\b|^\s*@\w*transaction\w*\b")
_VIEW_PARAMS = lazy_re(r"^\s*(?:self\s*,\s*|cls\s*,\s*)?request\b")
_VIEW_CLASS = lazy_re(r"^\s*class\b[^:]*(?:View|ViewSet|Mutation|Serializer|Resource|Mixin)\b")
_ASSIGNED = lazy_re(r"^\s*(?P<name>[A-Za-z_]\w*)\s*=\s*[\w.]+\.select_for_update\s*\(")
_WRITE = lazy_re(r"\.(?:save|update|delete|create|bulk_update|bulk_create)\s*\(")


@register(
    CheckSpec(
        id="PY-LOCK-OUTSIDE-TX",
        checklist_item="DATA-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python"}),
        title="`select_for_update()` evaluated outside a transaction",
        explanation=(
            "In autocommit Django refuses a `select_for_update()` query (`TransactionManagementError: "
            "select_for_update cannot be used outside of a transaction`), so the code path fails every time "
            "outside a test transaction; and a row lock with no transaction would protect nothing. Wrap the "
            "locked read and the writes that depend on it in `with transaction.atomic():`."
        ),
    ),
    needs=("select_for_update",),
)
def lock_outside_tx(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no in sorted(ctx.added):
        bare = lexed.bare.get(no, "")
        if "select_for_update" not in bare or _LOCK.search(bare) is None:
            continue
        span = statement_span(lexed, no)
        flat = re.sub(r"\s+", " ", span.bare)
        evaluated = _EVALUATED.search(flat) is not None or _ITERATED.search(bare) is not None
        func = _function_outside_tx(lexed, no)
        if func is None:
            continue
        if not evaluated and not _evaluated_later(lexed, func, no, span.last):
            continue
        if not _writes_after(lexed, func, span.last):
            continue
        yield Hit(no, message=(
            "This `select_for_update()` query runs outside any transaction (no `transaction.atomic` around "
            f"it, none on the function on line {func}): Django raises `TransactionManagementError` for it in "
            "autocommit, and the row lock could not cover the write below anyway. Wrap the locked read and "
            "the write in `with transaction.atomic():`."
        ))


def _function_outside_tx(lexed: Lexed, no: int) -> int | None:
    """The `def` line of the function around `no` when neither an atomic block nor an atomic decorator
    covers `no`, and the function is not a view; None otherwise (or when the function is not in view)."""
    for header, text in enclosing_headers(lexed, no):
        if _TX_WITH.match(text):
            return None
        if _CLASS.match(text):
            return None
        found = _DEF.match(text)
        if found is None:
            continue
        if _VIEW_PARAMS.match(found.group("params")):
            return None  # a view: `ATOMIC_REQUESTS` may wrap it
        above = header - 1
        while above in lexed.bare and lexed.bare[above].lstrip().startswith("@"):
            if _ATOMIC_DECORATOR.match(lexed.bare[above]):
                return None
            above -= 1
        if above not in lexed.bare and not (lexed.whole_file and above < 1):
            return None  # the decorators above the `def` are not in view
        if any(_VIEW_CLASS.match(outer) for _line, outer in enclosing_headers(lexed, header)):
            return None  # a method of a view, viewset or GraphQL mutation: the request may be atomic
        return header
    return None


def _evaluated_later(lexed: Lexed, func: int, no: int, last: int) -> bool:
    """Is the locked queryset assigned on line `no` (`qs = X.objects.select_for_update()...`) evaluated
    further down its function: iterated, `list(qs)`, `qs.get(`/`first()`/..., or `qs[0]`?"""
    assigned = _ASSIGNED.match(lexed.bare[no])
    if assigned is None:
        return False
    name = re.escape(assigned.group("name"))
    used = re.compile(
        rf"^\s*(?:async\s+)?for\b.*\bin\s+{name}\b|\blist\s*\(\s*{name}\s*\)|(?<![\w.]){name}\s*\["
        rf"|(?<![\w.]){name}\.(?:get|first|last|get_or_create|update_or_create|earliest|latest|exists|in_bulk)\s*\("
    )
    base = indent_of(lexed.bare[func])
    for line in python_block(lexed, func):
        text = lexed.bare[line]
        if line > last and indent_of(text) > base and used.search(text):
            return True
    return False


def _writes_after(lexed: Lexed, func: int, after: int) -> bool:
    """Does the function whose `def` is on `func` write through the ORM below line `after`?"""
    body = python_block(lexed, func)
    base = indent_of(lexed.bare[func])
    return any(no > after and indent_of(lexed.bare[no]) > base and _WRITE.search(lexed.bare[no])
               for no in body)
