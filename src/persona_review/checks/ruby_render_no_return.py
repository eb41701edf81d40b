"""Rails: a conditional `render`/`redirect_to`/`head` without `return`, and the action renders again.

    def update
      unless current_user.admin?
        redirect_to root_path, alert: "Not allowed"     # no `and return`: the action goes on
      end
      @post.update!(post_params)                          # the refused request still writes
      render :show                                        # AbstractController::DoubleRenderError
    end

`render`, `redirect_to` and `head` set the response; they do not leave the action. Reported, in a
controller: one of them inside an `if`/`unless` block (or with an `if`/`unless` modifier) with no
`return` after it in the block, when the lines that run after it in the action render, redirect or answer
again before leaving. Quiet with `and return`, `return render ...`, an `else` after the block, or when
the conditional ends the action.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._fallthrough import quoted
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import indent_of, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_RESPONDS = lazy_re(r"^\s*(?P<how>render|redirect_to|redirect_back(?:_or_to)?|head)(?=\s+(?![\s=])|\(|$)")
_RESPONDS_AGAIN = lazy_re(
    r"^\s*(?:return\s+)?(?:render|redirect_to|redirect_back(?:_or_to)?|head|respond_with|send_file|send_data"
    r"|respond_to)(?=\s+(?![\s=])|\(|$)"
)
_RETURNS = lazy_re(r"(?:(?:\band|&&|\bor)\s+return\b|;\s*return\b)")
_MODIFIER = lazy_re(r"\s(?:if|unless)\s")
_OPENS_CONDITION = lazy_re(r"^\s*(?:if|unless)\b")
_LEAVES = lazy_re(r"^\s*(?:return|raise|fail|throw)\b|(?:\band|&&|\bor)\s+return\b")
_DEF = lazy_re(r"^\s*def\s")
_CONTROLLER = lazy_re(r"(?m)^\s*class\s+\S+\s*<\s*(?:\w+::)*\w*Controller\b|ActionController::")
_LIMIT = 40


@register(
    CheckSpec(
        id="RB-RENDER-NO-RETURN",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"ruby"}),
        title="Conditional `render`/`redirect_to` without `return`: the action renders again",
        explanation=(
            "`render`, `redirect_to` and `head` do not leave the action. On the path that was meant to stop "
            "here, the code after the conditional still runs (the write the check should have prevented) "
            "and the action renders again: `AbstractController::DoubleRenderError` and a 500 for that "
            "request. Write `redirect_to(...) and return`, `return render(...)`, or put the rest in "
            "an `else`."
        ),
    ),
    needs=("render", "redirect_", "head"),
)
def render_no_return(ctx: FileContext) -> Iterator[Hit]:
    if not (ctx.path.endswith("_controller.rb") or _CONTROLLER.search(ctx.known_text())):
        return
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if no not in ctx.added:
            continue
        match = _RESPONDS.match(bare)
        if match is None or _RETURNS.search(bare):
            continue
        if _MODIFIER.search(bare):
            after, floor = no, indent_of(bare)
        else:
            opened = _condition_end(lexed, no)
            if opened is None:
                continue
            after, floor = opened
        again = _renders_again(lexed, after, floor)
        if again is not None:
            yield Hit(no, message=(
                f"`{quoted(lexed.code[no])}` does not leave the action, and line {again} responds again: "
                "DoubleRenderError on this path. Add `and return` (or `return` on the next line)."))


def _condition_end(lexed: Lexed, no: int) -> tuple[int, int] | None:
    """(the line of its `end`, the indent of its `if`) when line `no` sits directly in an `if`/`unless`
    block that nothing after it in the block leaves and that ends with a plain `end`."""
    indent = indent_of(lexed.bare[no])
    opener = None
    for above in range(no - 1, max(0, no - _LIMIT), -1):
        text = lexed.bare.get(above)
        if text is None:
            return None
        if text.strip() and indent_of(text) < indent:
            opener = above
            break
    if opener is None or not _OPENS_CONDITION.match(lexed.bare[opener]):
        return None
    floor = indent_of(lexed.bare[opener])
    for below in range(no + 1, no + _LIMIT):
        text = lexed.bare.get(below)
        if text is None:
            return None
        if not text.strip():
            continue
        if indent_of(text) <= floor:
            return (below, floor) if text.strip() == "end" else None
        if _LEAVES.search(text):
            return None
    return None


def _renders_again(lexed: Lexed, after: int, floor: int) -> int | None:
    """The line that responds again on the path after line `after` (at indent `floor`), up to the end of
    the method or a line that leaves at that level."""
    level = floor
    for no in range(after + 1, after + _LIMIT):
        text = lexed.bare.get(no)
        if text is None:
            return None
        stripped = text.strip()
        if not stripped:
            continue
        indent = indent_of(text)
        if indent < level:
            if stripped != "end" or _closes_method(lexed, no, indent):
                return None  # another branch (`else`, `when`, `rescue`), or the end of the action
            level = indent
            continue
        if _DEF.match(text):
            return None
        if _RESPONDS_AGAIN.match(text):
            return no
        if indent <= level and _LEAVES.search(text):
            return None
    return None


def _closes_method(lexed: Lexed, no: int, indent: int) -> bool:
    """Whether the `end` on line `no` closes a `def` (the nearest line above at its indent is one)."""
    for above in range(no - 1, max(0, no - 400), -1):
        text = lexed.bare.get(above)
        if text is None:
            return True
        if text.strip() and indent_of(text) == indent:
            return _DEF.match(text) is not None
        if text.strip() and indent_of(text) < indent:
            return True
    return True
