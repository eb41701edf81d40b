"""Reading the loosely structured markdown that persona files of other tools are written in.

Everything here is a pure function over text: find a section by its heading, a `Label: value` line, the
list that follows a label, quoted terms in a line, a priority chain such as `A > B > C`. Lines inside code
fences are never taken for headings.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from persona_review.lazy_re import lazy_re

_HEADING = lazy_re(r"^(#{1,6})[ \t]+(\S.*)$")
_FENCE = lazy_re(r"^\s*(```|~~~)")
_LIST_ITEM = lazy_re(r"^\s*(?:[-*+]|\d+[.)])\s+(.*\S)\s*$")
_QUOTED = lazy_re(r'"([^"\n]+)"|“([^”\n]+)”|«([^»\n]+)»')
_EMPHASIS = lazy_re(r"(\*\*|__|`)")
_CHAIN_SEP = lazy_re(r"\s*(?:→|->|=>|»|>)\s*")
_BLOCKQUOTE = lazy_re(r"^\s*>\s?(.*)$")
_RULE = lazy_re(r"^[-*_=]{3,}$")
_CONJUNCTION = lazy_re(r"^(?:and|or)\s+(?=\S)", re.IGNORECASE)


class Section(NamedTuple):
    level: int
    title: str
    lines: tuple[str, ...]
    """The section's lines up to the next heading of the same or a higher level (subsections included)."""


def plain(text: str) -> str:
    """`text` without markdown emphasis and code marks, whitespace collapsed."""
    return " ".join(_EMPHASIS.sub("", text).split())


def _title(text: str) -> str:
    """A heading's text without closing hashes (`## Title ##`) or emphasis."""
    return plain(text.rstrip().rstrip("#"))


def _headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(line index, level, title) of every heading outside code fences."""
    out = []
    in_fence = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        m = _HEADING.match(line)
        if m:
            out.append((i, len(m.group(1)), _title(m.group(2))))
    return out


def first_heading(body: str) -> tuple[int, str] | None:
    """(level, title) of the document's first heading, if the first non-blank line is one."""
    for line in body.splitlines():
        if not line.strip():
            continue
        m = _HEADING.match(line)
        return (len(m.group(1)), _title(m.group(2))) if m else None
    return None


def sections(body: str) -> list[Section]:
    """Every section in document order, found in one pass over the headings."""
    lines = body.splitlines()
    spans: list[tuple[int, int, str, int]] = []  # (start, level, title, end)
    open_: list[tuple[int, int, str]] = []
    for start, level, title in _headings(lines):
        while open_ and open_[-1][1] >= level:
            spans.append((*open_.pop(), start))
        open_.append((start, level, title))
    spans.extend((*o, len(lines)) for o in open_)
    spans.sort()
    return [Section(level, title, tuple(lines[start + 1 : end])) for start, level, title, end in spans]


def find_sections(body: str, *words: str) -> list[Section]:
    """Sections whose title contains any of `words` (case-insensitive), in document order."""
    wanted = [w.casefold() for w in words]
    return [s for s in sections(body) if any(w in s.title.casefold() for w in wanted)]


def _label_pattern(label: str) -> re.Pattern[str]:
    # `Keywords: x`, `- **Keywords**: x`, `**Keywords:** x`, `* __Keywords__ : x`
    return re.compile(
        rf"^[ \t]*(?:[-*+][ \t]+)?[*_]*{label}[*_]*[ \t]*:[*_]*(.*)$",
        re.IGNORECASE,
    )


def labelled(lines: tuple[str, ...] | list[str], label: str) -> tuple[str, int] | None:
    """(value, line index) of the first `label: value` line; value may be empty (a list follows)."""
    pattern = _label_pattern(label)
    for i, line in enumerate(lines):
        m = pattern.match(line)
        if m:
            return m.group(1).strip(), i
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def list_after(lines: tuple[str, ...] | list[str], index: int) -> list[str]:
    """The list items directly after line `index` (blank lines before the first item are skipped).

    When line `index` is itself a list item, only items nested under it count: a sibling item is the next
    entry of the same list, not a value of this one.
    """
    label = lines[index]
    floor = _indent(label) if _LIST_ITEM.match(label) else -1
    items: list[str] = []
    for line in lines[index + 1 :]:
        if not line.strip():
            if items:
                break
            continue
        m = _LIST_ITEM.match(line)
        if not m or _indent(line) <= floor:
            break
        items.append(m.group(1))
    return items


def list_items(lines: tuple[str, ...] | list[str]) -> list[str]:
    """Every list item in `lines`."""
    return [m.group(1) for line in lines if (m := _LIST_ITEM.match(line))]


