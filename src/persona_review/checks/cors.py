"""CORS configured to accept any origin while also allowing credentials (any language)."""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_LANGS = frozenset({"python", "javascript", "typescript", "go", "java"})
_WINDOW = 6

_ANY_ORIGIN = lazy_re(
    r"""\borigins?\s*[:=]\s*(?:\[\s*)?['"]\*['"]|\borigin\s*:\s*true\b|"""
    r"""\ballow_origins\s*=\s*\[\s*['"]\*['"]|\bCORS_(?:ORIGIN_ALLOW_ALL|ALLOW_ALL_ORIGINS)\s*=\s*True\b|"""
    r"""\bAllow(?:ed)?Origins\s*:\s*\[\]string\s*\{\s*"\*"|\bAllowAllOrigins\s*:\s*true\b|"""
    r"""\ballowedOrigins?\s*\(\s*"\*"|\ballowedOriginPatterns\s*\(\s*"\*"|"""
    r"""Access-Control-Allow-Origin['"]\s*[,:]\s*['"]\*['"]|\bAllowOriginFunc\s*:\s*func\b[^{]*\{\s*return\s+true"""
)
_CREDENTIALS = lazy_re(
    r"""\bcredentials\s*:\s*true\b|\bsupports_credentials\s*=\s*True\b|\ballow_credentials\s*=\s*True\b|"""
    r"""\bCORS_ALLOW_CREDENTIALS\s*=\s*True\b|\bAllowCredentials\s*:\s*true\b|\ballowCredentials\s*\(\s*true\s*\)|"""
    r"""Access-Control-Allow-Credentials['"]\s*[,:]\s*['"]true['"]"""
)


@register(
    CheckSpec(
        id="ANY-CORS-ANY-ORIGIN-CREDENTIALS",
        checklist_item="SEC-08",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=_LANGS,
        title="CORS allows any origin together with credentials",
        explanation=(
            "Accepting every origin (or reflecting the caller's Origin) while allowing credentials lets any "
            "website a logged-in user visits call this API with their cookies and read the responses. List "
            "the trusted origins explicitly, and only allow credentials for those."
        ),
    ),
    needs=("rigin", "ORIGIN"),
)
def any_origin_with_credentials(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    origins: list[int] = []
    credentials: list[int] = []
    for no, code, _bare in lines_of(lexed):
        if ("rigin" in code or "ORIGIN" in code) and _ANY_ORIGIN.search(code):
            origins.append(no)
        if ("redential" in code or "CREDENTIAL" in code) and _CREDENTIALS.search(code):
            credentials.append(no)
    for origin in origins:
        near = [c for c in credentials if abs(c - origin) <= _WINDOW]
        if near:
            yield Hit(min(origin, *near), max(origin, *near))
