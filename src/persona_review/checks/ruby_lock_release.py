"""Ruby: a Redis lock taken with `SET NX` and released by a plain statement after the work, not in `ensure`.

    return unless Redis.current.set(lock_key, jid, nx: true, ex: 6.hours.to_i)
    SearchIndex.rebuild!(tenant_id)
    Redis.current.del(lock_key)        # rebuild! raises: the lock stays for six hours

An exception in the work skips the release: the lock is held until it expires, and every run until then
finds it taken and does nothing (or, with no expiry, never runs again). Reported on the `del`/`unlink` of
the lock's key in the method that set it when no release of that key sits in an `ensure` (or a `rescue`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from persona_review.checks._ruby import (
    arguments,
    file_nodes,
    method_name,
    option_key,
    ruby_check,
    text,
    walk,
)
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Category, Severity

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node

_RELEASES = frozenset({"del", "unlink"})


@ruby_check(
    "RB-LOCK-NOT-RELEASED", "ERR-10", Category.ERROR_HANDLING, Severity.HIGH,
    title="Redis lock released after the work, not in `ensure`",
    explanation=(
        "When the work between taking the lock and this release raises, the release is skipped and the "
        "lock stays until it expires: every run until then finds it taken. Release it in `ensure` (and "
        "only if this worker still holds it)."
    ),
    needs=r"nx:",
)
def lock_not_released(ctx: FileContext) -> Iterator[Hit]:
    for tree, node in file_nodes(ctx):
        if node.type != "call" or method_name(node) != "set":
            continue
        args = arguments(node)
        if not args or not any(_is_nx(a) for a in args):
            continue
        method = _enclosing(node, {"method", "singleton_method"})
        if method is None:
            continue
        key = text(args[0])
        releases = [n for n in walk(method) if n.type == "call" and method_name(n) in _RELEASES
                    and arguments(n) and text(arguments(n)[0]) == key and n.start_byte > node.end_byte]
        if not releases or any(_enclosing(r, {"ensure", "rescue"}, stop=method) for r in releases):
            continue
        first = releases[0]
        found = tree.hit(first, (
            f"`{text(first)}` releases the lock taken on line {tree.line(node)} only when the work before it "
            "succeeds: an exception skips it and the lock stays until it expires. Release it in `ensure`."))
        work = _work_before(first, node, method)
        if work is not None:
            found = replace(found, line=tree.line(work), end_line=found.end_line or found.line)
        yield found


def _work_before(release: Node, taken: Node, method: Node) -> Node | None:
    """The statement of the method's body just before the one that releases the lock, when it comes after
    the statement that took it: the work whose exception skips the release (the finding spans it and
    the release)."""
    statement = release
    while statement.parent is not None and statement.parent != method \
            and not (statement.parent.type == "body_statement" and statement.parent.parent == method):
        statement = statement.parent
    before = statement.prev_named_sibling
    while before is not None and before.type == "comment":
        before = before.prev_named_sibling
    if before is None or before.start_byte <= taken.end_byte or statement.parent is None:
        return None
    return before


def _is_nx(arg: Node) -> bool:
    return arg.type == "pair" and option_key(arg) == "nx" and text(arg.child_by_field_name("value")) == "true"


def _enclosing(node: Node, types: set[str], stop: Node | None = None) -> Node | None:
    parent = node.parent
    while parent is not None and parent != stop:
        if parent.type in types:
            return parent
        parent = parent.parent
    return None
