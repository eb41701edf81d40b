"""An adapter that reads each node of one tree once.

The engine asks the adapter what a node is (`statement`, `expression`) every time it evaluates it: a loop
body twice, a function once per way it is run (on its own, with its callers' arguments, for a summary),
a condition again as a guard. On typical code that is about six conversions of every expression node.
The adapters keep no state of their own, so a node's record depends on the node alone and can be kept:
one `MemoAdapter` per parsed tree, with node ids as keys (unique within a tree, not across trees).
"""

from __future__ import annotations

from collections.abc import Sequence

from tree_sitter import Node

from persona_review.checks._tsflow import ir


class MemoAdapter:
    """`inner` with the records of `statement` and `expression` kept per node of one tree."""

    def __init__(self, inner: ir.Adapter) -> None:
        self.inner = inner
        self.language = inner.language
        self.tables = inner.tables
        self._statements: dict[int, ir.Statement] = {}
        self._expressions: dict[int, ir.Expression] = {}

    def functions(self, root: Node) -> Sequence[ir.Function]:
        return self.inner.functions(root)

    def fields(self, root: Node) -> Sequence[tuple[str, str | None, Node | None, bool]]:
        return self.inner.fields(root)

    def statement(self, node: Node) -> ir.Statement:
        found = self._statements.get(node.id)
        if found is None:
            found = self._statements[node.id] = self.inner.statement(node)
        return found

    def expression(self, node: Node) -> ir.Expression:
        found = self._expressions.get(node.id)
        if found is None:
            found = self._expressions[node.id] = self.inner.expression(node)
        return found

    def type_of(self, node: Node) -> str | None:
        return self.inner.type_of(node)
