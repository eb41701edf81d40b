"""The bare names a whole Go file reads but never declares: names of its package declared in another file of
the package (a table-name constant kept next to the repository that owns the table), or dot-imported; and
those of them the file splices into SQL as a table name.

Go has no other way for a plain identifier to come into scope: locals, parameters (of functions, methods,
func literals, named results and receivers), range and type-switch variables, and the file's own
package-level `var`/`const` are all declared in the file. A name assigned anywhere in the file counts as
declared (so a package variable the file writes is never taken for a fixed value). In hunks only the
functions seen whole are read: a fragment of one hides its declarations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from persona_review.checks._lexing import Lexed, lex
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
    """The identifiers a whole Go file reads and never declares or assigns; empty for a file that did not
    parse as one tree. In hunks, the names read by the functions seen whole (header to closing brace, no
    parse error) that no known line declares or assigns: a function's locals and parameters are all in it,
    so such a name is one of its package's, declared in the lines the hunks leave out or another file."""
    trees = flows(ctx)
    if ctx.whole_file:
        if len(trees) != 1 or trees[0].line_offset != 0 or trees[0].root.has_error:
            return frozenset()
        read, declared = _names(trees[0].root)
        return frozenset(read - declared)
    lines = lex(ctx).bare
    read_by_functions: set[str] = set()
    known: set[str] = set()
    for tree in trees:
        known |= _names(tree.root)[1]
        for function in _whole_functions(tree.root):
            first = function.start_point[0] + 1 + tree.line_offset
            last = function.end_point[0] + 1 + tree.line_offset
            seen = all(no in lines for no in range(first, last + 1))
            if seen and lines[last].startswith("}"):  # its own closing brace, not one the parser supplied
                read_by_functions |= _names(function)[0]
    return frozenset(read_by_functions - known)


def _names(root: Node) -> tuple[set[str], set[str]]:
    """The identifiers read under `root`, and those it declares or assigns."""
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
    return used, declared


def _whole_functions(root: Node) -> list[Node]:
    """Top-level function and method declarations parsed without error, with a body."""
    out: list[Node] = []
    for node in root.children:
        if node.type not in {"function_declaration", "method_declaration"} or node.has_error:
            continue
        if node.child_by_field_name("body") is not None:
            out.append(node)
    return out


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


_FORMATTED = lazy_re(
    r'\bfmt\.Sprintf\(\s*("(?:[^"\\\n]|\\.)*"|`[^`]*`)\s*,([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)'
)
_VERB = lazy_re(r"%[-+# 0-9.]*[a-zA-Z%]")
_TABLE_WORD_BEFORE = lazy_re(r"(?i)\b(?:from|join|into|update|table(?:\s+if\s+(?:not\s+)?exists)?)\s+$")
_BARE_NAME = lazy_re(r"^[A-Za-z_]\w*$")


def _formatted_table_names(code: str) -> set[str]:
    """Bare names a one-line `fmt.Sprintf` puts where a table name goes (`"INSERT INTO %s (...)"`)."""
    out: set[str] = set()
    for call in _FORMATTED.finditer(code):
        layout = call.group(1)
        values = [v.strip() for v in call.group(2).split(",")]
        verbs = [v for v in _VERB.finditer(layout) if v.group() != "%%"]
        if len(verbs) != len(values):
            continue
        for verb, value in zip(verbs, values, strict=True):
            if verb.group() in {"%s", "%v"} and _BARE_NAME.match(value) \
                    and _TABLE_WORD_BEFORE.search(layout[: verb.start()]):
                out.add(value)
    return out


def table_names_from_other_files(ctx: FileContext, lexed: Lexed) -> frozenset[str]:
    """The names from other files of the package (`names_from_other_files`) that the file splices into SQL
    where a table name goes (`"SELECT ... FROM " + itemTable`, `fmt.Sprintf("INSERT INTO %s ...",
    itemTable)`): a name the package fixes. A name spliced where a value goes (`"... WHERE email = '" +
    email + "'"`) is left to the check: a package variable can hold anything."""
    spliced = {
        m.group(1) for code in lexed.code.values() if "+" in code for m in _AFTER_TABLE_WORD.finditer(code)
    }
    for code in lexed.code.values():
        if "Sprintf" in code:
            spliced |= _formatted_table_names(code)
    if not spliced:
        return frozenset()
    return frozenset(spliced & names_from_other_files(ctx))
