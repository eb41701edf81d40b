"""GO-QUEUE-HANDLER-FAILURE-SWALLOWED in a hunk whose function header is only in the hunk header: the
handler is known from it, and read up to its closing brace."""

from __future__ import annotations

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks

from .helpers import DATA, expected, findings_of

RULE = "GO-QUEUE-HANDLER-FAILURE-SWALLOWED"
HEADER = "func (h *CaptureHandler) Handle(msg *message.Message) error {"
BODY = {
    29: "\t\th.metrics.Malformed.Inc()",
    30: "\t\treturn nil",
    31: "\t}",
    32: "\tif err := h.ledger.PostCapture(msg.Context(), evt); err != nil {",
    33: '\t\th.log.Error("post capture to ledger", err, nil)',
    34: "\t}",
    35: "\treturn nil",
    36: "}",
}


def _found(lines: dict[int, str], sections: dict[int, str]) -> list[int]:
    ctx = FileContext("internal/ledger/consumer.go", "go", lines, frozenset({32, 33, 34, 35}),
                      whole_file=False, sections=sections)
    return sorted(f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == RULE)


def test_a_hunk_of_a_watermill_handler_named_by_its_hunk_header_is_read() -> None:
    assert _found(BODY, {29: HEADER}) == [32]


def test_a_hunk_of_an_ordinary_function_or_a_handler_that_returns_the_error_is_quiet() -> None:
    assert _found(BODY, {29: "func (h *CaptureHandler) post(evt CaptureEvent) error {"}) == []
    returned = {**BODY, 34: "\t\treturn err", 35: "\t}", 36: "\treturn nil", 37: "}"}
    assert _found(returned, {29: HEADER}) == []


def test_the_whole_file_fixture_matches_its_markers() -> None:
    text = (DATA / "whole_file_only" / "queue_handler_swallow.go").read_text()
    assert findings_of("internal/ledger/queue_handler_swallow.go", text) == expected(text)
