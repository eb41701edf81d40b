"""Parsing with tree-sitter: grammars loaded on first use, one parse and one data-flow run per file.

A whole file is parsed as it is. A file known only from its hunks is parsed a run of lines at a time; a
run that does not parse cleanly is tried again inside a wrapper that the language's adapter supplies (a
class around methods, a class and a method around statements), on the same first line so that line numbers
do not move, and the attempt with the fewest error nodes is kept. tree-sitter always returns a tree, so an
unparseable run still yields whatever statements it could recognise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

from persona_review.checks._tsflow import ir
from persona_review.checks._tsflow.engine import FileFlow, analyse
from persona_review.checks._tsflow.memo import MemoAdapter
from persona_review.checks.base import FileContext
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from tree_sitter import Node, Parser, Tree


@dataclass(frozen=True, slots=True)
class Grammar:
    module: str
    """The grammar's Python package (`tree_sitter_java`)."""
    function: str
    """Its function returning the language pointer (`language`, `language_typescript`)."""
    adapter: str
    """`module:Class` of the adapter."""
    wrappers: tuple[tuple[str, str], ...] = ()
    """(before, after) texts tried around a fragment that does not parse alone; the closing braces are
    counted from the fragment, so `after` only documents the shape."""


GRAMMARS: dict[str, Grammar] = {
    "java": Grammar("tree_sitter_java", "language", "persona_review.checks._tsflow.java:JavaAdapter",
                    (("class __Hunk__ { ", "\n}"), ("class __Hunk__ { void __hunk__() { ", "\n}}"))),
    "go": Grammar("tree_sitter_go", "language", "persona_review.checks._tsflow.go:GoAdapter",
                  (("package __hunk__; ", "\n"), ("package __hunk__; func __hunk__() { ", "\n}"),
                   ("package __hunk__; func __hunk__() { ", "\n"))),
    "javascript": Grammar("tree_sitter_javascript", "language",
                          "persona_review.checks._tsflow.javascript:JavaScriptAdapter",
                          (("function __hunk__() { ", "\n}"), ("class __Hunk__ { ", "\n}"),
                           ("function __hunk__() { ", "\n"))),
    "typescript": Grammar("tree_sitter_typescript", "language_typescript",
                          "persona_review.checks._tsflow.javascript:TypeScriptAdapter",
                          (("function __hunk__() { ", "\n}"), ("class __Hunk__ { ", "\n}"),
                           ("function __hunk__() { ", "\n"))),
    "tsx": Grammar("tree_sitter_typescript", "language_tsx",
                   "persona_review.checks._tsflow.javascript:TypeScriptAdapter",
                   (("function __hunk__() { ", "\n}"), ("class __Hunk__ { ", "\n}"),
                           ("function __hunk__() { ", "\n"))),
}
"""Languages with an adapter. Adding one: its grammar package, function, adapter and fragment wrappers."""

_PARSERS: dict[str, Parser] = {}
_ADAPTERS: dict[tuple[str, str], ir.Adapter] = {}


def parser_for(language: str) -> Parser:
    """The parser of `language`, its grammar imported on first use (a Python-only review never loads one)."""
    found = _PARSERS.get(language)
    if found is None:
        grammar = GRAMMARS[language]
        from tree_sitter import Language, Parser

        pointer: Callable[[], Any] = getattr(import_module(grammar.module), grammar.function)
        found = Parser(Language(pointer()))
        _PARSERS[language] = found
    return found


def adapter_for(language: str, grammar: str | None = None) -> ir.Adapter:
    """The adapter of `language`, reading trees parsed with `grammar` (the language's own by default; a
    JavaScript file may be read with the TSX grammar)."""
    key = (language, grammar or language)
    found = _ADAPTERS.get(key)
    if found is None:
        module, name = GRAMMARS[language].adapter.split(":")
        found = getattr(import_module(module), name)(parser_for(key[1]).language)
        _ADAPTERS[key] = found
    assert found is not None
    return found


def error_count(node: Node) -> int:
    """ERROR and MISSING nodes in the tree (0 for a clean parse)."""
    if not node.has_error:
        return 0
    count = 0
    stack = [node]
    while stack:
        current = stack.pop()
        if current.is_error or current.is_missing:
            count += 1
        if current.has_error:
            stack.extend(current.children)
    return count


def parse_text(language: str, text: str) -> Tree:
    return parser_for(language).parse(text.encode("utf-8"))


def error_lines(node: Node) -> int:
    """Rows covered by ERROR nodes (the code tree-sitter could not place in the tree)."""
    rows: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if current.is_error:
            rows.update(range(current.start_point[0], current.end_point[0] + 1))
        elif current.has_error:
            stack.extend(current.children)
    return len(rows)