def unwrap(text: str) -> str:
    """`text` stripped of whitespace and of wrapping marks: `**x**`, `` `x` ``, `"x"`, `'x'` -> `x`.

    Unlike `plain`, marks inside the text are kept (a glob's `**`, a keyword's `__init__`); `__x__` is left
    alone because in keywords it is far more often a Python name than bold text.
    """
    text = text.strip()
    changed = True
    while changed and len(text) >= 2:
        changed = False
        for mark in ("**", "`", '"', "'", "“"):
            close = "”" if mark == "“" else mark
            if len(text) > 2 * len(mark) and text.startswith(mark) and text.endswith(close):
                inner = text[len(mark) : -len(close)].strip()
                if mark == "**" and (inner[:1] in "/*." or inner[-1:] in "/*."):
                    continue  # `**/api/**` is a glob, not bold text
                text = inner
                changed = True
    return text


def split_outside_parens(text: str, separators: str = ",;、，") -> list[str]:
    """Split on `separators` outside balanced parentheses and brackets; parts stripped, empty parts dropped.

    An unbalanced bracket (a keyword such as `execute(`) is an ordinary character.
    """
    inside = _bracketed(text)
    parts: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in separators and i not in inside:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p for p in (part.strip() for part in parts) if p]


def _bracketed(text: str) -> set[int]:
    """Positions strictly inside a balanced (), [] or {} pair."""
    pairs = {")": "(", "]": "[", "}": "{"}
    stack: list[tuple[str, int]] = []
    depth_change = [0] * (len(text) + 1)
    for i, ch in enumerate(text):
        if ch in "([{":
            stack.append((ch, i))
        elif ch in pairs and stack and stack[-1][0] == pairs[ch]:
            _, opened = stack.pop()
            depth_change[opened + 1] += 1
            depth_change[i] -= 1
    inside: set[int] = set()
    depth = 0
    for i in range(len(text)):
        depth += depth_change[i]
        if depth > 0:
            inside.add(i)
    return inside


def terms(text: str) -> list[str]:
    """The terms a keyword line lists: its quoted strings if it has any, else its comma-separated parts
    ("API, queue, or cache" -> API, queue, cache)."""
    quoted = [next(g for g in m.groups() if g is not None).strip() for m in _QUOTED.finditer(text)]
    if quoted:
        return [q for q in quoted if q]
    parts = split_outside_parens(" ".join(text.split()))
    cleaned = (unwrap(_CONJUNCTION.sub("", p)).rstrip(".").strip() for p in parts)
    return [p for p in cleaned if p]


def split_chain(text: str) -> list[str]:
    """`A → B > C` or `A, B, C` -> [A, B, C]."""
    text = plain(text).strip().rstrip(".")
    parts = _CHAIN_SEP.split(text) if _CHAIN_SEP.search(text) else split_outside_parens(text)
    return [p.strip() for p in parts if p.strip()]


def _is_chain(text: str) -> bool:
    return len(_CHAIN_SEP.findall(plain(text))) >= 2


def priority_chain(body: str) -> list[str]:
    """The persona's priorities as written, highest first, from the first of these that is present:
    a `Priority Hierarchy:`/`Priority Order:`/`Priorities:` line (a chain on the line or a list under it),
    a section with such a heading (a list or a chain line in it), or a block-quoted chain `> A > B > C`.
    """
    lines = body.splitlines()
    for label in ("Priority Hierarchy", "Priority Order", "Priorities"):
        found = labelled(lines, label)
        if found is None:
            continue
        value, index = found
        if value:
            return split_chain(value)
        items = list_after(lines, index)
        if items:
            return [plain(i) for i in items]
    for section in find_sections(body, "priority hierarchy", "priority order", "priorities"):
        items = list_items(section.lines)
        if items:
            return [plain(i) for i in items]
        for line in section.lines:
            if _is_chain(line.lstrip("> ")):
                return split_chain(line.lstrip("> "))
    for line in lines:
        m = _BLOCKQUOTE.match(line)
        if m and _is_chain(m.group(1)):
            return split_chain(m.group(1))
    return []


def first_paragraph(body: str) -> str:
    """The first paragraph of prose (not a heading, list, quote, table, rule or fence), emphasis removed."""
    paragraph: list[str] = []
    in_fence = False
    for line in body.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        stripped = line.strip()
        prose = (
            stripped
            and not in_fence
            and not stripped.startswith(("#", ">", "|"))
            and not _LIST_ITEM.match(line)
            and not _RULE.match(stripped)
        )
        if prose:
            paragraph.append(stripped)
        elif paragraph:
            break
    return plain(" ".join(paragraph))
