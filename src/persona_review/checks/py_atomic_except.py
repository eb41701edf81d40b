"""Python (Django): a database error caught and swallowed inside `with transaction.atomic():`.

    with transaction.atomic():
        order.save()
        try:
            Invoice.objects.create(order=order, number=number)
        except IntegrityError:
            logger.warning("duplicate invoice %s", number)     # the block goes on and commits the order
        order.lines.update(invoiced=True)                      # TransactionManagementError

On Postgres a failed query aborts the whole transaction: every later query in the block raises
`TransactionManagementError`, and if there is none the block commits the work done before the failure
without the part that failed. Django's answer is a savepoint: wrap the statement that may fail in its own
`with transaction.atomic():` inside the `try`. Reported from the `try` to the `except`, for a `try`
directly in an atomic block whose body writes to the database (`save`, `create`, `update`, `delete`,
`execute`, ...), when the handler catches database errors (`IntegrityError`, `DatabaseError` and its
kin, `Exception`, a bare `except`) and does not raise, and the `try` has no atomic block of its own.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from persona_review.checks._py_functions import caught_names
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity

_ATOMIC = frozenset({"transaction.atomic", "atomic", "django.db.transaction.atomic", "db.transaction.atomic"})
_DB_ERRORS = frozenset({
    "IntegrityError", "DatabaseError", "OperationalError", "DataError", "ProgrammingError", "InternalError",
    "Exception", "BaseException",
})
_WRITES = frozenset({
    "save", "create", "bulk_create", "bulk_update", "update", "delete", "execute", "executemany", "raw",
})
"""Writes that run their SQL in the enclosing transaction. `get_or_create` and `update_or_create` are not
among them: they create under a savepoint of their own, so their IntegrityError leaves the transaction
usable."""


@register(
    CheckSpec(
        id="PY-EXCEPT-IN-ATOMIC",
        checklist_item="ERR-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python"}),
        title="Database error swallowed inside `transaction.atomic()`",
        explanation=(
            "A failed query aborts the transaction: later queries in the block raise "
            "TransactionManagementError, or the block commits the work done before the failure without the "
            "part that failed. Wrap the statement that may fail in its own `with transaction.atomic():` "
            "inside the `try` (a savepoint), or let the error leave the atomic block."
        ),
    ),
    needs=("atomic",),
)
def except_in_atomic(ctx: FileContext) -> Iterator[Hit]:
    seen: set[int] = set()
    for flow in flows(ctx):
        for node in ast.walk(flow.tree):
            if not isinstance(node, ast.With | ast.AsyncWith) or not any(_is_atomic(i.context_expr)
                                                                         for i in node.items):
                continue
            for tried, handler in _swallowing_handlers(node.body):
                line = handler.lineno + flow.offset
                if line not in seen:
                    seen.add(line)
                    caught = ast.unparse(handler.type) if handler.type is not None else "everything"
                    # From the `try` whose write fails to the `except` that swallows it.
                    yield Hit(tried.lineno + flow.offset, line, (
                        f"`except {caught}` inside `transaction.atomic()` swallows a failed write: the "
                        "transaction is aborted, so later queries in the block fail, or the block commits "
                        "the work before the failure without the part that failed. Wrap the write in its "
                        "own `with transaction.atomic():` inside the `try`."))


def _is_atomic(expr: ast.expr) -> bool:
    target = expr.func if isinstance(expr, ast.Call) else expr
    return dotted(target) in _ATOMIC


def _swallowing_handlers(body: list[ast.stmt]) -> Iterator[tuple[ast.Try, ast.ExceptHandler]]:
    """Handlers of the `try` statements of the atomic block (at any depth of its own statements, not in
    nested functions, classes or atomic blocks) that catch database errors around a write and do not raise."""
    todo = list(body)
    while todo:
        stmt = todo.pop(0)
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        if isinstance(stmt, ast.With | ast.AsyncWith) and any(_is_atomic(i.context_expr) for i in stmt.items):
            continue  # a savepoint of its own
        if isinstance(stmt, ast.Try) and _writes(stmt.body) and not _has_savepoint(stmt.body):
            for handler in stmt.handlers:
                raises = any(isinstance(n, ast.Raise) for n in ast.walk(handler))
                if _catches_db_errors(handler) and not raises and not _no_rows_updated(stmt.body, handler):
                    yield stmt, handler
        for field in ("body", "orelse", "finalbody"):
            todo.extend(getattr(stmt, field, []) or [])
        if isinstance(stmt, ast.Try):
            for handler in stmt.handlers:
                todo.extend(handler.body)


def _writes(body: list[ast.stmt]) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _WRITES
               for stmt in body for n in ast.walk(stmt))


def _has_savepoint(body: list[ast.stmt]) -> bool:
    return any(isinstance(n, ast.With | ast.AsyncWith) and any(_is_atomic(i.context_expr) for i in n.items)
               for stmt in body for n in ast.walk(stmt))


def _no_rows_updated(body: list[ast.stmt], handler: ast.ExceptHandler) -> bool:
    """`except DatabaseError` around `save(update_fields=...)`: Django raises that error itself, with no
    failed query, when the row is gone; the transaction is not aborted."""
    if handler.type is None or dotted(handler.type).rsplit(".", 1)[-1] != "DatabaseError":
        return False
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "save"
               and any(k.arg == "update_fields" for k in n.keywords) for stmt in body for n in ast.walk(stmt))


def _catches_db_errors(handler: ast.ExceptHandler) -> bool:
    return bool(caught_names(handler) & _DB_ERRORS)  # a bare `except:` catches BaseException