_CODE_NOISE = lazy_re(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|//[^\n]*|/\*[\s\S]*?\*/|`[^`]*`')


def brace_balance(text: str) -> tuple[int, int]:
    """(deepest unmatched `}` count, open `{` left at the end), strings and comments left out."""
    depth = lowest = 0
    for char in _CODE_NOISE.sub("", text):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            lowest = min(lowest, depth)
    return -lowest, depth - lowest


def parse_fragment(language: str, text: str) -> tuple[Tree, int, int]:
    """The best parse of a fragment: (tree, column shift of the first line, error count). Besides the text
    as it is, each wrapper of the language is tried, with as many `{` after it as the fragment closes
    beyond it and as many `}` at the end as it leaves open."""
    best = parse_text(language, text)
    best_errors = error_count(best.root_node)
    shift = 0
    if best_errors:
        unopened, unclosed = brace_balance(text)
        for before, _after in GRAMMARS[language].wrappers:
            depth = before.count("{")
            prefix = before + "{ " * max(0, unopened - depth)
            suffix = "\n" + "}" * (max(depth, unopened) + unclosed - unopened)
            tree = parse_text(language, prefix + text + suffix)
            errors = error_count(tree.root_node)
            if errors < best_errors:
                best, best_errors, shift = tree, errors, len(prefix)
            if errors == 0:
                break
    return best, shift, best_errors


def _fragment_trees(language: str, first: int, texts: list[str]) -> list[tuple[int, Tree]]:
    """The parse of a run of hunk lines, or, when the run closes blocks it never opened (it starts inside a
    function), of its pieces cut after each line that closes one, unless they parse worse: the tail of
    one function and the whole functions after it then parse on their own."""
    brackets = _brackets(texts)
    cuts, _unclosed = brackets
    if not cuts:
        return [(first, _parse_closed(language, texts, brackets)[0])]
    # Even when braces opened in front make the whole run parse, the pieces are preferred: each keeps
    # its own function around it (its parameters, its request object) instead of one made-up wrapper.
    # So the whole run is parsed only when the pieces have errors, to see whether it has more.
    pieces: list[tuple[int, Tree]] = []
    total = 0
    start = 0
    for cut in [*cuts, len(texts)]:
        if cut > start:
            piece, piece_errors = _parse_closed(language, texts[start:cut])
            pieces.append((first + start, piece))
            total += piece_errors
        start = cut
    if total == 0:
        return pieces
    tree, errors = _parse_closed(language, texts, brackets)
    return pieces if total <= errors else [(first, tree)]


_OPEN, _CLOSE = "([{", ")]}"


def _parse_closed(
    language: str, texts: list[str], brackets: tuple[list[int], str] | None = None
) -> tuple[Tree, int]:
    """The best parse of lines, also tried with the brackets they leave open closed after them (a run
    that ends inside a block). `brackets` is `_brackets(texts)` when the caller has it already."""
    tree, _shift, errors = parse_fragment(language, "\n".join(texts))
    if errors:
        _cuts, unclosed = brackets if brackets is not None else _brackets(texts)
        if unclosed:
            closed, _shift, fewer = parse_fragment(language, "\n".join(texts) + "\n" + unclosed)
            if fewer < errors:
                return closed, fewer
    return tree, errors


_ANY_BRACKET = lazy_re(r"[()\[\]{}]")
_BRACKET_TOKENS = lazy_re(r"""//.*|"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|`(?:[^`\\]|\\.)*`?|[()\[\]{}]""")
"""What a line-by-line bracket count reads: a `//` comment or a string (skipped whole, even unclosed at the
end of the line) or a bracket."""


def _brackets(texts: list[str]) -> tuple[list[int], str]:
    """Line indexes just after each line where the bracket depth (strings and `//` comments skipped, as
    far as a line-by-line scan can tell) reaches a new low below zero; and the closers of the brackets
    left open at the end."""
    depth = 0
    lowest = 0
    cuts: list[int] = []
    stack: list[str] = []
    for index, line in enumerate(texts):
        if _ANY_BRACKET.search(line) is None:
            continue
        # Without a quote or a `/` the line holds no string or comment to skip: only its brackets count.
        plain = '"' not in line and "'" not in line and "`" not in line and "/" not in line
        for token in _ANY_BRACKET.findall(line) if plain else _BRACKET_TOKENS.findall(line):
            if token in _OPEN:
                depth += 1
                stack.append(_CLOSE[_OPEN.index(token)])
            elif token in _CLOSE:
                depth -= 1
                if stack:
                    stack.pop()
        if depth < lowest:
            lowest = depth
            cuts.append(index + 1)
            stack.clear()
    return cuts, "".join(reversed(stack))


_RETRY = {"javascript": "tsx"}
"""A grammar tried when a whole file does not parse cleanly with its own: JavaScript files often carry
type annotations (Flow, TypeScript in `.js`), which the TSX grammar reads along with JSX."""


def grammar_of(ctx: FileContext) -> str:
    """The grammar for the file: its language, except TypeScript with JSX (`.tsx`)."""
    if ctx.language == "typescript" and ctx.path.endswith(".tsx"):
        return "tsx"
    return ctx.language


def flows(ctx: FileContext) -> list[FileFlow]:
    """The data flow of the file: one for a whole file, one per run of known lines for hunks. Computed
    once per context and kept on it, so every check of the file shares one parse."""
    key = "tsflow"
    cached = ctx.memo.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    try:
        out = _analyse(ctx)
    except RecursionError:
        out = []  # nesting too deep to follow: the checks fall back to what the lines show
    ctx.memo[key] = out
    return out


def _analyse(ctx: FileContext) -> list[FileFlow]:
    out: list[FileFlow] = []
    language = grammar_of(ctx)
    if language in GRAMMARS:
        adapter = adapter_for(language)
        if ctx.whole_file:
            last = max(ctx.lines, default=0)
            text = "\n".join(ctx.lines.get(n, "") for n in range(1, last + 1))
            tree = parse_text(language, text)
            if tree.root_node.has_error and language in _RETRY:
                other = parse_text(_RETRY[language], text)
                if error_count(other.root_node) < error_count(tree.root_node):
                    tree = other
                    adapter = adapter_for(language, _RETRY[language])
            out.append(analyse(tree.root_node, MemoAdapter(adapter)))
        else:
            for first, texts in ctx.segments():
                for start, tree in _fragment_trees(language, first, list(texts)):
                    out.append(analyse(tree.root_node, MemoAdapter(adapter), start - 1, tuple(out)))
    return out
