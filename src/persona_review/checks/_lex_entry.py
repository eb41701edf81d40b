"""How implausible one lexing of a hunk is: the evidence used to guess the state a hunk starts in.

A hunk may start inside a docstring, a multi-line string or a block comment. Lexed from the plain code
state, its prose then reads as code and the code after the closing delimiter reads as a string, so checks
go silent on it. `_lexing` lexes such a hunk once per candidate start state and keeps the one these
signals find least implausible:

- prose or SQL read as code (a run of plain words, no operators), text that is no code of the language
  (Python: a backtick, `$`, `?`, a URL, reST or doctest markup; JavaScript: `${`; any: punctuation beyond
  ASCII), or a `*/` in code (decisive where no regex literal can hold one);
- code read as string or comment text (a statement shape: assignment, block header, call line);
- a one-line string left open at the end of a code line (prose with an apostrophe);
- a string opener where the grammar allows none (Python: after a word or `.`; Java: text after `\"\"\"`), or
  a word right after a string closes (`\"\"\"Return the rows.` read as the end of a string).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from persona_review.lazy_re import lazy_re

_WORD = r"[A-Za-z][A-Za-z'’-]*"
_PROSE = lazy_re(rf"^{_WORD},?(?:\s+{_WORD},?){{1,}}\s+{_WORD}[.,:?!]?$")
_BLANKS = lazy_re(r" +")
_WORDISH = lazy_re(r"[A-Za-z_]")
_QUOTES = lazy_re(r"\s*['\"`]+\s*")
_KEYWORDS = {
    "python": frozenset(re.findall(r"\w+", """
        and as assert async await break case class continue def del elif else except finally for from
        global if import in is lambda match nonlocal not or pass raise return try while with yield""")),
    "c": frozenset(re.findall(r"\w+", """
        abstract async await break case catch class const continue default defer do else enum export
        extends final finally for func function go if implements import in instanceof interface let new
        package private protected public return select static struct switch throw throws try type typeof
        var void while yield""")),
}
_PY_CODE = lazy_re(
    r"^(?:(?:async\s+)?def\s+\w+\s*\(|class\s+\w+\s*[(:]|(?:try|else|finally)\s*:$|except\b.*:$"
    r"|(?:el)?if\s.*:$|(?:while|for|with)\s.*:$|(?:return|raise)\b(?!\s+(?:the|a|an)\b)|pass$"
    r"|[\w.\[\]]+\s*(?:[-+*/|&]?=)\s*[\w\"'(\[{-]|[\w.]+\(.*\)$|assert\s|import\s+\w|from\s+\S+\s+import\s"
    r"|_?\w+: [\w.]+(?:\[[\w., |\[\]]*\])?(?: \| [\w.]+)*(?: = .+)?$)"
)
_PY_NOT_CODE = lazy_re(r"^(?::\w|@\w+\s|>>>|\.\. |-{3,}|={3,})|[`$?]|://")
_C_CODE = lazy_re(
    r"(?:;|\{)$|^\}|^(?:if|for|while|switch)\s*\(.*\)\s*\{?$|^return\b.*;$|^[\w.]+\s*:?=\s*[\w\"'(\[{&]"
    r"|^(?:const|let|var)\s+[\w{}\[\], ]+=|^(?:await\s+)?[\w.]+\(.*\)$|^\w+:\s+\S.*,$"
)
_SQL = lazy_re(
    r"(?i)^(?:(?:create|drop|alter)\s+(?:unique\s+)?(?:table|index|view|schema|database|type|extension|sequence)\b"
    r"|select\s.*\sfrom\b|insert\s+into\s|delete\s+from\s|update\s+\w+\s+set\s"
    r"|(?:where|join|values|order\s+by|group\s+by)\s|from\s+\w+(?!.*\bimport\b))"
)
_PY_PREFIX = lazy_re(r"(?i)(?:^|[^\w])(?:r|u|b|f|t|rb|br|fr|rf|tr|rt)$")
_OPEN_BEFORE_STRING = "=([{,:+-*/%<>!&|^~@;"


class Mark(NamedTuple):
    """A multi-line string delimiter in one lexing: where it opens a string, or just past where it
    closes one."""

    row: int
    col: int
    opens: bool


def implausibility(
    language: str, rows: list[tuple[str, str, str]], marks: list[Mark], weights: list[int]
) -> int:
    """Score of one lexing: `rows` are (text, code view, bare view) per line, `marks` its multi-line string
    delimiters, `weights` what each row counts (0 for rows every reading agrees on). Lower is more
    plausible."""
    python = language == "python"
    keywords = _KEYWORDS["python" if python else "c"]
    code_shape = _PY_CODE if python else _C_CODE
    score = 0
    for (text, _code, bare), weight in zip(rows, weights, strict=True):
        if not weight:
            continue
        points = 0
        visible = bare.strip()
        if visible:
            points += _prose(visible, keywords, python) or bool(_SQL.match(visible))
            if (python and _PY_NOT_CODE.search(visible)) or _not_code(language, visible):
                points += 1
            if not python and "*/" in visible:
                if _stray_closer(language, visible):
                    score += 10
                elif visible.endswith("*/"):
                    points += 2
            points += _open_quote(bare, python)
        hidden = _hidden(text, bare)
        if hidden and _WORDISH.search(hidden) and code_shape.search(hidden) and not _SQL.match(hidden):
            points += 1
        score += points * weight
    for mark in marks:
        if not weights[mark.row]:
            continue
        bare = rows[mark.row][2]
        if mark.opens:
            score += 10 * _impossible_opener(language, bare, mark.col)
            score += 2 * _stray_docstring(language, rows, mark)
        else:
            score += 10 * _impossible_closer(bare, mark.col, keywords)
    return score


def _not_code(language: str, visible: str) -> bool:
    """Text no code of the language holds outside strings and comments: `${` in JavaScript, or
    punctuation beyond ASCII (a dash, a typographic quote) anywhere."""
    if language in ("javascript", "typescript") and "${" in visible:
        return True
    return not visible.isascii() and any(ord(ch) > 127 and not ch.isalnum() for ch in visible)


def _stray_closer(language: str, visible: str) -> bool:
    """A `*/` read as code that no code can hold: Go and Java have no regex literals, and in JavaScript a
    line that is `*/` or starts with `*` is a comment's end."""
    return language in ("go", "java") or visible == "*/" or visible.startswith("*")


