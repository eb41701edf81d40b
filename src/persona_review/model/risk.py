"""Which files to review first when a budget cannot cover the whole PR.

Rank 0 is reviewed first: schema migrations, then authentication and security code, data access,
request handlers, and everything else. Ties keep path order so the plan is stable across runs.
"""

from __future__ import annotations

import re
from enum import IntEnum

from persona_review.lazy_re import lazy_re


class Risk(IntEnum):
    MIGRATION = 0
    SECURITY = 1
    DATA_ACCESS = 2
    HANDLER = 3
    OTHER = 4


_RULES: tuple[tuple[Risk, re.Pattern[str]], ...] = (
    (Risk.MIGRATION, lazy_re(
        r"(^|/)(migrations?|alembic|flyway|liquibase|db/migrate|changelog)(/|$)|(^|/)V\d+(_\d+)*__\w+\.sql$"
        r"|\.sql$", re.IGNORECASE)),
    (Risk.SECURITY, lazy_re(
        r"auth|security|login|logout|session|token|passw|crypt|permission|acl|jwt|oauth|saml|secret|csrf"
        r"|cors|tls|ssl|cert", re.IGNORECASE)),
    (Risk.DATA_ACCESS, lazy_re(
        r"repositor|dao\b|dao/|_dao|dao\.|(^|/)(db|database|models?|entities|entity|store|storage|orm|sql"
        r"|persistence|queries)(/|\.|_)|query|mapper", re.IGNORECASE)),
    (Risk.HANDLER, lazy_re(
        r"handler|controller|views?[/._]|routes?|router|endpoint|resolver|(^|/)api/|servlet|server|"
        r"middleware|consumer|listener|webhook", re.IGNORECASE)),
)


def risk_of(path: str) -> Risk:
    for risk, pattern in _RULES:
        if pattern.search(path):
            return risk
    return Risk.OTHER
