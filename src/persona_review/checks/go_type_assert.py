"""Go: a single-value type assertion on a value read from an untyped map or a context.

    claims := token.Claims.(jwt.MapClaims)
    userID := claims["sub"].(string)     // a token without "sub" (or with a number there) panics

The single-value form `x.(T)` panics when `x` is missing (nil) or of another type. On a value the program
made itself that is an invariant; on one read by key from a `map[string]any` (JWT claims, decoded JSON) it
is whatever the input put there. Reported: `m["key"].(T)` in the single-value form (not `v, ok := ...`, not
a type switch) where the lines above show `m` is such a map: typed `map[string]any`/`map[string]interface{}`
or `MapClaims`, taken from a token's `Claims`, filled by `Unmarshal`/`Decode`, or ranged over a slice of
them; once per map in a few lines. `ctx.Value(key).(T)` is left alone: in a sweep of mature projects it
read values the project's own middleware had set, an invariant. Tests are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ASSERTION = lazy_re(
    r"(?P<source>(?<![\w.])(?P<map>[A-Za-z_]\w*)\s*\[\s*\"[^\"]*\"\s*\])"
    r"\s*\.\(\s*(?!type\s*\))(?P<type>[\w.*\[\]{}]+)\s*\)"
)
_COMMA_OK = lazy_re(r"^\s*(?:\}\s*else\s+)?(?:if\s+)?[A-Za-z_][\w.]*\s*,\s*[A-Za-z_]\w*\s*:?=\s*")


@register(
    CheckSpec(
        id="GO-TYPE-ASSERT-UNCHECKED",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"go"}),
        title="Unchecked type assertion on a value read by key",
        explanation=(
            "The single-value assertion `v.(T)` panics when the key is absent or holds another type. A value "
            "read from claims, decoded JSON or a context is whatever the input or the middleware put there: "
            "one malformed token or an unguarded route crashes the request (or the process, outside "
            "`net/http`'s recovery). Use `v, ok := m[\"key\"].(T)` and answer `!ok` with an error."
        ),
    ),
    needs=(".(",),
)
def type_assert_unchecked(ctx: FileContext) -> Iterator[Hit]:
    if ctx.path.endswith("_test.go"):
        return
    lexed = lex(ctx)
    reported: dict[str, int] = {}
    for no, code, bare in lines_of(lexed):
        if ".(" not in bare:
            continue
        found = _ASSERTION.search(bare)
        if found is None:
            continue
        rest = bare[found.end():].strip()
        if _COMMA_OK.match(bare) and (not rest or rest.startswith(";")):
            continue  # `v, ok := m["k"].(T)`
        name = found.group("map")
        if no - reported.get(name, -_RUN) < _RUN or not _untyped_map(lexed.bare, no, name):
            continue
        reported[name] = no
        source = code[found.start("source"):found.end("source")].strip()
        yield Hit(no, None, message=(
            f"`{source}.({found.group('type')})` panics when the value is missing or of another type; use "
            f"the comma-ok form and handle `!ok`."))


_RUN = 25
"""Lines within which further assertions on the same map are not reported again."""
_LOOK_BACK = 40
_UNTYPED = lazy_re(r"map\[string\](?:interface\{\}|any)|MapClaims|\.Claims\b|\b(?:Unmarshal|Decode)\s*\(")
_RANGE = lazy_re(r"^\s*for\s+\w+\s*,\s*(?P<v>\w+)\s*:?=\s*range\s+(?P<over>[A-Za-z_]\w*)\s*\{")


def _untyped_map(bare: dict[int, str], no: int, name: str, hops: int = 1) -> bool:
    """Do the lines above `no` show `name` to be a map of untyped values (or one ranged out of a slice of
    them, `hops` steps back)?"""
    mention = re.compile(rf"(?<![\w.]){re.escape(name)}\b")
    for line in range(no - 1, max(0, no - _LOOK_BACK), -1):
        text = bare.get(line)
        if text is None or not mention.search(text):
            continue
        if _UNTYPED.search(text):
            return True
        ranged = _RANGE.match(text)
        if ranged is not None and ranged.group("v") == name and hops > 0:
            return _untyped_map(bare, line, ranged.group("over"), hops - 1)
    return False
