"""Java: a JDBC transaction whose failure path never rolls back.

    conn.setAutoCommit(false);
    debit.executeUpdate();      // throws: the transaction stays open on a pooled connection
    credit.executeUpdate();
    conn.commit();

Reported: in a method known whole, `c.setAutoCommit(false)` and, after some calls, `c.commit()` with no
`c.rollback()`
anywhere in the method and `c` handed to no other method (a helper may roll back): any exception between
them returns the connection to its pool mid-transaction, with its locks held, and the next borrower
commits or inherits the half-done work. The finding spans to the `catch` right after `commit()` (the
handler that should roll back) when it is close.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._java_methods import method_block
from persona_review.checks._lexing import lex
from persona_review.checks._spans import reaches
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_CATCH = lazy_re(r"\bcatch\s*\(")
_MANUAL = lazy_re(r"(?<![\w$.])(?P<conn>[A-Za-z_$][\w$.]*)\.setAutoCommit\s*\(\s*false\s*\)")


@register(
    CheckSpec(
        id="JAVA-TX-NO-ROLLBACK",
        checklist_item="ERR-06",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="Manual transaction without rollback on failure",
        explanation=(
            "With auto-commit off, an exception before `commit()` leaves the transaction open: a pooled "
            "connection goes back to the pool mid-transaction with its locks held, and the next user of it "
            "commits or inherits the half-done work. Roll back in a `catch` (and restore auto-commit in "
            "`finally`), or let the framework manage the transaction (`@Transactional`)."
        ),
    ),
    needs=("setAutoCommit",),
)
def tx_no_rollback(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, bare in sorted(lexed.bare.items()):
        if "setAutoCommit" not in bare:
            continue
        manual = _MANUAL.search(bare)
        if manual is None:
            continue
        block = method_block(ctx, no)
        if block is None:
            continue  # the method is not known whole
        conn = re.escape(manual.group("conn"))
        body = "\n".join(lexed.bare.get(line, "") for line in range(block.first, block.last + 1))
        if re.search(rf"(?<![\w$.]){conn}\.rollback\s*\(", body) or not re.search(
            rf"(?<![\w$.]){conn}\.commit\s*\(", body
        ):
            continue
        if re.search(rf"[(,]\s*{conn}\s*[,)]", body):
            continue  # handed to a helper, which may roll back
        commit = next((line for line in range(no, block.last + 1)
                       if re.search(rf"(?<![\w$.]){conn}\.commit\s*\(", lexed.bare.get(line, ""))), None)
        if commit is None or not any("(" in lexed.bare.get(line, "") for line in range(no + 1, commit)):
            continue  # no work between the two that could fail
        # From `setAutoCommit(false)` to the `catch` right after `commit()` (the handler that should roll
        # back), when both are close and the start is the change's own.
        catch = next((line for line in range(commit + 1, min(commit + 4, block.last + 1))
                      if _CATCH.search(lexed.bare.get(line, ""))), None)
        end = catch if catch is not None and reaches(ctx, no, catch) else None
        yield Hit(no, end, message=(
            f"`{manual.group('conn')}.commit()` is reached only if nothing throws, and nothing calls "
            f"`{manual.group('conn')}.rollback()` when something does."))
