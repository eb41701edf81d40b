"""Reading the family variant files under `tests/data/*_family_variants/`.

A variant names, in its first lines, `want: RULE` (the rule must report something in the file) or
`clean: RULE` (it must stay quiet there), and may name the repository path it stands for (`path: ...`)
and the database the project runs on (`database: mysql`). The three variant test modules share this
reader and the rule that every file type holds both kinds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_HEAD_LINES = 5
_HEADER = re.compile(r"\b(want|clean):\s*([A-Z0-9-]+)")
_PATH = re.compile(r"\bpath:\s*(\S+)")
_DATABASE = re.compile(r"\bdatabase:\s*([a-z]+)")


@dataclass(frozen=True, slots=True)
class Variant:
    kind: str
    """`want` or `clean`."""
    rule: str
    path: str | None
    database: str | None
    text: str


def read_variant(file: Path) -> Variant:
    text = file.read_text()
    head = "\n".join(text.splitlines()[:_HEAD_LINES])
    header = _HEADER.search(head)
    assert header is not None, f"{file.name}: no want:/clean: header in its first lines"
    where = _PATH.search(head)
    engine = _DATABASE.search(head)
    return Variant(header.group(1), header.group(2), where.group(1) if where else None,
                   engine.group(1) if engine else None, text)


def variant_files(folder: Path, suffixes: Iterable[str]) -> list[Path]:
    wanted = set(suffixes)
    return sorted(p for p in folder.iterdir() if p.suffix in wanted)


def suffixes_missing_a_kind(files: Iterable[Path]) -> dict[str, set[str]]:
    """File type -> the kinds it has, for every file type that lacks `want` or `clean` (empty: all have both)."""
    kinds: dict[str, set[str]] = {}
    for file in files:
        kinds.setdefault(file.suffix, set()).add(read_variant(file).kind)
    return {suffix: found for suffix, found in kinds.items() if found != {"want", "clean"}}
