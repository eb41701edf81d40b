"""Go `defer` inside a loop: each iteration adds a deferred call that runs only when the whole function
returns, so the files, rows, response bodies or locks it releases pile up for the length of the loop
(a file descriptor per row of a batch, a pooled connection per page of an API).

Read on brace blocks: a `defer` statement whose enclosing blocks, up to its function, include a `for` loop,
and that releases what the same pass of the loop took (a name the loop body assigned or locked before it,
and does not keep afterwards). A deferred call inside a function literal the loop calls
(`func() { defer f.Close() }()`) is the fix, not the problem; a `defer` followed in its own block by
`return` or `break` runs once; closing each element of a list made before the loop, or a resource the loop
keeps in a slice for later, is done on purpose. All are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import Block, blocks_of
from persona_review.checks._go_funcs import functions
from persona_review.checks._lexing import lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_DEFER = lazy_re(r"^\s*defer\s+(?P<call>.+?)\s*$")
_FOR = lazy_re(r"^\s*(?:\w+:\s*)?for\b")
_LEAVES = lazy_re(r"^\s*(?:return|break)\b")


@register(
    CheckSpec(
        id="GO-DEFER-IN-LOOP",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"go"}),
        title="`defer` inside a loop",
        explanation=(
            "A deferred call runs when the function returns, not at the end of the iteration: every pass "
            "through the loop holds one more file, response body, rows or lock until the loop is over, and a "
            "long loop runs out of file descriptors or pool connections. Release it explicitly at the end of "
            "the iteration, or move the body into a function (a named one, or `func() { ... }()`) so its "
            "`defer` runs each time."
        ),
    ),
    needs=("defer ",),
)
def defer_in_loop(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    funcs = functions(ctx)
    for no, bare in lexed.bare.items():
        if _DEFER.match(bare) is None:
            continue
        loop: Block | None = None
        brace = blocks.owner.get(no)
        while brace is not None and brace not in funcs:
            block = blocks.blocks.get(brace)
            if block is None:
                break  # a block not known entire: its header, and the function, are unknown
            if loop is None and _FOR.search(block.header.rsplit("\n", 1)[-1]):
                loop = block
            brace = blocks.parent.get(brace)
        if loop is None or brace not in funcs:
            continue
        home = blocks.owner.get(no)
        end = blocks.blocks[home].last if home in blocks.blocks else no
        if any(_LEAVES.match(lexed.bare.get(n, "")) and blocks.owner.get(n) == home
               for n in range(no + 1, end)):
            continue
        if not _acquired_each_pass(lexed.bare, loop, no):
            continue
        yield Hit(no, None, _message(lexed.code.get(no, "").strip()))


def _acquired_each_pass(bare: dict[int, str], loop: Block, line: int) -> bool:
    """Whether the deferred call releases something this pass of the loop took: a name it uses as a
    receiver (`f.Close()`, `mu.Unlock()`) that the loop body assigned (`f, err := os.Open(p)`) or locked
    (`mu.Lock()`) before the `defer`, and that the body does not keep after it (`blocks = append(blocks, b)`
    holds it open on purpose). A `defer` of something made before the loop (closing each element of an
    existing list) does not pile up per pass."""
    body = [bare.get(n, "") for n in range(loop.first + 1, line)]
    statement = _statement(bare, line)
    used = set(_RECEIVER.findall(statement)) | set(_UNLOCKED.findall(statement))
    taken: set[str] = set()
    for text in body:
        for lhs in _ASSIGN.findall(text):
            taken.update(name.strip() for name in lhs.split(","))
        taken.update(_LOCKED.findall(text))
    names = used & taken
    if not names:
        return False
    after = "\n".join(bare.get(n, "") for n in range(line + 1, loop.last))
    return not any(re.search(rf"\bappend\([^)]*\b{re.escape(n)}\b|(?<![=!<>:])=\s*{re.escape(n)}\s*$",
                             after, re.MULTILINE) for n in names)


def _statement(bare: dict[int, str], line: int) -> str:
    """The `defer` statement's text: its line, or through the end of a deferred function literal."""
    text = bare.get(line, "")
    depth = text.count("{") - text.count("}")
    out = [text]
    no = line
    while depth > 0 and no - line < 200:
        no += 1
        nxt = bare.get(no)
        if nxt is None:
            break
        out.append(nxt)
        depth += nxt.count("{") - nxt.count("}")
    return "\n".join(out)


_RECEIVER = lazy_re(r"(?<![\w.])([A-Za-z_]\w*)\s*\.\s*[A-Za-z_]\w*\s*\(")
_ASSIGN = lazy_re(r"^\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*:?=(?!=)")
# A lock may be a field (`c.mu.Lock()`): the whole dotted path is its name, matched against the path the
# deferred `Unlock` names.
_LOCKED = lazy_re(r"(?<![\w.])([A-Za-z_][\w.]*?)\.R?Lock\(\)")
_UNLOCKED = lazy_re(r"(?<![\w.])([A-Za-z_][\w.]*?)\.R?Unlock\(\)")


def _message(statement: str) -> str:
    """What is deferred in a loop here; why it matters and the fixes are the check's explanation."""
    shown = statement if len(statement) <= 60 else statement[:57] + "..."
    return f"`{shown}` is inside a loop: it runs when the function returns, not when the iteration ends."
