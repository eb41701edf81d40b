"""Ruby source as the Ruby checks see it: tree-sitter syntax trees of the known lines, and the nodes in them.

Each run of consecutive known lines (the whole file, or each hunk) is parsed on its own with
tree-sitter-ruby, which tolerates fragments: a hunk that starts inside a method still yields its calls,
strings and rescue clauses, with the unmatched parts as error nodes. Parsing is linear in the text, and
trees are cached per file context so the Ruby checks of one file share them.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from persona_review.checks.base import CheckFunc, CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    import tree_sitter

    Node = tree_sitter.Node


@cache
def _parser() -> tree_sitter.Parser:
    """The Ruby parser, made on first use: the grammar is imported only when a Ruby file is reviewed."""
    import tree_sitter
    import tree_sitter_ruby

    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_ruby.language()))


@dataclass(frozen=True, slots=True)
class Tree:
    first: int
    """File line number of the tree's first line."""
    root: Node
    nodes: list[Node]
    """Every named node, in document order."""
    whole_file: bool = True
    """False for a hunk: what lies above it (an assignment, an allow-list check) is unknown."""
    source: bytes = b""
    parents: dict[int, Node] = field(default_factory=dict)
    """Node id -> parent. tree-sitter finds a node's parent by descending from the root, which costs a scan
    of every sibling on the way; a body of thousands of statements made that quadratic."""

    def parent(self, node: Node) -> Node | None:
        return self.parents.get(node.id)

    def head(self, node: Node, limit: int = 50) -> str:
        """The start of a node's code on one line, at most `limit` characters, read without copying the
        whole node (a long chain's every link is named this way)."""
        raw = self.source[node.start_byte : min(node.end_byte, node.start_byte + limit * 4)]
        flat = " ".join(raw.decode("utf-8", "replace").split())
        whole = node.end_byte - node.start_byte <= limit * 4
        return flat if whole and len(flat) <= limit else flat[: limit - 1] + "…"

    def line(self, node: Node) -> int:
        return self.first + node.start_point.row

    def hit(self, node: Node, message: str) -> Hit:
        first = self.line(node)
        last = self.first + node.end_point.row
        if node.end_point.column == 0 and last > first:
            last -= 1
        return Hit(first, last if last > first else None, message)


_CACHE: OrderedDict[int, tuple[FileContext, list[Tree]]] = OrderedDict()
_CACHE_SIZE = 8


def trees(ctx: FileContext) -> list[Tree]:
    """One tree per run of known lines, parsed once per context."""
    cached = _CACHE.get(id(ctx))
    if cached is not None and cached[0] is ctx:
        return cached[1]
    out = []
    for first, texts in ctx.segments():
        source = "\n".join(texts).encode("utf-8")
        root = _parser().parse(source).root_node
        parents: dict[int, Node] = {}
        out.append(Tree(first, root, list(_named(root, parents)), ctx.whole_file, source, parents))
    _CACHE[id(ctx)] = (ctx, out)
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return out


_SECTION_DEF = lazy_re(r"^\s*def\s+(?:self\.)?([A-Za-z_]\w*[?!=]?)")


def section_method(ctx: FileContext, tree: Tree) -> str | None:
    """For a hunk that starts inside a method: the method's name, read from the hunk header's section text
    (`@@ -30,3 +30,4 @@ def create`), or None when the header names no method."""
    if tree.whole_file:
        return None
    found = _SECTION_DEF.match(ctx.sections.get(tree.first, ""))
    return found.group(1) if found else None


def file_nodes(ctx: FileContext) -> Iterator[tuple[Tree, Node]]:
    """Every named node of the file's trees, in document order, with its tree."""
    for tree in trees(ctx):
        for node in tree.nodes:
            yield tree, node


def walk(node: Node) -> Iterator[Node]:
    """`node` and its named descendants, depth first with the last child first (the order in which the
    checks' searches for a first match have always looked)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current.named_children)


def _named(root: Node, parents: dict[int, Node]) -> Iterator[Node]:
    """Named descendants of `root` in document order (iterative: deep trees do not recurse), recording each
    one's parent."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        children = node.named_children
        for child in children:
            parents[child.id] = node
        stack.extend(reversed(children))


def text(node: Node | None) -> str:
    if node is None or node.text is None:
        return ""
    return node.text.decode("utf-8", "replace")


def name_text(node: Node | None, limit: int = 120) -> str:
    """The text of a node short enough to be a name or a receiver (`Rails.logger`, `ENV`,
    `ActiveRecord::Base.connection`); "" for anything longer, so comparing receivers stays linear."""
    if node is None or node.end_byte - node.start_byte > limit:
        return ""
    return text(node)


