"""Ruby: a `rescue` that catches the error inside a `transaction do ... end` block and does not raise again.

    Account.transaction do
      target.update!(balance_cents: target.balance_cents + source.balance_cents)
      source.destroy!
    rescue ActiveRecord::ActiveRecordError => e
      Rails.logger.error(e.message)       # the block ends normally: the transaction COMMITS
    end

Active Record rolls a transaction back only when an exception leaves its block. A rescue clause of the
block itself (or of a `begin` that is the whole block) catches the exception first, so the block returns
normally and everything that ran before the failure is committed: half a merge, a debit without its
credit. Reported on the rescue clause when its body never raises (`raise`, `raise ActiveRecord::Rollback`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._ruby import file_nodes, method_name, ruby_check, short, text, walk
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Category, Severity

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node

_TRANSACTIONS = frozenset({"transaction", "with_lock", "lock!"})
_RAISES = frozenset({"raise", "fail", "raise!"})


@ruby_check(
    "RB-RESCUE-IN-TRANSACTION", "ERR-04", Category.ERROR_HANDLING, Severity.HIGH,
    title="`rescue` inside a transaction block keeps the transaction from rolling back",
    explanation=(
        "A transaction rolls back only when an exception leaves its block. Rescuing it inside the block "
        "makes the block end normally, so the work done before the failure is committed: half the change "
        "is saved. Rescue outside the `transaction do ... end`, or raise again (`raise` or `raise "
        "ActiveRecord::Rollback`) after logging."
    ),
    needs=r"transaction|with_lock",
)
def rescue_in_transaction(ctx: FileContext) -> Iterator[Hit]:
    for tree, node in file_nodes(ctx):
        if node.type != "rescue":
            continue
        call = _transaction_of(node)
        if call is None or _raises(node):
            continue
        body = node.child_by_field_name("body")
        if body is None or not body.named_children:
            continue  # an empty rescue: RB-RESCUE-SWALLOW says it
        yield tree.hit(node, (
            f"`{short(text(node).split(chr(10), 1)[0], 50)}` catches the error inside "
            f"`{method_name(call)} do`: the block then ends normally and the transaction commits the work "
            "done before the failure. Rescue outside the block, or `raise` again after logging."))


def _transaction_of(rescue: Node) -> Node | None:
    """The `transaction`/`with_lock` call whose block this rescue clause belongs to: a clause of the block
    itself, or of a `begin` that is the block's only statement."""
    holder = rescue.parent
    if holder is not None and holder.type == "begin":
        body = holder.parent
        if body is None or body.type != "body_statement" or len(
            [c for c in body.named_children if c.type != "comment"]
        ) != 1:
            return None
        holder = body
    if holder is None or holder.type != "body_statement":
        return None
    block = holder.parent
    if block is None or block.type not in {"do_block", "block"}:
        return None
    call = block.parent
    if call is None or call.type != "call" or method_name(call) not in _TRANSACTIONS:
        return None
    return call


def _raises(rescue: Node) -> bool:
    for node in walk(rescue):
        if node.type == "identifier" and text(node) in _RAISES:
            return True
        if node.type == "call" and method_name(node) in _RAISES:
            return True
    return False
