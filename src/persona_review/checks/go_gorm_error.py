"""Go (GORM): a write whose error nobody reads.

    return db.Transaction(func(tx *gorm.DB) error {
        ...
        tx.Model(&Account{}).Where("id = ?", id).
            Update("balance", gorm.Expr("balance + ?", amount))    // failure ignored: the tx commits
        return nil
    })

GORM's chain methods return `*gorm.DB`, not an `error`: a failed `Create`, `Save`, `Update` or `Delete`
only sets the result's `Error` field. A statement that runs one and drops the result never learns
that the write failed (a constraint, a deadlock, a lost connection): the caller reports success, and inside
`Transaction` the callback returns nil, so the rest of the work commits without this write.

Reported on a statement of its own (not assigned, returned, or read with `.Error`) whose chain starts at a
GORM handle (`db`, `tx`, `s.db`, `r.DB`, ...) and ends in a write method, in a file that imports GORM.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import statement_span
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_IMPORTS_GORM = lazy_re(r"\"(?:gorm\.io/gorm|github\.com/jinzhu/gorm)\"|\bgorm\.[A-Z]\w*")
_HANDLE = r"(?:(?:[a-z]\w*\.)?(?:db|DB|tx|Tx|gdb|gormDB|orm|conn|database))"
_STATEMENT = lazy_re(rf"^\s*(?P<handle>{_HANDLE})\s*\.\s*[A-Z]\w*\s*\(")
"""A statement that starts with a call on a GORM handle: `tx.Model(...)`, `s.db.Create(...)`."""
_WRITES = lazy_re(
    r"\.\s*(?P<method>Create|CreateInBatches|Save|Update|Updates|UpdateColumn|UpdateColumns|Delete|"
    r"FirstOrCreate)\s*\(")
"""Write methods. `Exec` is left to GO-ERR-UNCHECKED, which already reads a dropped `Exec` result."""
_ERROR_READ = lazy_re(r"\)\s*\.\s*(?:Error|RowsAffected)\b")


@register(
    CheckSpec(
        id="GO-GORM-ERROR-IGNORED",
        checklist_item="ERR-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="GORM write whose `.Error` is never read: a failed write passes for success",
        explanation=(
            "GORM reports a failed write only in the result's `Error` field, so a statement that drops the "
            "result carries on as if the row was written; inside `db.Transaction` the callback returns nil "
            "and the other writes commit without this one. Check it: `if err := tx.Model(...).Update(...)"
            ".Error; err != nil { return err }`."
        ),
    ),
    needs=("gorm",),
)
def gorm_error_ignored(ctx: FileContext) -> Iterator[Hit]:
    if not _IMPORTS_GORM.search(ctx.known_text()):
        return
    lexed = lex(ctx)
    for no, bare in sorted(lexed.bare.items()):
        start = _STATEMENT.match(bare)
        if start is None:
            continue
        previous = lexed.bare.get(no - 1, "").rstrip()
        if previous.endswith((".", ",", "(", "=", "&&", "||")):
            continue  # the line continues an expression that started above
        span = statement_span(lexed, no)
        if not any(n in ctx.added for n in range(span.first, span.last + 1)):
            continue
        writes = list(_WRITES.finditer(span.bare))
        if not writes or _ERROR_READ.search(span.bare[writes[-1].end():]):
            continue
        following = lexed.bare.get(span.last + 1, "").lstrip()
        if following.startswith("."):
            continue  # the chain goes on past the span (read later)
        method = writes[-1].group("method")
        yield Hit(no, span.last, (
            f"`{start.group('handle')}....{method}(...)` drops GORM's result, and with it `.Error`: if the "
            "write fails, nothing here notices and the code carries on as if it succeeded. Check `.Error` "
            "and return it."))
