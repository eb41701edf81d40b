"""Java: a secret passed to a logger or printed to standard output or error, which ends up in the logs, and a
secret or signature compared with `equals`. Messages name the variable, never its value."""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._logged_secrets import secret_log_hits
from persona_review.checks._secret_compare import JAVA_SYNTAX, comparison_hits
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_LOG_CALL = lazy_re(
    r"(?<![\w.])(?:(?:this\s*\.\s*)?(?:log|logger|LOG|LOGGER|Log|Logger|audit|auditLog)"
    r"\s*\.\s*(?:trace|debug|info|warn|error|fatal|log)"
    r"|System\s*\.\s*(?:out|err)\s*\.\s*(?:print|println|printf|format))\s*\("
)
_LOG_WORDS = ("log", "LOG", "Log", "audit", "System")
"""Every match of `_LOG_CALL` holds one of these."""


@register(
    CheckSpec(
        id="JAVA-SECRET-IN-LOG",
        checklist_item="SEC-13",
        category=Category.SECURITY,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="Secret written to the log",
        explanation=(
            "Logs are shipped to many systems and read by many people; a password, token or Authorization "
            "header in them is a leaked credential. Log an identifier or a masked form (the last four "
            "characters), never the value."
        ),
    ),
    needs=("log", "LOG", "Log", "System."),
)
def secret_in_log(ctx: FileContext) -> Iterator[Hit]:
    yield from secret_log_hits(ctx, _LOG_CALL, line_words=_LOG_WORDS)


@register(
    CheckSpec(
        id="JAVA-TIMING-COMPARE",
        checklist_item="SEC-15",
        category=Category.SECURITY,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="Secret or signature compared with `equals`",
        explanation=(
            "`equals`, `Arrays.equals` and `compareTo` stop at the first differing character, so response "
            "times reveal how much of a guessed signature or token is right, and it can be recovered a "
            "character at a time. Compare with `MessageDigest.isEqual(a, b)` (on the bytes: "
            "`a.getBytes(StandardCharsets.UTF_8)`)."
        ),
    ),
    needs=JAVA_SYNTAX.op_words,
)
def timing_compare(ctx: FileContext) -> Iterator[Hit]:
    yield from comparison_hits(ctx, JAVA_SYNTAX, "{name} is compared with {other} by `{op}`, "
                                                 "which returns sooner the fewer leading characters match.")
