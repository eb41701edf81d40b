"""Java: a secret passed to a logger or printed to standard output or error, which ends up in the logs. The
message names the variable, never its value."""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._logged_secrets import secret_log_hits
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity

_LOG_CALL = re.compile(
    r"(?<![\w.])(?:(?:this\s*\.\s*)?(?:log|logger|LOG|LOGGER|Log|Logger|audit|auditLog)"
    r"\s*\.\s*(?:trace|debug|info|warn|error|fatal|log)"
    r"|System\s*\.\s*(?:out|err)\s*\.\s*(?:print|println|printf|format))\s*\("
)


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
    yield from secret_log_hits(ctx, _LOG_CALL)
