"""Java: the result of a single-record lookup that may be `null`, used without a null check.

    Order order = orderRepository.findById(id).orElse(null);
    order.setStatus(Status.PAID);              // unknown id: NullPointerException, answered 500

Reported, on the line that dereferences the result, when a local is assigned
- `<repo>.findById(...).orElse(null)` (any `Optional` lookup ending in `.orElse(null)`), or
- a repository, DAO or mapper lookup that returns the entity itself and `null` when nothing matches
  (Spring Data `findByX(...)` declared with an entity type, MyBatis(-Plus) `selectById`/`getById`),
with the key one of the enclosing method's parameters, and the local's next use is `x.method()` with nothing
in between that tests it (`x == null`, `Objects.isNull(x)`, `Assert.notNull(x, ...)`, a hand-off).
Tests are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._next_use import next_member_use
from persona_review.checks._spans import indent_of, reaches
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_DECLARED = lazy_re(
    r"^\s*(?:final\s+)?(?P<type>[A-Z]\w*(?:<[^=]*>)?)\s+(?P<name>[a-z]\w*)\s*=\s*"
    r"(?P<recv>(?:this\.)?[a-z]\w*)\.(?P<method>\w+)\s*\((?P<args>.*?)\)\s*(?P<tail>(?:\.orElse\s*\(\s*null\s*\))?)"
    r"\s*;\s*$"
)
_LOOKUP_RECEIVER = lazy_re(r"(?i)(?:repository|repo|dao|mapper)$")
_ENTITY_LOOKUP = lazy_re(r"^(?:findBy(?!Id$)\w+|findOneBy\w+|selectById|getById|selectOne)$")
_NOT_ENTITY = lazy_re(
    r"^(?:Optional|List|Set|Collection|Iterable|Page|Slice|Stream|Map|Boolean|Long|Integer|String|Object"
    r"|IPage|PageData|PageResult|PageInfo)\b"
)
_TEST_PATH = lazy_re(r"(?:^|/)src/test/|Test\.java$|Tests\.java$")
_METHOD = lazy_re(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|protected|private|static|final|synchronized)\s+)*"
    r"(?:<[^>]+>\s+)?[\w<>\[\], ?.]+\s+\w+\s*\((?P<params>[^)]*)\)\s*(?:throws\s+[\w.,\s]+)?\{\s*$"
)
_WINDOW = 12


@register(
    CheckSpec(
        id="JAVA-LOOKUP-NULL-DEREF",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="Lookup result that may be null dereferenced without a check",
        explanation=(
            "`findById(id).orElse(null)`, a Spring Data `findByX` declared with the entity type and MyBatis "
            "`selectById`/`getById` give `null` when nothing matches. Calling a method on the result right "
            "away throws NullPointerException for an unknown or deleted id: the request is answered with "
            "500 instead of 404. Use `.orElseThrow(() -> new ResponseStatusException(NOT_FOUND))` (or the "
            "project's not-found exception), or test the result for null first."
        ),
    ),
    needs=("orElse(null)", "findBy", "selectById", "getById", "selectOne", "findOne"),
)
def lookup_null_deref(ctx: FileContext) -> Iterator[Hit]:
    if _TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    for no in sorted(lexed.bare):
        bare = lexed.bare[no]
        if "(" not in bare or "=" not in bare:
            continue
        found = _DECLARED.match(bare)
        if found is None or not _may_be_null(found):
            continue
        params = _method_params(lexed, no)
        # the key is a parameter itself (not a field of one: a record the caller already holds), of a
        # method other callers reach (a private helper's caller knows what exists)
        words = set(re.findall(r"(?<![.\w])[a-z]\w*(?!\w|\s*\.)", found.group("args")))
        if params is None or not params & words:
            continue
        name = found.group("name")
        read = _first_use_is_call(lexed, no, name, indent_of(bare))
        if read is None:
            continue
        line, member = read
        start, end = (no, line) if reaches(ctx, no, line) else (line, None)
        yield Hit(start, end, message=(
            f"`{name}` is null when `{found.group('method')}` on line {no} finds nothing, and "
            f"`{name}.{member}` is called without a check: NullPointerException, answered 500, for an "
            "unknown id. Throw a not-found exception (`orElseThrow`) or test it first."))


def _may_be_null(found: re.Match[str]) -> bool:
    if not _one_call(found.group("args")):
        return False  # `findById(id).orElseThrow(...)`, `findByX(...).getY()`: another call's result
    if found.group("tail"):
        return True
    if _NOT_ENTITY.match(found.group("type")) or "<" in found.group("type"):
        return False
    receiver = found.group("recv").removeprefix("this.")
    return bool(_LOOKUP_RECEIVER.search(receiver) and _ENTITY_LOOKUP.match(found.group("method")))


def _one_call(args: str) -> bool:
    """Are `args` the arguments of one call (their brackets balance without closing the call early)?"""
    depth = 0
    for char in args:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _method_params(lexed: Lexed, no: int) -> set[str] | None:
    """The parameter names of the non-private method around line `no`; None for a private one or when no
    method header is in view."""
    indent = indent_of(lexed.bare.get(no, ""))
    for line in range(no - 1, max(0, no - 150), -1):
        text = lexed.bare.get(line)
        if text is None:
            return None
        if not text.strip() or indent_of(text) >= indent:
            continue
        found = _METHOD.match(text)
        if found is not None:
            if re.match(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*private\b", text):
                return None
            params = re.sub(r"@\w+(?:\([^)]*\))?", " ", found.group("params"))
            return {p.split()[-1] for p in params.split(",") if p.split()}
        indent = indent_of(text)
    return None


def _first_use_is_call(lexed: Lexed, no: int, name: str, indent: int) -> tuple[int, str] | None:
    word = re.escape(name)
    return next_member_use(
        lexed, no, indent, _WINDOW,
        mention=re.compile(rf"(?<![\w.]){word}(?!\w)"),
        member=re.compile(rf"(?<![\w.]){word}\.(?P<m>\w+)\s*\("),
        guarded=lambda text, _member: _JAVA_TEST.search(text) is not None,
    )


_JAVA_TEST = lazy_re(r"^\s*(?:if|while|return\b.*\?|assert)\b|\?|&&|\|\||!=|==")
"""A line that may test the value before using it (a condition, a ternary, a comparison)."""
