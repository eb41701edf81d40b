"""Which Rails `change_column` type changes Postgres does without rewriting the table.

Given the old definition (from the migration's own `down`) and the new one: same type with a larger or
removed limit/precision, varchar -> text/citext, text <-> citext, text/citext -> unbounded varchar,
cidr -> inet. A text-family change on an indexed column still rebuilds the index, so it is not safe.
"""

from __future__ import annotations

from typing import NamedTuple

_ALIASES = {"string": "varchar", "datetime": "timestamp", "numeric": "decimal"}
_TEXT_FAMILY = frozenset({"varchar", "text", "citext"})
_PRECISION_TYPES = frozenset({"timestamp", "timestamptz", "time", "interval"})


class ColumnType(NamedTuple):
    name: str
    limit: int | None
    precision: int | None
    scale: int | None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def column_type(positional: list[str], keywords: dict[str, str]) -> ColumnType | None:
    if not positional:
        return None
    name = positional[0].strip().lstrip(":").strip("\"'").lower()
    return ColumnType(
        _ALIASES.get(name, name),
        _int(keywords.get("limit")),
        _int(keywords.get("precision")),
        _int(keywords.get("scale")),
    )


def _not_smaller(old: int | None, new: int | None) -> bool:
    """True when `new` is unbounded or at least `old` (an unbounded old only stays safe if new is too)."""
    if new is None:
        return True
    return old is not None and new >= old


def _first(*values: int | None) -> int | None:
    return next((v for v in values if v is not None), None)


def widening_change(
    old_pos: list[str], old_kw: dict[str, str], new_pos: list[str], new_kw: dict[str, str], indexed: bool
) -> bool:
    old, new = column_type(old_pos, old_kw), column_type(new_pos, new_kw)
    if old is None or new is None:
        return False
    if old.name == new.name:
        if old.name == "varchar":
            return _not_smaller(old.limit, new.limit)
        if old.name == "decimal":
            return new.precision is None or (
                old.scale == new.scale and _not_smaller(old.precision, new.precision)
            )
        if old.name in _PRECISION_TYPES:
            # Postgres' default (and maximum) fractional-second precision is 6.
            old_p = _first(old.precision, old.limit, 6)
            return _not_smaller(old_p, _first(new.precision, new.limit, 6))
        return old == new
    if old.name in _TEXT_FAMILY and new.name in _TEXT_FAMILY:
        if indexed:
            return False
        if new.name == "varchar":
            return new.limit is None
        return True
    return (old.name, new.name) == ("cidr", "inet")
