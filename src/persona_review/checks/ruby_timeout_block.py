"""Ruby: `Timeout.timeout` wrapped around database writes or a transaction.

    Timeout.timeout(5) do
      Ledger.transaction do
        debit.save!
        credit.save!
      end
    end

`Timeout.timeout` stops its block by raising in the block's thread at whatever instruction it has
reached: between a write and the next, inside the connection's protocol, inside `ensure` clauses that
were about to release a lock or give a connection back. The transaction may roll back or may already be
committing; the database connection can be returned to the pool mid-response and fail the next request
that takes it. The Ruby and Rails maintainers advise against it for this reason. Reported on the
`Timeout.timeout` call when its block (as far as the diff shows it) runs a transaction, a row lock or an
Active Record write; a timeout belongs in the database (`statement_timeout`, `lock_timeout`) or the
client's own options.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._ruby import file_nodes, method_name, receiver, ruby_check, short, text, walk
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node

_TIMEOUT_OWNERS = frozenset({"Timeout", "::Timeout"})
_DATABASE_WORK = frozenset({
    "transaction", "with_lock", "lock!", "save", "save!", "update", "update!", "update_column",
    "update_columns", "update_all", "create", "create!", "destroy", "destroy!", "destroy_all", "delete_all",
    "insert_all",
    "upsert_all", "increment!", "decrement!", "toggle!", "touch", "execute", "exec_query",
})


@ruby_check(
    "RB-TIMEOUT-AROUND-DB", "ERR-05", Category.ERROR_HANDLING, Severity.HIGH,
    title="`Timeout.timeout` around database work can stop it half-way and poison the connection",
    explanation=(
        "`Timeout.timeout` raises inside the block at any point: between two writes, inside a commit, "
        "inside the code that gives the connection back. Half the work can be saved and the connection "
        "returned to the pool in a broken state. Bound the work in the database instead "
        "(`statement_timeout`, `lock_timeout`) or with the client's own timeout options."
    ),
    needs=r"Timeout",
)
def timeout_around_database(ctx: FileContext) -> Iterator[Hit]:
    seen: set[int] = set()
    for tree, node in file_nodes(ctx):
        if node.type != "call" or method_name(node) != "timeout":
            continue
        owner = receiver(node)
        if owner is None or text(owner) not in _TIMEOUT_OWNERS:
            continue
        seen.add(tree.line(node))
        block = node.child_by_field_name("block")
        work = short(text(found), 40) if block is not None and (found := _database_call(block)) else None
        if block is None:
            work = _database_line_below(ctx, tree.line(node))  # a hunk that ends inside the block
        if work is None:
            continue
        yield tree.hit(node, _message(work))
    for number, code in ctx.lines.items():  # a call the parse of a cut-off hunk did not make a node of
        if number not in seen and _TIMEOUT_CALL.search(code) and (work := _database_line_below(ctx, number)):
            yield Hit(number, None, _message(work))


def _message(work: str) -> str:
    return (
        f"`Timeout.timeout` around `{work}`: the timeout raises wherever the block has got to, so the "
        "database work can stop half-way (part of it committed) and the connection go back to the pool "
        "mid-response. Set `statement_timeout`/`lock_timeout` in the database instead."
    )


_TIMEOUT_CALL = lazy_re(r"(?<![\w:])(?:::)?Timeout\.timeout\b")
_OPENS_BLOCK = lazy_re(r"(?:\bdo|\{)\s*(?:\|[^|]*\|)?\s*(?:#.*)?$")
_DATABASE_NAMES = "|".join(re.escape(name) for name in sorted(_DATABASE_WORK, key=len, reverse=True))
_DATABASE_CALL = lazy_re(rf"[\w)\]]\.(?:{_DATABASE_NAMES})(?![\w!?])")


def _database_line_below(ctx: FileContext, line: int) -> str | None:
    """When the parse lost the block (the hunk stops inside it), the first database call on the lines
    indented below a `Timeout.timeout ... do` line, as far as the known lines go."""
    head = ctx.lines.get(line, "")
    if not _OPENS_BLOCK.search(head):
        return None
    indent = len(head) - len(head.lstrip())
    number = line + 1
    while number in ctx.lines:
        code = ctx.lines[number]
        if code.strip():
            if len(code) - len(code.lstrip()) <= indent:
                return None
            found = _DATABASE_CALL.search(code)
            if found:
                return short(code.strip(), 40)
        number += 1
    return None


def _database_call(block: Node) -> Node | None:
    """The first transaction, lock or Active Record write inside the block, in source order."""
    found = [
        n for n in walk(block)
        if n.type == "call" and method_name(n) in _DATABASE_WORK and receiver(n) is not None
    ]
    return min(found, key=lambda n: n.start_byte) if found else None
