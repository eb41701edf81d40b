"""Clauses that persona descriptions hide their triggers and exclusions in.

A description such as "Reviews servers. Triggers: API, database. Do NOT use for: UI components." holds a
keyword list and a do-not list inside prose. A clause runs from its marker to the end of its paragraph,
the end of its sentence, or the next marker.
"""

from __future__ import annotations

import re

from persona_review.lazy_re import lazy_re
from persona_review.persona_markdown import plain
from persona_review.persona_vocab import not_for_phrases

_MARKER = lazy_re(
    r"(?P<label>\btriggers|\bauto-invoke when"
    r"|\bdo not (?:use|load|activate|apply|invoke)(?: (?:for|when|on))?)\s*:\s*",
    re.IGNORECASE,
)
_CLAUSE_END = lazy_re(r"\n\s*\n|\.\s+(?=[A-Z])|\.\s*$")


def marker_clauses(text: str) -> list[tuple[str, str]]:
    """("triggers" | "auto-invoke when" | "do not ...", clause) for each marker in `text`, in order."""
    found = list(_MARKER.finditer(text))
    out = []
    for n, m in enumerate(found):
        stop = found[n + 1].start() if n + 1 < len(found) else len(text)
        clause = text[m.end() : stop]
        end = _CLAUSE_END.search(clause)
        out.append((" ".join(m.group("label").casefold().split()), clause[: end.start()] if end else clause))
    return out


def without_markers(text: str) -> str:
    """The description with its trigger and do-not clauses taken out, whitespace collapsed."""
    found = list(_MARKER.finditer(text))
    kept: list[str] = []
    position = 0
    for n, m in enumerate(found):
        kept.append(text[position : m.start()])
        stop = found[n + 1].start() if n + 1 < len(found) else len(text)
        end = _CLAUSE_END.search(text[m.end() : stop])
        position = m.end() + end.end() if end else stop
    kept.append(text[position:])
    return " ".join(plain(" ".join(kept)).split())


def not_for_clauses(*texts: str) -> tuple[str, ...]:
    """The phrases of every "Do NOT use/load for:" clause in `texts`."""
    phrases: list[str] = []
    for text in texts:
        for label, clause in marker_clauses(text):
            if label.startswith("do not"):
                phrases.extend(not_for_phrases(clause))
    return tuple(phrases)
