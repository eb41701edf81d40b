"""Python: `functools.lru_cache` or `functools.cache` on a method.

    class PriceService:
        @lru_cache(maxsize=None)
        def price_for(self, sku):             # `self` is part of every key: each instance lives forever
            ...

The cache belongs to the function, not to the instance, and `self` is one of its keys: every instance that
ever called the method is kept alive by the cache (with the database session, request or client it holds),
and with `maxsize=None`/`cache` the entries never go. A service object made per request thus leaks one
instance and its results per request. Reported on the decorator of a `def` whose first parameter is
`self`; `staticmethod`/`classmethod` are left alone, and so is a decorator marked `# noqa: B019`
(ruff's B019 reports the same pattern).
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_DECORATOR = lazy_re(
    r"^\s*@(?:functools\.)?(?P<kind>lru_cache|cache)\b(?P<args>\s*\([^)]*\))?\s*$"
)
_METHOD = lazy_re(r"^\s+(?:async\s+)?def\s+\w+\s*\(\s*self\s*[,):]")
_OTHER_DECORATOR = lazy_re(r"^\s*@")


@register(
    CheckSpec(
        id="PY-CACHED-METHOD",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"python"}),
        title="`lru_cache`/`cache` on a method keeps every instance alive",
        explanation=(
            "The cache is shared by all instances and `self` is part of each key, so every instance that "
            "calls the method stays referenced by the cache (with the session, request or client it holds) "
            "and is never freed; with `maxsize=None` or `@cache` the entries never go. Cache on the instance "
            "(`functools.cached_property`, a dict attribute), or move the cached work to a module-level "
            "function of the values it needs, with a `maxsize`."
        ),
    ),
    needs=("lru_cache", "@cache", "functools.cache"),
)
def cached_method(ctx: FileContext) -> Iterator[Hit]:
    rows = list(lines_of(lex(ctx)))
    for index, (no, _code, bare) in enumerate(rows):
        if no not in ctx.added or "cache" not in bare:
            continue
        decorator = _DECORATOR.match(bare)
        if decorator is None or "B019" in ctx.lines.get(no, ""):
            continue  # a B019 suppression on the line: the author chose this cache knowingly
        method = None
        for later in range(index + 1, min(len(rows), index + 6)):
            later_no, _c, text = rows[later]
            if later_no != rows[later - 1][0] + 1:
                break
            if _OTHER_DECORATOR.match(text):
                if "staticmethod" in text or "classmethod" in text:
                    break
                continue
            if _METHOD.match(text):
                method = later_no
            break
        if method is None:
            continue
        unbounded = decorator.group("kind") == "cache" or "None" in (decorator.group("args") or "")
        yield Hit(no, message=(
            "This cache decorates a method, so `self` is part of every key and the cache (shared by all "
            "instances) keeps each instance that calls it alive, with everything it references"
            + (", for ever: this cache has no size limit" if unbounded else "") +
            ". Cache on the instance (`functools.cached_property` or a dict attribute) or cache a "
            "module-level function of the values it needs, with a `maxsize`."))
