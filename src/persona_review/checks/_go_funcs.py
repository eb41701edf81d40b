"""Go functions as checks about request scope and resource lifetimes need them: body extent and parameters.

Built on `_blocks`: a Go function is a closed brace block whose header holds the `func` keyword (a
declaration, a method or a literal). Signatures spread over several lines are not recognised; a check then
sees the enclosing function instead (a larger body), never a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from persona_review.checks._blocks import Block, Blocks, blocks_of, closing_line
from persona_review.checks._lexing import Lexed
from persona_review.checks._spans import indent_of
from persona_review.checks.base import FileContext
from persona_review.lazy_re import lazy_re

_FUNC_WORD = lazy_re(r"\bfunc\b")
_HEADER = lazy_re(r"\bfunc\b[^{}]*$")


@dataclass(frozen=True, slots=True)
class GoFunc:
    block: Block
    params: dict[str, str]
    """Parameter name -> type text (`w` -> `http.ResponseWriter`)."""
    literal: bool
    """A function literal (`func(...) {` inside an expression), not a declaration."""
    name: str = ""
    """The declared name (a method's without its receiver); empty for a literal."""
    order: tuple[str, ...] = ()
    """Parameter names in order, `""` for an unnamed one."""

    @property
    def first(self) -> int:
        return self.block.first

    @property
    def last(self) -> int:
        return self.block.last

    def param_of_type(self, *types: str) -> str | None:
        """The name of the first parameter whose type is one of `types`."""
        for name, typ in self.params.items():
            if typ in types:
                return name
        return None

    @property
    def is_handler(self) -> bool:
        """Serves an HTTP request: net/http, gin, echo or fiber handler parameters."""
        return bool(
            self.param_of_type("http.ResponseWriter") and self.param_of_type("*http.Request")
        ) or bool(self.param_of_type("*gin.Context", "echo.Context", "*fiber.Ctx"))

    @property
    def context_param(self) -> str | None:
        return self.param_of_type("context.Context")


def go_function(ctx: FileContext, block: Block) -> GoFunc | None:
    """`block` as a Go function, if its header is a `func` signature."""
    before, _, line = block.header.rpartition("\n")
    if "func" in line:
        header = line
    elif re.match(r"^\s*\)[^()]*$", line):
        header = before + "\n" + line  # the last line of parameters spread over two lines
    else:
        return None
    match = _HEADER.search(header)
    if match is None:
        return None
    parsed = _params(match.group())
    if parsed is None:
        return None
    params, literal, name, order = parsed
    return GoFunc(block, params, literal, name, order)


def _params(signature: str) -> tuple[dict[str, str], bool, str, tuple[str, ...]] | None:
    """The parameters of `func [(recv)] name(params) results` or `func(params) results`, whether it is a
    literal, its name and its parameter names in order."""
    rest = signature[4:].lstrip()
    if rest.startswith("("):
        receiver_end = _close(rest, 0)
        if receiver_end is None:
            return None
        after = rest[receiver_end + 1 :].lstrip()
        named = _NAME.match(after)
        if named is None:
            return _split(rest[1:receiver_end]), True, "", _order(rest[1:receiver_end])
        rest = after
    named = _NAME.match(rest)
    if named is None:
        return None
    end = _close(rest, named.end() - 1)
    if end is None:
        return None
    inner = rest[named.end() : end]
    return _split(inner), False, named.group(1), _order(inner)


_NAME = lazy_re(r"([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*\(")


def _order(params: str) -> tuple[str, ...]:
    """Parameter names in order; `""` where a parameter has no name (`func f(*sql.Rows)`)."""
    parts = [p.split() for p in params.split(",") if p.strip()]
    if parts and all(len(p) == 1 for p in parts):
        return tuple("" for _ in parts)  # types only
    return tuple(p[0] for p in parts)


def _close(text: str, start: int) -> int | None:
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return None


def _split(params: str) -> dict[str, str]:
    """`w http.ResponseWriter, r *http.Request` -> {w: http.ResponseWriter, r: *http.Request}; names that
    share a type (`a, b string`) get it too; unnamed parameters are left out."""
    out: dict[str, str] = {}
    pending: list[str] = []
    for part in params.split(","):
        words = part.split()
        if not words:
            continue
        if len(words) == 1:
            pending.append(words[0])
            continue
        typ = " ".join(words[1:]).lstrip(".")
        for name in [*pending, words[0]]:
            out[name] = typ
        pending = []
    return out


def functions(ctx: FileContext) -> dict[int, GoFunc]:
    """Every recognised Go function of the known lines, by the id of its opening brace (see `_blocks`)."""
    return ctx.cached("_go_funcs.functions", lambda: _functions(ctx, blocks_of(ctx)))


def _functions(ctx: FileContext, blocks: Blocks) -> dict[int, GoFunc]:
    out: dict[int, GoFunc] = {}
    for brace, block in blocks.blocks.items():
        if _FUNC_WORD.search(block.header):
            func = go_function(ctx, block)
            if func is not None:
                out[brace] = func
    return out


def declared(ctx: FileContext) -> dict[str, GoFunc]:
    """Functions and methods declared (not literals) in the known lines, by name; a name declared twice
    (methods of two types) keeps the first."""

    def index() -> dict[str, GoFunc]:
        out: dict[str, GoFunc] = {}
        for func in functions(ctx).values():
            if not func.literal and func.name:
                out.setdefault(func.name, func)
        return out

    return ctx.cached("_go_funcs.declared", index)


def enclosing_functions(ctx: FileContext, line: int) -> list[GoFunc]:
    """The known Go functions whose body holds `line`, innermost first; stops at the first enclosing block
    that is not closed in the known lines (so a hunk never passes for a whole function)."""
    blocks = blocks_of(ctx)
    funcs = functions(ctx)
    out: list[GoFunc] = []
    brace = blocks.owner.get(line)
    while brace is not None and brace in blocks.blocks:
        func = funcs.get(brace)
        if func is not None:
            out.append(func)
        brace = blocks.parent.get(brace)
    if brace is None and (not out or out[-1].literal):
        header = _header_function(ctx, line)
        if header is not None:
            out.append(header)
    return out


_FUNC_SECTION = lazy_re(r"^func\b.*\{\s*$")
"""A hunk header naming a top-level Go function (`func (r *Repo) Pending(ctx context.Context) ... {`)."""


def _header_function(ctx: FileContext, line: int) -> GoFunc | None:
    """The top-level function a hunk starts inside, as git names it in the hunk header, when the hunk also
    shows the function's closing brace (`}` at the margin) after `line`: known from the hunk's first line
    to its end. Nothing before the hunk is known, so only what follows a line is judged entire."""
    start = ctx.segment_start(line)
    if start is None:
        return None
    section = ctx.sections.get(start, "")
    if not _FUNC_SECTION.match(section):
        return None
    found = ctx.cached(f"_go_funcs.header.{start}", lambda: _header_function_at(ctx, start, section))
    return found if found is not None and line <= found.last else None


def _header_function_at(ctx: FileContext, start: int, section: str) -> GoFunc | None:
    match = _HEADER.search(section.rstrip().removesuffix("{"))
    parsed = _params(match.group()) if match is not None else None
    if parsed is None:
        return None
    blocks = blocks_of(ctx)
    no = start
    while no in ctx.lines:
        if ctx.lines[no].rstrip() == "}" and blocks.owner.get(no) not in blocks.blocks:
            params, literal, name, order = parsed
            block = Block(first=start, col=-1, last=no, header=section, depth=-1)
            return GoFunc(block, params, literal, name, order)
        no += 1
    return None


_DEFER_FUNC = lazy_re(r"^\s*defer\s+func\s*\(")
_FUNC_HEADER = lazy_re(r"^\s*func\b")
_BLOCK_HEAD = lazy_re(r"^\s*(?:\}\s*else\s+)?(?:if|for|switch|select|else|case|default)\b")


def in_deferred_func(lexed: Lexed, line: int) -> bool:
    """Is `line` in the body of a `defer func() { ... }()`, directly or inside its `if`s, loops and cases
    (the less indented lines above it, within 40 lines, lead to one before any function header)?"""
    indent = indent_of(lexed.bare.get(line, ""))
    for no in range(line - 1, max(0, line - 40), -1):
        text = lexed.bare.get(no)
        if text is None:
            return False
        if not text.strip() or indent_of(text) >= indent:
            continue
        if _DEFER_FUNC.match(text):
            return True
        if _FUNC_HEADER.match(text) or not _BLOCK_HEAD.match(text):
            return False
        indent = indent_of(text)  # an enclosing `if err != nil {` or loop: keep climbing
    return False


_TOP_LEVEL = lazy_re(r"^(?:func|type|var|const|import)\b")


def _last_known(lexed: Lexed, start: int) -> int:
    """The last line of the run of known lines that begins at `start`."""
    last = start
    while last + 1 in lexed.bare:
        last += 1
    return last


def _margin_close(lexed: Lexed, start: int) -> tuple[bool, int | None]:
    """(True, line) of the first `}` at the left margin from line `start` on: gofmt puts a top-level
    function's closing brace there and every inner block's further right, so a hunk that starts inside an
    `if` (whose brace closes first) still finds the function's end; (True, None) when the known lines end
    first (all indented: still inside the function); (False, None) when something else sits at the margin
    (not gofmt'd code: the brace count decides)."""
    line = start
    while line in lexed.bare:
        text = lexed.bare[line]
        if text.rstrip() == "}":
            return True, line
        if text[:1] not in ("", " ", "\t"):
            return False, None
        line += 1
    return True, None


def section_function(ctx: FileContext, lexed: Lexed, line: int) -> GoFunc | None:
    """For a hunk that starts inside a function whose signature is above it: that function, read from the
    hunk header's section text (`@@ -63,6 +63,13 @@ func (a *API) report(w http.ResponseWriter, r
    *http.Request) {`), when `line` is still inside it (no brace closes it and no declaration starts at the
    margin between the hunk's first line and `line`). Its block runs from the hunk's first line (`first`
    is the line before) to the brace that closes it, or the last known line. Only the signature is known:
    a check may read its parameters, not assume it sees the whole body."""
    start = ctx.segment_start(line)
    section = ctx.section_at(line)
    if start is None or not _FUNC_HEADER.match(section):
        return None
    header = section.strip().removesuffix("{").rstrip()
    parsed = _params(header) if _HEADER.search(header) else None
    if parsed is None:
        return None
    gofmt, closing = _margin_close(lexed, start)
    if not gofmt:
        closing = closing_line(lexed.bare, start)
    if (closing is not None and closing < line) or any(
        _TOP_LEVEL.match(lexed.bare.get(n, "")) for n in range(start, line + 1)
    ):
        return None  # the function the header names ends before `line`
    last = closing if closing is not None else _last_known(lexed, start)
    params, _literal, name, order = parsed
    return GoFunc(Block(start - 1, 0, last, header, 0), params, False, name, order)
