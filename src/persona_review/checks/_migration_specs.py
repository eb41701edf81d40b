"""Check specs for a family of migration checks (one spec per checklist item) and their registration.

Each framework module scans a file once into (checklist item, Hit) pairs; `register_family` registers one
check per item that serves its share of that single scan (cached for the file being checked, since the
runner runs every check on one file before moving to the next).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from persona_review.checks._migration_advice import advice
from persona_review.checks._migration_engines import POSTGRES, applies, wording
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity


class ItemHit(NamedTuple):
    item: str
    hit: Hit
    detail: str = ""
    """What the hit found, before the item's why and safe sequence (reworded per engine in `for_engine`)."""


Scanner = Callable[[FileContext], list[ItemHit]]

_SLUGS: dict[str, tuple[str, Severity]] = {
    "MIG-00": ("JSON-COLUMN", Severity.MEDIUM),
    "MIG-01": ("DROP", Severity.HIGH),
    "MIG-02": ("NOT-NULL", Severity.HIGH),
    "MIG-03": ("INDEX-LOCK", Severity.HIGH),
    "MIG-04": ("TYPE-CHANGE", Severity.HIGH),
    "MIG-05": ("RENAME", Severity.HIGH),
    "MIG-06": ("CONSTRAINT-VALIDATE", Severity.MEDIUM),
    "MIG-07": ("UNIQUE-LOCK", Severity.MEDIUM),
    "MIG-08": ("VOLATILE-DEFAULT", Severity.HIGH),
    "MIG-09": ("IRREVERSIBLE", Severity.MEDIUM),
    "MIG-10": ("RAW-SQL", Severity.MEDIUM),
    "MIG-11": ("LOCK-TIMEOUT", Severity.LOW),
    "MIG-12": ("CONCURRENT-IN-TX", Severity.HIGH),
}


def make_specs(prefix: str, languages: Iterable[str], items: Iterable[str]) -> dict[str, CheckSpec]:
    """Specs `<prefix>-<slug>` for `items`, e.g. make_specs("RAILS", ["ruby"], ["MIG-01"])."""
    langs = frozenset(languages)
    specs: dict[str, CheckSpec] = {}
    for item in items:
        slug, severity = _SLUGS[item]
        info = advice(item)
        specs[item] = CheckSpec(
            id=f"{prefix}-{slug}",
            checklist_item=item,
            category=Category.MIGRATION_SAFETY,
            severity=severity,
            languages=langs,
            title=info.title,
            explanation=info.text(),
        )
    return specs


def with_advice(
    item: str, line: int, detail: str, end_line: int | None = None, severity: Severity | None = None
) -> ItemHit:
    """An ItemHit whose message leads with `detail` and goes on with the item's why and safe sequence.
    `severity` overrides the spec default, e.g. lower when an old column type is unknown."""
    hit = Hit(line=line, end_line=end_line, message=advice(item).text(detail), severity=severity)
    return ItemHit(item, hit, detail)


def for_engine(found: list[ItemHit], engine: str | None) -> list[ItemHit]:
    """`found` as it reads on `engine`: hazards the engine does not have are left out, the others carry the
    engine's why and safe sequence (and its general rule as the finding's explanation)."""
    if engine is None or engine == POSTGRES:
        return found
    out: list[ItemHit] = []
    for each in found:
        if not applies(each.item, engine):
            continue
        words = wording(each.item, each.detail, engine)
        if words.explanation is None:
            out.append(each)
        else:
            hit = each.hit
            out.append(each._replace(hit=Hit(hit.line, hit.end_line, words.message, hit.suggested_fix,
                                              hit.severity, words.explanation)))
    return out


class _OneFileCache:
    """The scan of the most recent file, split by checklist item; the runner checks one file with every
    check before the next, and each item's check takes its share without walking the others' hits."""

    def __init__(self, scan: Scanner) -> None:
        self._scan = scan
        self._ctx: FileContext | None = None
        self._by_item: dict[str, list[Hit]] = {}

    def hits(self, ctx: FileContext, item: str) -> list[Hit]:
        if self._ctx is not ctx:
            by_item: dict[str, list[Hit]] = {}
            for found in for_engine(self._scan(ctx), ctx.change.database):
                by_item.setdefault(found.item, []).append(found.hit)
            self._by_item = by_item
            self._ctx = ctx
        return list(self._by_item.get(item, ()))


def register_family(specs: dict[str, CheckSpec], scan: Scanner, needs: tuple[str, ...] = ()) -> None:
    """Register each item's check; `needs` (as for `register`): texts one of which every file the family
    reads as a migration holds (its framework's markers), so that other files skip it unread."""
    cache = _OneFileCache(scan)
    for item, spec in specs.items():
        register(spec, needs=needs)(_item_check(cache, item))


def _item_check(cache: _OneFileCache, item: str) -> Callable[[FileContext], list[Hit]]:
    def check(ctx: FileContext) -> list[Hit]:
        return cache.hits(ctx, item)

    return check
