"""Which secret-named value a logging call's arguments carry, for the secret-in-log checks of JavaScript, Go
and Java. The caller finds the logging call and hands over its bracketed arguments in two views of equal
length: the code, and the same text with string literals and comments blanked (see `_lexing`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._secret_names import logged_secret
from persona_review.checks._spans import bracket_span, lines_of
from persona_review.checks.base import FileContext, Hit
from persona_review.lazy_re import lazy_re

_CHAIN = lazy_re(
    r"""(?<![\w$.])([A-Za-z_$][\w$]*(?:\s*\??\.\s*[A-Za-z_$][\w$]*|\[\s*["'][^"'\]]+["']\s*\])*)"""
)
_KEY_AFTER = lazy_re(r"^\s*:(?!:)")
_HARMLESS_AFTER = lazy_re(
    r"^\s*(?:\??\.\s*(?:length|size|slice|substring|substr|startsWith|endsWith|isEmpty|isBlank|hashCode)\b"
    r"|\?|\)\s*\?|[!=]=|!=)"
)
_HARMLESS_CALL = lazy_re(
    r"(?:\b(?:len|cap|typeof|isEmpty|isBlank|hasText|nonNull|isNull|Objects\.isNull|StringUtils\.\w+)"
    r"|\w*(?:[Mm]ask|[Rr]edact|[Hh]ash|[Dd]igest|[Ff]ingerprint|[Oo]bfuscate|[Tt]runcate|[Ss]ha\d*|[Hh]mac)\w*)"
    r"\s*\(\s*$"
)
_TEMPLATE_FIELD = lazy_re(r"\$\{([^{}]*)\}")
_WHOLE_HEADER_MAP = lazy_re(r"(?<![\w$.])(?:r|req|request|c\.Request|ctx\.Request)\.Header\b(?!\s*[.\[(])")
"""Go's `r.Header` handed over whole: every header of the request, `Authorization` and `Cookie` among them."""
_HEADER_READ = lazy_re(r"""\b(?:Header\.Get|getHeader|get_header)\s*\(\s*"([^"]+)"\s*\)""")


def secret_log_hits(
    ctx: FileContext, log_call: re.Pattern[str], *, templates: bool = False, line_words: tuple[str, ...] = ()
) -> Iterator[Hit]:
    """A hit on each line where a call matched by `log_call` (ending at its opening bracket, in the bare
    view) is given a secret; the message names the value, never what it holds. `line_words`: texts one of
    which every match of `log_call` holds, so a line without any is passed over before the regex (which
    has no fixed start and is tried at every position)."""
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "(" not in bare or (line_words and not any(word in bare for word in line_words)):
            continue
        for call in log_call.finditer(bare):
            span = bracket_span(lexed, no, call.end() - 1)
            name = logged_secret_in(span.code, span.bare, templates=templates)
            if name:
                yield Hit(no, span.last if span.last > no else None,
                          f"`{name}` is passed to the logger: its value ends up in the log.")
                break


def logged_secret_in(code: str, bare: str, *, templates: bool = False) -> str:
    """The first secret-named value among the arguments (outside string literals, or inside a `${}` field
    of a template literal when `templates`), or a secret header read in place; "" when there is none.
    Values only measured, tested or masked (`len(token)`, `password != ""`, `mask(apiKey)`) do not count."""
    pieces: list[tuple[str, str]] = [(code, bare)]
    if templates:
        for field in _TEMPLATE_FIELD.finditer(code):
            if bare[field.start()] == " ":  # inside a template literal
                pieces.append((field.group(1), field.group(1)))
    for piece_code, piece_bare in pieces:
        for match in _CHAIN.finditer(piece_code):
            if piece_bare[match.start()] == " ":
                continue
            chain = re.sub(r"\s+", "", match.group(1))
            after = piece_code[match.end():]
            before = piece_code[: match.start()].rstrip()
            if (_KEY_AFTER.match(after) or _HARMLESS_AFTER.match(after) or before.endswith(("typeof", "!"))
                    or _HARMLESS_CALL.search(before)):
                continue
            if logged_secret(chain.replace("?.", ".")):
                return chain
    for whole in _WHOLE_HEADER_MAP.finditer(code):
        if bare[whole.start()] != " ":
            return whole.group(0)
    for header in _HEADER_READ.finditer(code):
        if bare[header.start()] != " " and logged_secret(header.group(1)):
            return header.group(0)
    return ""
