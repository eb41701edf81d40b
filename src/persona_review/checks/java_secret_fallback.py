"""JAVA-SECRET-FALLBACK: a secret property or environment variable with a literal default in the source
(`@Value("${app.jwt.secret:change-me}")`, `System.getenv().getOrDefault("JWT_SECRET", "...")`,
`Objects.requireNonNullElse(System.getenv("X"), "...")`, `env.getProperty("x.secret", "...")`). The same
rule as the Python, JavaScript, Go and Ruby checks. Messages name the property, never its value."""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._secret_names import config_key_secret
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_LITERAL = r'"((?:[^"\\\n]|\\.)+)"'
_PLACEHOLDER_DEFAULT = lazy_re(r'\$\{([\w.\-\[\]]+):([^}"]+)\}')
"""`${app.jwt.secret:change-me}` in a Spring `@Value` (or a `@ConfigProperty(defaultValue=...)` key)."""
_DEFAULTED = lazy_re(
    r'\bSystem\.getenv\(\s*\)\s*\.getOrDefault\(\s*"(\w+)"\s*,\s*' + _LITERAL
    + r'|\bObjects\.requireNonNullElse\(\s*System\.get(?:env|Property)\(\s*"([\w.\-]+)"\s*\)\s*,\s*'
    + _LITERAL
    + r'|\bOptional\.ofNullable\(\s*System\.get(?:env|Property)\(\s*"([\w.\-]+)"\s*\)\s*\)\s*\.orElse\(\s*'
    + _LITERAL
    + r'|\b(?:System|env|environment|\w*[Ee]nvironment)\.getProperty\(\s*"([\w.\-]+)"\s*,\s*' + _LITERAL
    + r'|\bdefaultValue\s*=\s*' + _LITERAL
)
_CONFIG_PROPERTY = lazy_re(r'@ConfigProperty\(\s*name\s*=\s*"([\w.\-]+)"')
_NOT_A_SECRET_VALUE = lazy_re(r"^(?:-?\d[\d_.:,]*[a-zA-Z]{0,3}|true|false|none|null)$", re.IGNORECASE)
"""A number, a duration or a rate (`3600000`, `30s`, `5:3600`), a boolean: not a credential."""



@register(
    CheckSpec(
        id="JAVA-SECRET-FALLBACK",
        checklist_item="SEC-06",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="Secret falls back to a literal when the property is unset",
        explanation=(
            "When the property or variable is missing in production (a typo, a new profile) the service "
            "starts with a secret that is in the repository, and tokens signed with it can be forged by "
            "anyone who reads the code. Leave the default out (`@Value(\"${app.jwt.secret}\")`) so the "
            "application fails at start-up instead."
        ),
    ),
    needs=("${", "getenv", "getProperty", "defaultValue"),
)
def secret_fallback(ctx: FileContext) -> Iterator[Hit]:
    for no, code, bare in lines_of(lex(ctx)):
        for match in _PLACEHOLDER_DEFAULT.finditer(code):
            name, default = match.group(1), match.group(2).strip()
            if config_key_secret(name) and default and not _NOT_A_SECRET_VALUE.match(default):
                yield Hit(no, None, f"`{name}` falls back to a literal in the source when it is not set.")
                break
        else:
            for match in _DEFAULTED.finditer(code):
                if bare[match.start()] == " ":
                    continue
                groups = match.groups()
                name = next((groups[i] for i in (0, 2, 4, 6) if groups[i]), "")
                value = next((groups[i] for i in (1, 3, 5, 7, 8) if groups[i]), "")
                if not name and groups[8]:
                    prop = _CONFIG_PROPERTY.search(code)
                    name = prop.group(1) if prop else ""
                if name and config_key_secret(name) and not _NOT_A_SECRET_VALUE.match(value):
                    yield Hit(no, None, f"`{name}` falls back to a literal in the source when it is not set.")
                    break
