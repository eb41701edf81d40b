"""Which backend detectors a persona enables, from what it says about itself.

A native persona may list them (`detectors: [backend]`, or names such as `migration`, `sql`). Otherwise
they are read from the persona's own words: its description, trigger keywords, file patterns and the
lines of its trigger sections. "server-side development", "API", "backend" or "microservice" enable every
backend detector; "database", "schema" or "migration" enable SQL, migrations and the server languages that
hold data-access code; "authentication" or "middleware" the server languages; "infrastructure", "Docker" or
"Kubernetes" the infrastructure detector. A persona that says none of these keeps only its own triggers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from persona_review.errors import PersonaError
from persona_review.lazy_re import lazy_re
from persona_review.selection.detectors import (
    BACKEND_DETECTORS,
    INFRA,
    MIGRATION,
    SERVER_JS,
    SERVER_LANGUAGE,
    SQL,
)

ALL_BACKEND = "backend"
_CODE = (SERVER_LANGUAGE, SERVER_JS)
_DATA = (SQL, MIGRATION)

# (pattern over lower-cased persona text, detectors it enables)
_CONCEPTS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (lazy_re(r"\b(?:server[- ]side|servers?|back[- ]?ends?|micro-?services?|apis?|endpoints?|rest(?:ful)?"
                r"|graphql|grpc|web ?services?|services?|route handlers?|controllers?)\b"
                r"|서버|백엔드|サーバー?|バックエンド"),
     BACKEND_DETECTORS),
    (lazy_re(r"\bsql\b"), (SQL,)),
    (lazy_re(r"\b(?:databases?|quer(?:y|ies)|schemas?|migrations?|orms?|repositor(?:y|ies)|persistence"
                r"|transactions?|data access|data models?|database models?)\b|데이터베이스|データベース"),
     (*_DATA, *_CODE)),
    (lazy_re(r"\b(?:authentication|authori[sz]ation|auth|middlewares?|sessions?|tokens?|oauth|jwt)\b"
                r"|인증|認証|미들웨어|ミドルウェア"),
     _CODE),
    (lazy_re(r"\b(?:infrastructure|docker(?:files?)?|containers?|kubernetes|k8s|helm|terraform|devops"
                r"|deployments?|orchestration)\b"),
     (INFRA,)),
)


def detectors_from_words(texts: Iterable[str]) -> tuple[str, ...]:
    """The backend detectors the given persona texts call for, in detection order."""
    wanted: set[str] = set()
    for text in texts:
        lowered = text.casefold()
        for pattern, detectors in _CONCEPTS:
            if pattern.search(lowered):
                wanted.update(detectors)
    return tuple(d for d in BACKEND_DETECTORS if d in wanted)


def parse_detectors(value: Any, source: str) -> tuple[str, ...]:
    """A native persona's `detectors` list: names from BACKEND_DETECTORS, or `backend` for all of them."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PersonaError(f"{source}: 'detectors' must be a list of detector names")
    wanted: set[str] = set()
    for name in (v.strip() for v in value):
        if name == ALL_BACKEND:
            wanted.update(BACKEND_DETECTORS)
        elif name in BACKEND_DETECTORS:
            wanted.add(name)
        else:
            known = ", ".join((ALL_BACKEND, *BACKEND_DETECTORS))
            raise PersonaError(f"{source}: unknown detector {name!r} (known: {known})")
    return tuple(d for d in BACKEND_DETECTORS if d in wanted)
