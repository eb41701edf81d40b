"""Whether an error handler says, in a comment of its own, why it does nothing with the error.

ESLint's `no-empty`, RuboCop's `Lint/SuppressedException` (AllowComments) and the Google Java style guide
all take a comment inside an empty handler as the author's statement that doing nothing is meant. The
comment must read as prose: commented-out code (`// e.printStackTrace();`), a TODO, or a tool's directive
(`# pragma: no cover`, `// eslint-disable-line`, `key: RULE-ID`) says nothing about why the error may be
dropped.
"""

from __future__ import annotations

import re

from persona_review.checks._lexing import Lexed
from persona_review.checks.base import FileContext
from persona_review.lazy_re import lazy_re

_MARKERS = lazy_re(r"^(?:/\*+|\*+/|//+|#+|\*+|<!--|-->)\s*|\s*(?:\*+/|-->)$")
_DIRECTIVE = lazy_re(
    r"^(?:pragma\b|noqa\b|nosec\b|pylint\s*:|type\s*:|mypy\s*:|fmt\s*:|isort\s*:|eslint|jshint|jscs|"
    r"istanbul\b|c8\b|v8\b|@ts-|prettier-|rubocop\s*:|nosonar\b|noinspection\b|coverage\s*:|"
    r"codeql\b|lgtm\b|checkstyle\s*:|suppress)",
    re.IGNORECASE,
)
_TODO = lazy_re(r"^(?:todo|fixme|xxx|hack)\b", re.IGNORECASE)
_RULE_ID = r"[A-Z][A-Z0-9_]*(?:-[A-Z0-9_]+)+"
_RULE_TAG = lazy_re(rf"^[\w-]+\s*:\s*{_RULE_ID}(?:\s*,\s*{_RULE_ID})*$")
"""`key: RULE-ID[, RULE-ID]`: an annotation for a tool (a linter's waiver, a test's marker), not prose."""
_CODE = lazy_re(
    r"[;{}]$|^[\w$.\[\]'\"]+\s*(?:\(.*\)|=[^=].*|\+\+|--|\+=.*)$|^(?:return|throw|raise|pass|continue|break)\b"
    r"|^(?:console|log|logger|LOG|LOGGER|System\.out|System\.err)\.\w+\s*\("
)
_WORD = lazy_re(r"[^\W\d_]{2,}")
_CJK = lazy_re(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{4,}")
"""A phrase in a script written without spaces (four characters or more)."""


def explains(ctx: FileContext, lexed: Lexed, first: int, last: int) -> bool:
    """Does a comment on lines `first`..`last` explain the handler in words (two words at least: not a
    lone label like "Commented", nor code, a TODO or a directive)? A comment is what the code view blanks
    out of the line."""
    for no in range(first, last + 1):
        raw, code = ctx.lines.get(no), lexed.code.get(no)
        if raw is None or code is None or raw == code:
            continue
        comment = "".join(r for r, c in zip(raw, code, strict=False) if r != c) + raw[len(code):]
        if _prose(comment):
            return True
    return False


def _prose(comment: str) -> bool:
    text = comment.strip()
    previous = None
    while previous != text:
        previous, text = text, _MARKERS.sub("", text).strip()
    if not text or _DIRECTIVE.match(text) or _TODO.match(text) or _RULE_TAG.match(text) or _CODE.search(text):
        return False
    return len(_WORD.findall(text)) >= 2 or _CJK.search(text) is not None


def comment_line_in(ctx: FileContext, lexed: Lexed, first: int, last: int) -> bool:
    """Whether a line from `first` to `last` is a comment of its own (text in the raw line, none in its code
    view, where comments are blanked), whatever it says: the author left a word about the code there."""
    return any(ctx.lines.get(no, "").strip() and not lexed.code.get(no, "").strip()
               for no in range(first, last + 1))
