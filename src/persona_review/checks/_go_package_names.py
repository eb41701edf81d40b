"""The bare names a whole Go file reads but never declares: names of its package declared in another file of
the package (a table-name constant kept next to the repository that owns the table), or dot-imported; and
those of them the file splices into SQL as a table name.

Go has no other way for a plain identifier to come into scope: locals, parameters (of functions, methods,
func literals, named results and receivers), range and type-switch variables, and the file's own
package-level `var`/`const` are all declared in the file. A name assigned anywhere in the file counts as
declared (so a package variable the file writes is never taken for a fixed value). Only meaningful for a
whole file: a fragment hides its declarations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from persona_review.checks._lexing import Lexed
from persona_review.checks._tsflow import flows, text_of
from persona_review.checks.base import FileContext
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from tree_sitter import Node

_DECLARING = {
    "parameter_declaration": ("name",),
    "variadic_parameter_declaration": ("name",),
    "var_spec": ("name",),
    "const_spec": ("name",),
    "short_var_declaration": ("left",),
    "assignment_statement": ("left",),
    "range_clause": ("left",),
    "receive_statement": ("left",),
    "type_switch_statement": ("alias",),
    "function_declaration": ("name",),
}
"""Node types that bring names into scope (or write them), and the fields holding those names."""


def names_from_other_files(ctx: FileContext) -> frozenset[str]:
    """The identifiers a whole Go file reads and never declares or assigns; empty for a fragment or a file
    that did not parse as one tree."""
    if not ctx.whole_file:
        return frozenset()
    trees = flows(ctx)
    if len(trees) != 1 or trees[0].line_offset != 0:
        return frozenset()
    root = trees[0].root
    if root.has_error:
        return frozenset()
    declared: set[str] = set()
    used: set[str] = set()
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        kind = node.type
        if kind == "identifier":
            used.add(text_of(node))
            continue
        for name_field in _DECLARING.get(kind, ()):
            for named in node.children_by_field_name(name_field):
                declared.update(_identifiers(named))
        stack.extend(node.children)
    return frozenset(used - declared)


def _identifiers(node: Node) -> set[str]:
    out: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "identifier":
            out.add(text_of(current))
        else:
            stack.extend(current.children)
    return out


_AFTER_TABLE_WORD = lazy_re(
    r"(?i)\b(?:from|join|into|update|table)\s*[\"`]\s*\+\s*([A-Za-z_]\w*)\b(?!\s*[.(\[])"
)
"""A bare name concatenated right after a literal ending in a table keyword: `"... FROM " + name`."""


def table_names_from_other_files(ctx: FileContext, lexed: Lexed) -> frozenset[str]:
    """The names from other files of the package (`names_from_other_files`) that the file splices into SQL
    where a table name goes (`"SELECT ... FROM " + itemTable`): a name the package fixes. A name spliced
    where a value goes (`"... WHERE email = '" + email + "'"`) is left to the check: a package variable can
    hold anything."""
    spliced = {
        m.group(1) for code in lexed.code.values() if "+" in code for m in _AFTER_TABLE_WORD.finditer(code)
    }
    if not spliced:
        return frozenset()
    return frozenset(spliced & names_from_other_files(ctx))
