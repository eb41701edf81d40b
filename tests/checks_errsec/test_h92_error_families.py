"""Checks added or widened for the h92 error families: child exit statuses never read (Python, Ruby,
Java), `asynq.SkipRetry` around network failures, and the Karafka/ruby-kafka acks. Their fixtures are
whole files, since each reads a whole function (the process object's later uses, the branch's end)."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff

from .helpers import DATA, expected, findings_of

_FIXTURES = ["asynq_skip_retry.go", "system_unchecked.rb", "ProcessExit.java", "py_exit_status.py",
             "failure_made_permanent.ts", "failure_made_permanent.py"]


@pytest.mark.parametrize("name", _FIXTURES)
def test_fixture_matches_its_markers(name: str) -> None:
    text = (DATA / "whole_file_only" / name).read_text()
    assert expected(text)
    assert findings_of(name, text) == expected(text)


@pytest.mark.parametrize(("name", "path", "rule"), [
    ("asynq_skip_retry.go", "internal/jobs/sms_test.go", "GO-ASYNQ-SKIPRETRY-TRANSIENT"),
    ("system_unchecked.rb", "lib/tasks/thumbnails.rake", "RB-SYSTEM-UNCHECKED"),
    ("system_unchecked.rb", "spec/jobs/thumbnail_job_spec.rb", "RB-SYSTEM-UNCHECKED"),
    ("system_unchecked.rb", "lib/capistrano/sync.rb", "RB-SYSTEM-UNCHECKED"),
    ("ProcessExit.java", "src/test/java/com/acme/media/PosterMakerTest.java", "JAVA-PROCESS-EXIT-IGNORED"),
    ("py_exit_status.py", "tests/test_media.py", "PY-SUBPROCESS-UNCHECKED"),
])
def test_quiet_in_tests_and_tooling(name: str, path: str, rule: str) -> None:
    text = (DATA / "whole_file_only" / name).read_text()
    assert rule not in {found for _, found in findings_of(path, text)}


def test_skip_retry_inside_a_kind_test_is_quiet() -> None:
    text = """package jobs

func (p *P) ProcessTask(ctx context.Context, t *asynq.Task) error {
\tif err := p.api.Send(ctx, t.Payload()); err != nil {
\t\tvar apiErr *APIError
\t\tif errors.As(err, &apiErr) && apiErr.Status == 400 {
\t\t\treturn fmt.Errorf("rejected: %v: %w", err, asynq.SkipRetry)
\t\t}
\t\treturn err
\t}
\treturn nil
}
"""
    assert not findings_of("internal/jobs/p.go", text)


def test_ruby_system_as_a_methods_value_is_quiet() -> None:
    text = """class Probe
  def healthy?(path)
    system("ffprobe", "-v", "error", path)
  end
end
"""
    assert ("RB-SYSTEM-UNCHECKED" not in {rule for _, rule in findings_of("app/services/probe.rb", text)})


@pytest.mark.parametrize(("text", "flagged"), [
    ("class C < ApplicationConsumer\n  def consume\n    messages.each do |m|\n      mark_as_consumed(m)\n"
     "      Ledger.award!(m.payload)\n    end\n  end\nend\n", True),
    ("class C < ApplicationConsumer\n  def consume\n    messages.each do |m|\n      Ledger.award!(m.payload)\n"
     "      mark_as_consumed(m)\n    end\n  end\nend\n", False),
])
def test_karafka_mark_as_consumed_is_an_ack(text: str, flagged: bool) -> None:
    found = {rule for _, rule in findings_of("app/consumers/c.rb", text)}
    assert ("ANY-ACK-BEFORE-PROCESS" in found) is flagged


def _diff_lines(diff: str, rule: str) -> list[int]:
    outcome = run_checks([build_context(f) for f in parse_diff(diff.encode())])
    return sorted(f.line for f in outcome.findings if f.rule_id == rule)


_GOROUTINE_HUNK = """diff --git a/internal/orders/handler.go b/internal/orders/handler.go
--- a/internal/orders/handler.go
+++ b/internal/orders/handler.go
@@ -30,5 +30,9 @@ func (h *Handler) Create(w http.ResponseWriter, r *http.Request) {
 \t\twriteError(w, err)
 \t\treturn
 \t}
-\th.mailer.SendReceipt(r.Context(), order)
+\tgo func() {
+\t\tif err := h.mailer.SendReceipt(r.Context(), order); err != nil {
+\t\t\tslog.Error("receipt failed", "err", err)
+\t\t}
+\t}()
 \tw.WriteHeader(http.StatusCreated)
"""


def test_a_goroutine_on_the_request_context_is_seen_in_a_hunk_that_starts_inside_an_if() -> None:
    """The hunk header names the handler; the `}` of the `if` it starts in is not the handler's end."""
    assert _diff_lines(_GOROUTINE_HUNK, "GO-GOROUTINE-REQUEST-SCOPE") == [33]


def test_a_goroutine_with_its_own_context_in_such_a_hunk_is_quiet() -> None:
    detached = _GOROUTINE_HUNK.replace("SendReceipt(r.Context(), order)", "SendReceipt(bg, order)")
    assert _diff_lines(detached, "GO-GOROUTINE-REQUEST-SCOPE") == []


_TX_THROWS = """package com.acme.loans;

@Service
public class AccrualService {
    private final LoanRepository loans;

    @Transactional
    public void accrue(long loanId) throws DECLARED {
        Loan loan = loans.findById(loanId).orElse(null);
        loans.save(loan.withAccrual());
        if (loan.isClosed()) {
            throw new DECLARED(loanId);
        }
    }
}
"""


@pytest.mark.parametrize(("declared", "flagged"), [
    ("InterestPostingException", True),
    ("LoanNotFoundException", False),   # named like the unchecked not-found exceptions of web frameworks
    ("IllegalStateException", False),
])
def test_a_project_exception_declared_and_thrown_in_a_transaction(declared: str, flagged: bool) -> None:
    found = findings_of("src/main/java/com/acme/loans/AccrualService.java", _TX_THROWS.replace("DECLARED", declared))
    assert ((12, "JAVA-TX-CHECKED-COMMITS") in found) is flagged
