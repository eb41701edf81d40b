"""Ruby: `Timeout.timeout` with a block, in application code.

    Timeout.timeout(5) do
      Ledger.transaction do
        debit.save!
        credit.save!
      end
    end

`Timeout.timeout` stops its block by raising in the block's thread at whatever instruction it has
reached: between a write and the next, inside a database or HTTP client's protocol, inside the `ensure`
clauses that were about to release a lock or give a connection back. A transaction may be left half-way,
a pooled connection returned mid-response (to fail the next request that takes it), a mutex never
unlocked. The Ruby and Rails maintainers advise against it for this reason: the work should be bounded
where it blocks (`statement_timeout`/`lock_timeout` in the database, a client's own `open_timeout` and
`read_timeout`).

Reported on the `Timeout.timeout` call when it has a block of its own in application code (not specs,
tests or scripts); when the block, as far as the diff shows it, runs a transaction, a row lock or an
Active Record write, the message names it. A block passed through (`Timeout.timeout(n, &)`) is left alone:
what it wraps is not in view.
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
    "insert_all", "upsert_all", "increment!", "decrement!", "toggle!", "touch", "execute", "exec_query",
})
_NOT_APP = lazy_re(
    r"(?:^|/)(?:spec|test|tests|testing_support|examples?|scripts?|bin)/|_spec\.rb$|_test\.rb$"
)


@ruby_check(
    "RB-TIMEOUT-BLOCK", "ERR-05", Category.ERROR_HANDLING, Severity.MEDIUM,
    title="`Timeout.timeout` can interrupt its block anywhere: database work and connections left half-done",
    explanation=(
        "`Timeout.timeout` raises inside the block at whatever point it has reached: between two writes, "
        "inside a commit, inside the code that gives a connection back or unlocks a mutex. Part of the work "
        "can be saved and a connection returned to the pool in a broken state. Bound the work where it "
        "waits instead: `statement_timeout`/`lock_timeout` in the database, the HTTP client's own "
        "`open_timeout`/`read_timeout`."
    ),
    needs=r"Timeout",
)
def timeout_block(ctx: FileContext) -> Iterator[Hit]:
    if _NOT_APP.search(ctx.path):
        return
    seen: set[int] = set()
    for tree, node in file_nodes(ctx):
        if node.type != "call" or method_name(node) != "timeout":
            continue
        owner = receiver(node)
        if owner is None or text(owner) not in _TIMEOUT_OWNERS:
            continue
        seen.add(tree.line(node))
        block = node.child_by_field_name("block")
        if block is not None:
            found = _database_call(block)
            inside = [c for c in walk(block) if c.type == "call"]
            shown = found or (min(inside, key=lambda c: c.start_byte) if inside else None)
            yield tree.hit(node, _message(short(text(shown), 40) if shown is not None else "its block",
                                          database=found is not None))
        elif _OPENS_BLOCK.search(ctx.lines.get(tree.line(node), "")):  # a hunk that ends inside the block
            yield tree.hit(node, _message_below(ctx, tree.line(node)))
    for number, code in ctx.lines.items():  # a call the parse of a cut-off hunk did not make a node of
        if number not in seen and _TIMEOUT_CALL.search(code) and _OPENS_BLOCK.search(code):
            yield Hit(number, None, _message_below(ctx, number))


def _message_below(ctx: FileContext, line: int) -> str:
    work = _database_line_below(ctx, line)
    if work is not None:
        return _message(work, database=True)
    below = ctx.lines.get(line + 1, "").strip()
    return _message(short(below, 40) if below else "its block", database=False)


def _message(work: str, *, database: bool) -> str:
    if database:
        return (
            f"`Timeout.timeout` around `{work}`: the timeout raises wherever the block has got to, so the "
            "database work can stop half-way (part of it committed) and the connection go back to the pool "
            "mid-response. Set `statement_timeout`/`lock_timeout` in the database instead."
        )
    return (
        f"`Timeout.timeout` around `{work}` raises wherever the block has got to: inside a database or HTTP "
        "call, a commit, or the `ensure` that returns a connection or unlocks a mutex, leaving them "
        "half-done. Bound the slow call itself (`statement_timeout`, the HTTP client's "
        "`open_timeout`/`read_timeout`)."
    )


_TIMEOUT_CALL = lazy_re(r"(?<![\w:])(?:::)?Timeout\.timeout\b")
_OPENS_BLOCK = lazy_re(r"(?:\bdo|\{)\s*(?:\|[^|]*\|)?\s*(?:#.*)?$|\{.*\}\s*$")
_DATABASE_NAMES = "|".join(  # longest first, in one order whatever the set's
    re.escape(name) for name in sorted(_DATABASE_WORK, key=lambda name: (-len(name), name))
)
_DATABASE_CALL = lazy_re(rf"[\w)\]]\.(?:{_DATABASE_NAMES})(?![\w!?])")


def _database_line_below(ctx: FileContext, line: int) -> str | None:
    """When the parse lost the block (the hunk stops inside it), the first database call on the lines
    indented below a `Timeout.timeout ... do` line, as far as the known lines go."""
    head = ctx.lines.get(line, "")
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
