"""Go: a secret passed to a logger or printed to the process's output, which ends up in the logs, and a secret
or signature compared with `==` or `bytes.Equal`. Messages name the variable, never its value."""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._logged_secrets import secret_log_hits
from persona_review.checks._secret_compare import GO_SYNTAX, comparison_hits
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_LOG_CALL = lazy_re(
    r"(?<![\w.])(?:"
    r"(?:log|logger|lg|slog|logrus|klog|glog|zlog|sugar|zap\.[LS]\(\)|(?:[A-Za-z_]\w*\.)+(?:log|logger|Logger|Log))"
    r"\s*\.\s*(?:Print|Printf|Println|Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln|"
    r"(?:Trace|Debug|Info|Warn|Warning|Error|Fatal|Panic|DPanic)(?:f|w|ln|Context)?|Log|LogAttrs|"
    r"With|WithField|WithFields|Msg|Msgf|Str|Interface)"
    r"|fmt\s*\.\s*(?:Print|Printf|Println)"
    r")\s*\("
    r"|(?<![\w.])fmt\s*\.\s*Fprint(?:f|ln)?\s*\((?=\s*os\s*\.\s*(?:Stdout|Stderr)\b)"
)
_LOG_WORDS = ("log", "Log", "lg", "sugar", "zap", "fmt")
"""Every match of `_LOG_CALL` holds one of these."""


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
    yield from secret_log_hits(ctx, _LOG_CALL, line_words=_LOG_WORDS)


@register(
    CheckSpec(
        id="GO-TIMING-COMPARE",
        checklist_item="SEC-15",
        category=Category.SECURITY,
        severity=Severity.MEDIUM,
        languages=frozenset({"go"}),
        title="Secret or signature compared with `==`",
        explanation=(
            "`==` and `bytes.Equal` stop at the first differing byte, so response times reveal how much of a "
            "guessed signature or token is right, and it can be recovered byte by byte. Compare MACs with "
            "`hmac.Equal(a, b)` and other secrets with "
            "`subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1`."
        ),
    ),
    needs=GO_SYNTAX.op_words,
)
def timing_compare(ctx: FileContext) -> Iterator[Hit]:
    yield from comparison_hits(ctx, GO_SYNTAX, "{name} is compared with {other} by `{op}`, "
                                               "which returns sooner the fewer leading bytes match.")
