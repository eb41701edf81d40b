"""Go: `err` declared again with `:=` in an inner block, while the outer `err` read later is never set.

    var err error
    for _, it := range items {
        price, err := s.prices.Get(ctx, it.SKU)   // a new `err`, local to the loop body
        if err != nil {
            break
        }
        total += price
    }
    if err != nil {                                // the outer `err`: always nil here
        return 0, err
    }

Reported (on the inner `:=`): `var err error` in a block, then `err` declared with `:=` in a block nested
in it, then a read of `err` back in the outer block, with no plain assignment to `err` (`err =`, `x, err
=`) and no `&err` anywhere between the declaration and that read, and no `return` of `err` in the inner
block. The outer `err` is then nil at the read whatever happens, so the failure the inner block saw is
lost. Only lines in one run of known lines count.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_DECLARED = lazy_re(r"^\s*var\s+err\s+error\s*$")
_REDECLARED = lazy_re(r"(?:^\s*|;\s*|\b(?:if|for|switch)\s+)(?:[\w.]+\s*,\s*)*err\s*(?:,\s*[\w.]+\s*)*:=")
_SET = lazy_re(
    r"(?:^\s*|;\s*|\b(?:if|for|switch)\s+)(?:[\w.*\[\]]+\s*,\s*)*err\s*(?:,\s*[\w.*\[\]]+\s*)*=(?!=)|&err\b"
)
_READ = lazy_re(r"(?<![\w.])err\b")
_RETURNS_ERR = lazy_re(r"\breturn\b.*(?<![\w.])err\b")
_LIMIT = 300
"""Lines after the declaration looked at."""


@register(
    CheckSpec(
        id="GO-ERR-SHADOWED",
        checklist_item="ERR-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="`err` redeclared in an inner block; the outer `err` checked later is always nil",
        explanation=(
            "`:=` inside the block makes a new `err` that lives only there. The outer `err`, declared with "
            "`var err error` and tested after the block, is never given a value, so that test never fires: "
            "the failure is dropped and the function goes on (or returns success) with partial results. "
            "Assign with `=` (declare the other results beforehand), or handle the error inside the block."
        ),
    ),
    needs=("var err error",),
)
def err_shadowed(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for segment in lexed.segments:
        for index, no in enumerate(segment):
            if "var err" in lexed.bare[no] and _DECLARED.match(lexed.bare[no]):
                found = _shadow_then_read(lexed.bare, segment[index + 1 : index + 1 + _LIMIT],
                                          indent_of(lexed.bare[no]))
                if found is not None:
                    inner, read = found
                    yield Hit(
                        inner,
                        message=(
                            f"This `:=` declares a new `err` for the inner block; the `err` declared on line "
                            f"{no} and read on line {read} is never set, so it is always nil there and this "
                            "failure is lost."
                        ),
                    )


def _shadow_then_read(bare: dict[int, str], lines: list[int], indent: int) -> tuple[int, int] | None:
    """(the first inner `err :=`, the outer read after it) among `lines`, which follow a `var err error`
    at `indent`; None when the outer `err` is set first, or its block ends."""
    inner: int | None = None
    for no in lines:
        text = bare[no]
        if not text.strip():
            continue
        depth = indent_of(text)
        if depth < indent:
            return None  # the declaring block has ended
        if "err" not in text:
            continue
        if _SET.search(text):
            return None  # given a value (or its address) somewhere: it may not be nil
        if depth > indent:
            if inner is None and _REDECLARED.search(text):
                inner = no
            elif inner is not None and _RETURNS_ERR.search(text):
                return None  # the inner block hands its own error back: the outer one is nil only on success
            continue
        if _REDECLARED.search(text):
            return None  # `if x, err := f(); err != nil` at the outer level reads its own `err`
        if inner is not None and _READ.search(text):
            return inner, no
    return None