def _stray_docstring(language: str, rows: list[tuple[str, str, str]], mark: Mark) -> int:
    """1 for a Python string statement opening a line after a line that neither starts a block nor
    continues an expression (docstrings follow `def ...:`, `class ...:`, or an assignment line)."""
    if language != "python" or rows[mark.row][2][: mark.col].strip():
        return 0
    for text, _code, bare in reversed(rows[: mark.row]):
        visible = bare.strip()
        if visible:
            return 0 if visible.endswith((":", "(", "[", "{", ",", "=", "+", "\\")) or "=" in visible else 1
        if text.strip():
            return 0
    return 0


def _prose(visible: str, keywords: frozenset[str], python: bool) -> int:
    """1 when the code of a line, its string literals dropped, is a run of plain words."""
    visible = _QUOTES.sub(" ", visible).strip()
    if not python:
        visible = visible.lstrip("*/ ").strip()
    match = _PROSE.match(visible)
    if match is None:
        return 0
    first = visible.split(None, 1)[0].rstrip(",:")
    return 0 if first in keywords else 1


def _hidden(text: str, bare: str) -> str:
    """What a lexing hides in strings and comments on one line, without comment markers."""
    if text == bare:
        return ""
    parts = [text[m.start() : m.end()] for m in _BLANKS.finditer(bare)]
    return " ".join(p.strip() for p in parts if p.strip()).lstrip("/*#").strip()


def _open_quote(bare: str, python: bool) -> int:
    """1 when a one-line string is left unterminated (its quote kept, the rest of the line blanked)."""
    trimmed = bare.replace('"""', "").replace("'''", "") if python else bare
    for quote in ("'", '"'):
        if trimmed.count(quote) % 2:
            return 1
    return 0


def _impossible_opener(language: str, bare: str, col: int) -> int:
    if language == "java":
        return 1 if bare[col + 3 :].strip() else 0
    if language != "python":
        return 0
    before = bare[:col].rstrip()
    if not before or before[-1] in _OPEN_BEFORE_STRING:
        return 0
    if _PY_PREFIX.search(bare[:col]):
        return 0
    word = re.search(r"(\w+)$", before)
    if word is not None and word.group(1) in _KEYWORDS["python"]:
        return 0
    return 1


def _impossible_closer(bare: str, col: int, keywords: frozenset[str]) -> int:
    """1 when a word directly follows the end of a string (a docstring's opener read as a closer)."""
    after = bare[col:].lstrip()
    word = re.match(r"[A-Za-z_]\w*", after)
    if word is None:
        return 0
    return 0 if word.group() in keywords else 1
