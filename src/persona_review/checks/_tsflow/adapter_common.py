"""Helpers every tree-sitter adapter (Go, Java, JavaScript) reads nodes with the same way.

Only what means the same in each grammar lives here: a node's source text, a field, the records for
`a ? b : c`, `a + b` and `a[i]`, a label cut to a readable length, and the joining and unescaping of a
string literal's parts (each language passes its own escape table and the shape of its hex escapes).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from persona_review.checks._tsflow import ir

if TYPE_CHECKING:
    from tree_sitter import Language, Node, Query

_LABEL_LIMIT = 60


def node_text(node: Node | None) -> str:
    """The node's source text ("" for no node)."""
    if node is None:
        return ""
    text = node.text  # a fresh copy of the bytes on every read: read once
    return "" if text is None else text.decode("utf-8", errors="replace")


def field(node: Node, name: str) -> Node | None:
    return node.child_by_field_name(name)


def first_named(node: Node) -> Node | None:
    """The node's first named child (a `return`'s value, a `throw`'s error), if any."""
    return node.named_children[0] if node.named_children else None


def ternary(node: Node) -> ir.Expression:
    """`condition ? consequence : alternative` (the field names Java's and JavaScript's grammars share)."""
    c, t, f = field(node, "condition"), field(node, "consequence"), field(node, "alternative")
    if c is None or t is None or f is None:
        return ir.Other(node.named_children)
    return ir.Ternary(c, t, f)


def binary(node: Node) -> ir.Expression:
    """`left operator right`, the operator as written."""
    left, right = field(node, "left"), field(node, "right")
    if left is None or right is None:
        return ir.Other(node.named_children)
    return ir.Binary(node_text(field(node, "operator")), left, right)


def subscript(node: Node, container: str) -> ir.Expression:
    """`container[index]`; `container` names the grammar's field for what is indexed."""
    of, at = field(node, container), field(node, "index")
    if of is None or at is None:
        return ir.Other(node.named_children)
    return ir.Index(of, at)


def short_label(text: str) -> str:
    """Source text on one line, cut to a length a message can quote."""
    text = " ".join(text.split())
    return text if len(text) <= _LABEL_LIMIT else text[: _LABEL_LIMIT - 1] + "…"


def unescape(text: str, escapes: Mapping[str, str], hex_marks: str, hex_digits: Callable[[str], str]) -> str:
    """The character an escape sequence stands for. `hex_marks` are the letters after `\\` that start a
    hex code point; `hex_digits` picks its digits from what follows the letter. An escape that does not
    decode stays as written."""
    if text.startswith("\\") and len(text) >= 2:
        if text[1] in hex_marks:
            try:
                return chr(int(hex_digits(text[2:]), 16))
            except ValueError:
                return text
        return escapes.get(text[1], text[1:])
    return text


def joined_string(node: Node, unescape_one: Callable[[str], str]) -> str:
    """A string literal's value from its named parts: escape sequences decoded, every other part as
    written."""
    parts: list[str] = []
    for child in node.named_children:
        if child.type == "escape_sequence":
            parts.append(unescape_one(node_text(child)))
        else:
            parts.append(node_text(child))
    return "".join(parts)


class TreeAdapter:
    """What every adapter shares: the tree-sitter grammar of the trees it reads (a JavaScript file that
    only the TSX grammar reads cleanly is read with it, by an adapter of its own), and queries on them."""

    def __init__(self, grammar: Language) -> None:
        self.grammar = grammar
        self._queries: dict[str, Query] = {}

    def captures(self, root: Node, pattern: str) -> list[Node]:
        """Every node under `root` that the query `pattern` captures (matched in C: far cheaper than
        walking the tree in Python), in no particular order."""
        from tree_sitter import Query, QueryCursor  # loaded with the grammar

        query = self._queries.get(pattern)
        if query is None:
            query = self._queries[pattern] = Query(self.grammar, pattern)
        found: list[Node] = []
        for nodes in QueryCursor(query).captures(root).values():
            found.extend(nodes)
        return found
