"""Where a Ruby sink's request data was put into a local, when the sink's own call is an unchanged line.

A pull request that adds `sql << " AND region = '#{params[:region]}'"` above an old
`connection.select_all(sql)` changes the query on the added line; the call stays as it was. The runner
reports only hits on added lines, so a hit on the call would be dropped: it belongs on the added line that
built the value (the last assignment, `+=` or `<<` of that local in the same method, before the call).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from persona_review.checks._ruby import Tree, text
from persona_review.checks.base import FileContext, Hit

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node

_LOCALS = frozenset({"identifier", "instance_variable"})
_SCOPES = frozenset({"method", "singleton_method", "do_block", "block", "program"})


def placed_where_built(ctx: FileContext, tree: Tree, hit: Hit, value_node: Node | None) -> Hit:
    """`hit`, moved to the added line that last gave the local `value_node` names its value before the
    call, when none of the hit's lines is added (else `hit` as it is)."""
    last = hit.end_line or hit.line
    if value_node is None or value_node.type not in _LOCALS \
            or any(no in ctx.added for no in range(hit.line, last + 1)):
        return hit
    name = text(value_node)
    scope = _scope(tree, value_node)
    best: int | None = None
    for node in tree.nodes:
        if node.start_byte >= value_node.start_byte:
            break
        target = _written(node)
        if target is None or text(target) != name or _scope(tree, node) != scope:
            continue
        line = tree.line(node)
        if line in ctx.added:
            best = line
    return hit if best is None else replace(hit, line=best, end_line=None)


def _written(node: Node) -> Node | None:
    """The local an assignment (`x = ...`, `x += ...`) or an append statement (`x << ...`) writes."""
    if node.type in {"assignment", "operator_assignment"}:
        return node.child_by_field_name("left")
    if node.type == "binary" and text(node.child_by_field_name("operator")) == "<<":
        return node.child_by_field_name("left")
    if node.type == "call" and text(node.child_by_field_name("method")) in {"concat", "prepend"}:
        return node.child_by_field_name("receiver")
    return None


def _scope(tree: Tree, node: Node) -> int:
    parent = tree.parent(node)
    while parent is not None and parent.type not in _SCOPES:
        parent = tree.parent(parent)
    return parent.start_byte if parent is not None else -1
