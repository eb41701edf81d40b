"""Go: a secret passed to a logger or printed to the process's output, which ends up in the logs. The message
names the variable, never its value."""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._logged_secrets import secret_log_hits
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity

_LOG_CALL = re.compile(
    r"(?<![\w.])(?:"
    r"(?:log|logger|lg|slog|logrus|klog|glog|zlog|sugar|zap\.[LS]\(\)|(?:[A-Za-z_]\w*\.)+(?:log|logger|Logger|Log))"
    r"\s*\.\s*(?:Print|Printf|Println|Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln|"
    r"(?:Trace|Debug|Info|Warn|Warning|Error|Fatal|Panic|DPanic)(?:f|w|ln|Context)?|Log|LogAttrs|"
    r"With|WithField|WithFields|Msg|Msgf|Str|Interface)"
    r"|fmt\s*\.\s*(?:Print|Printf|Println)"
    r")\s*\("
    r"|(?<![\w.])fmt\s*\.\s*Fprint(?:f|ln)?\s*\((?=\s*os\s*\.\s*(?:Stdout|Stderr)\b)"
)


@register(
    CheckSpec(
        id="GO-SECRET-IN-LOG",
        checklist_item="SEC-13",
        category=Category.SECURITY,
        severity=Severity.MEDIUM,
        languages=frozenset({"go"}),
        title="Secret written to the log",
        explanation=(
            "Logs are shipped to many systems and read by many people; a password, token or Authorization "
            "header in them is a leaked credential. Log an identifier or a masked form (the last four "
            "characters), never the value."
        ),
    ),
    needs=("log", "Log", "fmt.", "sugar", "zap."),
)
def secret_in_log(ctx: FileContext) -> Iterator[Hit]:
    yield from secret_log_hits(ctx, _LOG_CALL)
