"""Ruby: an error only logged in a `begin` block, after which the code uses what the block was to assign.

    begin
      order = Order.create!(order_params)
    rescue ActiveRecord::RecordInvalid => e
      Rails.logger.error(e.message)
    end
    render json: order            # `null` with a 200: the failure is reported as success

Reported: a `begin ... rescue ... end` whose body assigns a local, a `rescue` clause that only logs or
reports (`logger.error`, `Rails.logger.warn`, `Rails.error.report`, `puts`, `warn`...) and so falls
through, and a later statement of the same body that uses the local before giving it a new value or
testing it (`if order`, `order&.`, `order.nil?`/`present?`/`blank?`). A local given another value than
`nil` before the `begin` is a deliberate fallback and is left alone.

The same for a `begin` block that is the value of an assignment (`pdf = begin ... rescue => e;
logger.error(...); nil; end`) whose `rescue` only logs (and answers `nil`): the local is then used the same
way. A `rescue` that answers another value is a fallback and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._ruby import Tree, file_nodes, method_name, receiver, ruby_check, text
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node

_LOGGER = lazy_re(r"(?:^|\.|@)(?:logger|log|Rails\.logger|LOGGER)$|^Rails\.error$")
_LOG_METHODS = frozenset({"error", "warn", "info", "debug", "fatal", "report", "unknown", "add"})
_PRINTS = frozenset({"puts", "p", "warn", "print", "pp"})
_LOOKAHEAD = 12


@ruby_check(
    "RB-RESCUE-LOGGED-CONTINUES", "ERR-04", Category.ERROR_HANDLING, Severity.HIGH,
    title="Error only logged; a value the `begin` block did not assign is used after it",
    explanation=(
        "When the block fails before its assignment, the local is `nil`; the `rescue` only logs and lets "
        "the method go on, so the next line works on `nil`: a `NoMethodError` far from the real failure, or "
        "worse, `null` rendered with a success status. Re-raise, return or render the error in the "
        "`rescue`, give the local a real fallback there, or move the code that needs it into the block."
    ),
    needs=r"rescue",
)
def rescue_logged_continues(ctx: FileContext) -> Iterator[Hit]:
    for tree, node in file_nodes(ctx):
        if node.type != "begin" or node.parent is None:
            continue
        if node.parent.type == "assignment":
            yield from _assigned_begin(tree, node)
            continue
        rescue = next((c for c in node.named_children if c.type == "rescue" and _only_logs(c)), None)
        if rescue is None or any(c.type in {"else", "ensure"} for c in node.named_children):
            continue
        assigned = {_target(c) for c in node.named_children if c.type == "assignment"} - {""}
        siblings = list(node.parent.named_children)
        at = next((i for i, c in enumerate(siblings) if c.id == node.id), None)
        if at is None:
            continue
        live = {name for name in assigned if _starts_nil(siblings[:at], name)}
        if ctx.whole_file or ctx.is_new_file:
            live |= {name for name in _ivars_assigned(node) if _assigned_only_in(ctx, node, tree.first, name)}
        if not live:
            continue
        used = _first_use(siblings[at + 1 : at + 1 + _LOOKAHEAD], live)
        if used is not None:
            name, statement = used
            yield Hit(tree.line(rescue), None, (
                f"`{text(rescue).splitlines()[0].strip()}` only logs and falls through, and line "
                f"{tree.line(statement)} uses `{name}`, which is nil when the block failed before "
                "assigning it."))


def _assigned_begin(tree: Tree, node: Node) -> Iterator[Hit]:
    """`x = begin ... rescue; log; nil; end` followed by a use of `x` that does not test it."""
    assignment = node.parent
    if assignment is None or assignment.parent is None:
        return
    name = _target(assignment)
    rescue = next((c for c in node.named_children
                   if c.type == "rescue" and _only_logs(c, nil_last=True)), None)
    if not name or rescue is None or any(c.type in {"else", "ensure"} for c in node.named_children):
        return
    siblings = list(assignment.parent.named_children)
    at = next((i for i, c in enumerate(siblings) if c.id == assignment.id), None)
    if at is None:
        return
    used = _first_use(siblings[at + 1 : at + 1 + _LOOKAHEAD], {name})
    if used is not None:
        yield Hit(tree.line(rescue), None, (
            f"`{text(rescue).splitlines()[0].strip()}` only logs and answers nil, and line "
            f"{tree.line(used[1])} uses `{name}`, which is then nil."))


def _only_logs(rescue: Node, *, nil_last: bool = False) -> bool:
    body = rescue.child_by_field_name("body")
    statements = [n for n in body.named_children if n.type != "comment"] if body is not None else []
    if nil_last and len(statements) > 1 and statements[-1].type == "nil":
        statements = statements[:-1]
    return bool(statements) and all(_is_log(statement) for statement in statements)


def _is_log(node: Node) -> bool:
    if node.type not in {"call", "identifier"}:
        return False
    name = method_name(node) if node.type == "call" else text(node)
    owner = receiver(node) if node.type == "call" else None
    if owner is None:
        return name in _PRINTS or name in {"logger", "log"}
    return name in _LOG_METHODS and _LOGGER.search(text(owner)) is not None


def _target(assignment: Node) -> str:
    left = assignment.child_by_field_name("left")
    return text(left) if left is not None and left.type == "identifier" else ""


def _ivars_assigned(begin: Node) -> set[str]:
    """Instance variables the block's own statements assign (`@zone = CarrierApi.zone_for(...)`)."""
    names: set[str] = set()
    for child in begin.named_children:
        left = child.child_by_field_name("left") if child.type == "assignment" else None
        if left is not None and left.type == "instance_variable":
            names.add(text(left))
    return names


def _assigned_only_in(ctx: FileContext, begin: Node, first: int, name: str) -> bool:
    """Whether the whole file assigns the instance variable `name` nowhere but inside the block: then it is
    nil when the block failed, as a local would be (set elsewhere, in `initialize` or a memo, it may hold a
    value already)."""
    start, end = first + begin.start_point.row, first + begin.end_point.row
    assigns = re.compile(rf"(?<![\w@]){re.escape(name)}\s*(?:\|\||&&|[-+*/])?=(?![=~>])")
    return not any(assigns.search(line) for no, line in ctx.lines.items() if not start <= no <= end)


def _starts_nil(before: list[Node], name: str) -> bool:
    """Whether the last assignment to `name` before the block (if any) gives it `nil`."""
    value: Node | None = None
    found = False
    for statement in before:
        if statement.type == "assignment" and _target(statement) == name:
            found = True
            value = statement.child_by_field_name("right")
    return not found or (value is not None and value.type == "nil")


def _first_use(after: list[Node], live: set[str]) -> tuple[str, Node] | None:
    for statement in after:
        code = text(statement)
        for name in sorted(live):
            word = re.compile(rf"(?<![\w@$.:]){re.escape(name)}(?![\w?!])")
            found = word.search(code)
            if found is None:
                continue
            rest = code[found.end():]
            before = code[: found.start()]
            if statement.type == "assignment" and _target(statement) == name:
                live = live - {name}
            elif re.match(r"\s*(?:&\.|\.(?:(?:nil|present|blank)\?|(?:presence|try)\b))", rest) or re.search(
                r"\b(?:if|unless|elsif|while|until)\s+!?\s*$", before
            ) or re.match(r"^\s*(?:if|unless|return\s+\w*\s*(?:if|unless))\b", code):
                live = live - {name}  # tested before it is used
            else:
                return name, statement
        if not live:
            return None
    return None