def short(node: Node | str, limit: int = 50) -> str:
    """Code quoted in a message: one line, at most `limit` characters."""
    flat = " ".join((node if isinstance(node, str) else text(node)).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def method_name(call: Node) -> str:
    """The called method's name (`where` for `User.where(...)`), or "" when `call` is no call."""
    if call.type == "call":
        return text(call.child_by_field_name("method"))
    return ""


def receiver(call: Node) -> Node | None:
    return call.child_by_field_name("receiver") if call.type == "call" else None


def arguments(call: Node) -> list[Node]:
    """The call's arguments (without parentheses and commas); a block is not an argument."""
    args = call.child_by_field_name("arguments")
    return list(args.named_children) if args is not None else []


def has_block(call: Node) -> bool:
    return call.child_by_field_name("block") is not None


def pair_value(args: list[Node], key: str) -> Node | None:
    """The value of the `key:`/`:key =>` option among `args`, or None."""
    for arg in args:
        pairs = [arg] if arg.type == "pair" else arg.named_children if arg.type == "hash" else []
        for pair in pairs:
            if pair.type == "pair" and option_key(pair) == key:
                return pair.child_by_field_name("value")
    return None


def option_key(pair: Node) -> str:
    key = pair.child_by_field_name("key")
    return text(key).lstrip(":").rstrip(":").strip("\"'") if key is not None else ""


def string_literal(node: Node | None) -> str | None:
    """The text of a plain string literal (no interpolation), or None."""
    if node is None or node.type != "string":
        return None
    if any(child.type == "interpolation" for child in node.named_children):
        return None
    return "".join(text(c) for c in node.named_children if c.type == "string_content")



def heredoc_bodies(tree: Tree) -> dict[int, Node]:
    """Each heredoc opener (by start byte) mapped to its body: tree-sitter puts the body after the line."""
    openers = [n for n in tree.nodes if n.type == "heredoc_beginning"]
    bodies = [n for n in tree.nodes if n.type == "heredoc_body"]
    out: dict[int, Node] = {}
    j = 0
    for opener in openers:
        while j < len(bodies) and bodies[j].start_byte < opener.end_byte:
            j += 1
        if j < len(bodies):
            out[opener.start_byte] = bodies[j]
            j += 1
    return out




RUBY = frozenset({"ruby"})


def ruby_check(
    check_id: str, item: str, category: Category, severity: Severity, *, title: str, explanation: str,
    needs: str,
) -> Callable[[CheckFunc], CheckFunc]:
    """Register a Ruby check whose hits say what they found in this code. `needs` is a pattern the file's
    text must contain for the check to have anything to find (a migration with no `rescue` is not parsed
    for rescue clauses)."""
    spec = CheckSpec(id=check_id, checklist_item=item, category=category, severity=severity,
                     languages=RUBY, title=title, explanation=explanation)
    wanted = re.compile(needs)
    words = _literal_words(needs)

    def wrap(func: CheckFunc) -> CheckFunc:
        def run(ctx: FileContext) -> Iterable[Hit]:
            if words is None:
                found = wanted.search(source_text(ctx)) is not None
            elif needs.startswith("(?i)"):
                # A case-insensitive regex also folds letters beyond ASCII that `lower()` leaves alone.
                found = ctx.mentions_folded(words) and (
                    source_text(ctx).isascii() or wanted.search(source_text(ctx)) is not None
                )
            else:
                found = ctx.mentions(words)
            return func(ctx) if found else ()

        register(spec)(run)
        return func

    return wrap


def _literal_words(needs: str) -> tuple[str, ...] | None:
    """The words of a `needs` pattern that is only words joined by `|` (after an optional `(?i)`, then in
    lower case): a substring test for each is the same test, at a fraction of a search's cost. None for a
    pattern with anything else in it."""
    folded = needs.startswith("(?i)")
    words = needs.removeprefix("(?i)").split("|")
    if not all(word and re.escape(word) == word and word.isascii() for word in words):
        return None
    return tuple(word.lower() for word in words) if folded else tuple(words)


_TEXTS: OrderedDict[int, tuple[FileContext, str]] = OrderedDict()


def source_text(ctx: FileContext) -> str:
    """The known lines of `ctx` joined, computed once per context."""
    cached = _TEXTS.get(id(ctx))
    if cached is not None and cached[0] is ctx:
        return cached[1]
    joined = "\n".join(ctx.lines.values())
    _TEXTS[id(ctx)] = (ctx, joined)
    if len(_TEXTS) > _CACHE_SIZE:
        _TEXTS.popitem(last=False)
    return joined
