"""The function or class a line sits in, read from the lines a diff shows: part of a finding's identity.

Language-agnostic and approximate: walking up from the line, every less-indented line that opens a
function, method, class or similar is an enclosing scope. When the walk runs out of known lines (the top of
a hunk), the hunk's section heading (`@@ ... @@ def name(`) stands in for the lines above it.
"""

from __future__ import annotations

from collections.abc import Mapping

from persona_review.lazy_re import lazy_re

_MODIFIERS = (r"(?:(?:export|default|public|private|protected|internal|static|final|abstract|override|async|"
              r"pub(?:\([^)]*\))?|unsafe|extern|virtual|open|suspend|sealed|partial|inline)\s+)")
_KEYWORD_HEADER = lazy_re(
    rf"^\s*{_MODIFIERS}*(?:def|class|func|function|fn|interface|struct|enum|trait|impl|module|object|record|"
    r"fun|sub|describe|context)\b"
)
_MODIFIED_CALLABLE = lazy_re(rf"^\s*{_MODIFIERS}+[\w<>\[\],.?\s]*\w\s*\([^;]*$")
_TYPE_NAME = lazy_re(r"\b(?:class|struct|interface|enum|trait|impl|module|object|record)\s+([\w.]+)")
_CALL_NAME = lazy_re(r"([A-Za-z_$][\w$]*)\s*\(")
_NOT_NAMES = frozenset({
    "def", "func", "function", "fn", "fun", "sub", "if", "for", "while", "switch", "catch", "return", "async",
    "await", "new", "describe", "context",
})
MAX_WALK = 2_000
"""Lines looked at above a finding, at most (a bound for pathological files)."""


def _indent(text: str) -> int:
    expanded = text.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


MAX_HEADER_CHARS = 240
"""Only a line's start is matched: the diff is untrusted, and a long line must not cost much."""


def is_header(text: str) -> bool:
    head = text[:MAX_HEADER_CHARS]
    return bool(_KEYWORD_HEADER.match(head) or _MODIFIED_CALLABLE.match(head))


def scope_name(text: str) -> str:
    """A header's name: `def cancel(conn):` -> "cancel", `class Orders(Base):` -> "Orders"."""
    text = text[:MAX_HEADER_CHARS]
    typed = _TYPE_NAME.search(text)
    if typed:
        return typed.group(1)
    for match in _CALL_NAME.finditer(text):
        if match.group(1) not in _NOT_NAMES:
            return match.group(1)
    return " ".join(text.split())[:80]


def enclosing_scope(lines: Mapping[int, str], line: int, section: str = "") -> str:
    """Names of the scopes around `line`, outermost first and dot-joined ("" at module level)."""
    text = lines.get(line)
    if text is None:
        return ""
    limit = _indent(text) if text.strip() else 10**6
    names: list[str] = []
    no = line - 1
    for _ in range(MAX_WALK):
        if limit == 0:
            break
        above = lines.get(no)
        if above is None:
            if section and is_header(section):
                names.append(scope_name(section))
            break
        if above.strip():
            indent = _indent(above)
            if indent < limit:
                if is_header(above):
                    names.append(scope_name(above))
                limit = indent
        no -= 1
    return ".".join(reversed(names))
