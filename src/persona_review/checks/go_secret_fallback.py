"""GO-SECRET-FALLBACK: a secret read from the environment that falls back to a literal in the source when
the variable is unset (`cmp.Or(os.Getenv("JWT_SECRET"), "dev-secret")`, `if secret == "" { secret = "..." }`,
`getEnv("JWT_SECRET", "dev")`, `viper.SetDefault("jwt.secret", "...")`). The same rule as
PY-SECRET-FALLBACK, JS-SECRET-FALLBACK and RB-SECRET-FALLBACK. Messages name the variable, never its value."""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._secret_names import config_key_secret, logged_secret
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_LITERAL = r'"((?:[^"\\\n]|\\.)+)"'
_DEFAULTED = lazy_re(
    r'\bcmp\.Or\(\s*os\.Getenv\(\s*"(\w+)"\s*\)\s*,\s*' + _LITERAL
    + r'|\b(?:[Gg]et_?[Ee]nv|[Ee]nv)\w*\(\s*"(\w+)"\s*,\s*' + _LITERAL + r"\s*\)"
    + r'|\bviper\.SetDefault\(\s*"([\w.\-]+)"\s*,\s*' + _LITERAL + r"\s*\)"
)
_FROM_ENV = lazy_re(r'^\s*([\w.]+)\s*:?=\s*os\.Getenv\(\s*"(\w+)"\s*\)\s*$')
_IF_EMPTY = lazy_re(r'^\s*if\s+([\w.]+)\s*==\s*""\s*\{\s*$')
_SET_LITERAL = lazy_re(r'^\s*([\w.]+)\s*=\s*' + _LITERAL + r"\s*$")



@register(
    CheckSpec(
        id="GO-SECRET-FALLBACK",
        checklist_item="SEC-06",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="Secret falls back to a literal when the variable is unset",
        explanation=(
            "When the variable is missing in production (a typo, a new deployment) the service starts with a "
            "secret that is in the repository, and tokens or cookies signed with it can be forged by anyone "
            "who reads the code. Read the variable without a default and refuse to start when it is empty."
        ),
    ),
    needs=("Getenv", "etenv", "etEnv", "nv(", "SetDefault"),
)
def secret_fallback(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    from_env: dict[str, str] = {}
    for no, code, bare in lines_of(lexed):
        for match in _DEFAULTED.finditer(code):
            if bare[match.start()] == " ":
                continue
            name = match.group(1) or match.group(3) or match.group(5)
            if config_key_secret(name):
                yield Hit(no, None, f"`{name}` falls back to a literal in the source when it is not set.")
                break
        assigned = _FROM_ENV.match(code)
        if assigned:
            from_env[assigned.group(1)] = assigned.group(2)
            continue
        empty = _IF_EMPTY.match(bare)
        if not empty:
            continue
        target = empty.group(1)
        following = _SET_LITERAL.match(lexed.code.get(no + 1, ""))
        if following is None or following.group(1) != target:
            continue
        env = from_env.get(target, "")
        if (env and config_key_secret(env)) or (not env and logged_secret(target)):
            yield Hit(no + 1, None, f"`{target}` falls back to a literal in the source when it is not set.")
