"""Each failure of the model API gives its documented outcome: nothing lost, no traceback."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from fakes.anthropic_server import FakeAnthropic, Reply, error_reply, text_reply, tool_reply
from model.support import API_KEY, SMALL_REQUESTS, item, make_request, overhead, user_text
from persona_review.diff import Diff
from persona_review.findings import Placement
from persona_review.model.retry import RetryPolicy
from persona_review.model.stage import run_model_review
from persona_review.result import ModelStatus

ALL_PATHS = {"app/db/orders.py", "app/handlers/payments.py", "migrations/0042_add_index.sql"}
SQL_LINE = '    sql = f"SELECT * FROM orders WHERE customer_id = {customer_id}"'


def _one_request(**overrides: Any) -> dict[str, Any]:
    """Settings that send the whole sample diff in one request."""
    return {"concurrency": 1, **overrides}


def test_malformed_items_are_rejected_one_by_one() -> None:
    good = item("app/db/orders.py", 13, SQL_LINE)
    bad = [
        {**good, "line": "thirteen"},
        {**good, "severity": "catastrophic"},
        {**good, "checklist_item": "SEC-99"},
        {**good, "checklist_item": "ERR-01"},  # exists, but not a security item
        {**good, "path": "not/in/the/request.py"},
        {k: v for k, v in good.items() if k != "quoted_line"},
        {**good, "surprise": "extra key"},
        "a string, not an object",
    ]
    with FakeAnthropic([tool_reply([good, *bad])]) as fake:
        outcome = run_model_review(make_request(fake.url, **_one_request()))
    assert outcome.status is ModelStatus.OK
    assert outcome.rejected_items == len(bad)
    assert len(outcome.findings) == 1 and outcome.findings[0].line == 13
    assert any("failed validation" in n for n in outcome.notices)


def test_tool_input_without_findings_list_is_retried_smaller_then_reported() -> None:
    with FakeAnthropic(default=tool_reply(tool_input={"findings": "none"})) as fake:
        outcome = run_model_review(make_request(fake.url, **_one_request()))
    assert outcome.status is ModelStatus.PARTIAL
    assert len(fake.requests) == 3  # the chunk, then its two halves
    assert outcome.rejected_items == 3
    assert {u.split(":")[0] for u in outcome.unreviewed} == ALL_PATHS


def test_empty_reply_is_retried_with_a_smaller_chunk() -> None:
    replies = [text_reply(""), tool_reply([item("app/db/orders.py", 13, SQL_LINE)]), tool_reply([])]
    with FakeAnthropic(replies) as fake:
        outcome = run_model_review(make_request(fake.url, **_one_request()))
    assert len(fake.requests) == 3
    first, second, third = (user_text(r.body) for r in fake.requests)
    assert len(second) < len(first) and len(third) < len(first)
    assert outcome.status is ModelStatus.OK, outcome.notices
    assert [f.line for f in outcome.findings] == [13]
    assert outcome.rejected_items == 0  # an empty reply has no items to reject


def test_max_tokens_stop_retries_smaller_then_reports() -> None:
    cut = tool_reply([item("app/db/orders.py", 13, SQL_LINE)], stop_reason="max_tokens")
    with FakeAnthropic(default=cut) as fake:
        outcome = run_model_review(make_request(fake.url, **_one_request()))
    assert len(fake.requests) == 3
    assert outcome.status is ModelStatus.PARTIAL
    # What the smallest cut-off replies did report is kept (both halves hold a hunk of orders.py; the
    # pipeline's merge folds identical texts into one); their parts are still listed as not reviewed.
    assert {(f.path, f.line) for f in outcome.findings} == {("app/db/orders.py", 13)}
    assert any("max_tokens" in n and "beyond the 1 finding(s) it did report" in n for n in outcome.notices)
    assert {u.split(":")[0] for u in outcome.unreviewed} == ALL_PATHS
    assert outcome.usage.requests == 3


def test_rate_limit_then_success_honours_retry_after() -> None:
    replies = [error_reply(429, "rate_limit_error", retry_after=0.3), tool_reply([])]
    with FakeAnthropic(replies) as fake:
        outcome = run_model_review(make_request(fake.url, **_one_request()))
    assert outcome.status is ModelStatus.OK
    assert len(fake.requests) == 2
    assert fake.requests[1].at - fake.requests[0].at >= 0.3


def test_overloaded_forever_is_partial_with_notice(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    overloaded = error_reply(529, "overloaded_error", retry_after=0)
    with FakeAnthropic(default=overloaded) as fake:
        outcome = run_model_review(make_request(fake.url, **_one_request()))
    assert outcome.status is ModelStatus.PARTIAL
    assert len(fake.requests) == 3  # FAST_RETRY: three tries
    assert sorted(outcome.unreviewed) == sorted(ALL_PATHS)
    assert any("HTTP 529 overloaded_error" in n and "after 3 tries" in n for n in outcome.notices)
    assert "Traceback" not in caplog.text and API_KEY not in caplog.text


def test_server_errors_use_exponential_backoff_without_retry_after() -> None:
    replies = [error_reply(500, "api_error"), error_reply(503, "api_error"), tool_reply([])]
    policy = RetryPolicy(attempts=3, base_delay=0.1, max_delay=1.0)
    with FakeAnthropic(replies) as fake:
        outcome = run_model_review(make_request(fake.url, retry=policy, **_one_request()))
    assert outcome.status is ModelStatus.OK
    times = [r.at for r in fake.requests]
    assert times[1] - times[0] >= 0.075  # 0.1 with up to 25% jitter
    assert times[2] - times[1] >= 0.15  # doubled


def test_timeout_is_partial_and_the_run_goes_on() -> None:
    def script(body: dict[str, Any]) -> Reply:
        if "### app/handlers/payments.py" in user_text(body):
            return tool_reply([], delay=1.0)
        return tool_reply([item("app/db/orders.py", 13, SQL_LINE)])

    policy = RetryPolicy(attempts=2, base_delay=0.01)
    with FakeAnthropic(script) as fake:
        outcome = run_model_review(make_request(fake.url, timeout_seconds=0.3, retry=policy,
                                                max_request_tokens=overhead() + SMALL_REQUESTS, concurrency=2))
    assert outcome.status is ModelStatus.PARTIAL
    assert "app/handlers/payments.py" in outcome.unreviewed
    assert "migrations/0042_add_index.sql" not in outcome.unreviewed
    assert any("timed out" in n for n in outcome.notices)
    assert [f.line for f in outcome.findings] == [13]
    assert outcome.findings[0].placement is Placement.INLINE


def test_refused_key_stops_all_requests() -> None:
    with FakeAnthropic(default=error_reply(401, "authentication_error")) as fake:
        outcome = run_model_review(make_request(fake.url, max_request_tokens=overhead() + SMALL_REQUESTS,
                                                concurrency=1))
    assert outcome.status is ModelStatus.PARTIAL
    assert len(fake.requests) == 1
    assert sorted(outcome.unreviewed) == sorted(ALL_PATHS)
    assert any("refused" in n for n in outcome.notices)


def test_bad_request_is_not_retried() -> None:
    with FakeAnthropic(default=error_reply(400, "invalid_request_error")) as fake:
        outcome = run_model_review(make_request(fake.url, **_one_request()))
    assert len(fake.requests) == 1
    assert outcome.status is ModelStatus.PARTIAL


def test_budget_leaves_the_least_risky_files_unreviewed() -> None:
    with FakeAnthropic() as fake:
        outcome = run_model_review(make_request(fake.url, max_request_tokens=overhead() + SMALL_REQUESTS,
                                                max_input_tokens=overhead() + SMALL_REQUESTS, concurrency=1))
    assert outcome.status is ModelStatus.PARTIAL
    sent = "".join(user_text(r.body) for r in fake.requests)
    assert "### migrations/0042_add_index.sql" in sent
    assert "app/handlers/payments.py" in outcome.unreviewed
    assert "### app/handlers/payments.py" not in sent
    assert any("max-input-tokens" in n and "app/handlers/payments.py" in n for n in outcome.notices)


def test_cost_budget() -> None:
    with FakeAnthropic() as fake:
        outcome = run_model_review(make_request(fake.url, max_cost_usd=0.0,
                                                concurrency=1))
    assert fake.requests == []
    assert sorted(outcome.unreviewed) == sorted(ALL_PATHS)
    assert any("max-cost-usd" in n for n in outcome.notices)


def test_nothing_to_review_is_skipped() -> None:
    with FakeAnthropic() as fake:
        outcome = run_model_review(make_request(fake.url, Diff([])))
    assert outcome.status is ModelStatus.SKIPPED and fake.requests == []


@pytest.mark.parametrize("provider", ["bedrock", "vertex", "openai"])
def test_unusable_provider_setup_is_skipped_with_a_notice(provider: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "CLOUD_ML_REGION",
                 "ANTHROPIC_VERTEX_PROJECT_ID", "GOOGLE_CLOUD_PROJECT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    with FakeAnthropic() as fake:
        outcome = run_model_review(make_request(fake.url, provider=provider))
    assert outcome.status is ModelStatus.SKIPPED
    assert outcome.notices and outcome.notices[0].startswith("model review skipped")
    assert fake.requests == []


def test_unknown_model_family_is_priced_high_and_said_so() -> None:
    with FakeAnthropic() as fake:
        outcome = run_model_review(make_request(fake.url, model="claude-newfamily-9"))
        known = run_model_review(make_request(fake.url, model="claude-sonnet-9"))
    assert any("no price on record for model claude-newfamily-9" in n and "highest known price" in n
               for n in outcome.notices)
    assert any("no price on record for model claude-sonnet-9" in n and "family's price" in n
               for n in known.notices)
    assert outcome.usage.cost_usd > known.usage.cost_usd > 0


def test_cost_limit_reached_during_the_run_stops_sending() -> None:
    expensive = tool_reply([], usage={"input_tokens": 1_000_000, "output_tokens": 0,
                                      "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0})
    with FakeAnthropic(default=expensive) as fake:
        outcome = run_model_review(make_request(fake.url, max_cost_usd=1.0, concurrency=1,
                                                max_request_tokens=overhead() + SMALL_REQUESTS))
    assert len(fake.requests) == 1  # the plan allowed more; the first reply used the budget up
    assert outcome.usage.cost_usd == pytest.approx(3.0)
    assert outcome.status is ModelStatus.PARTIAL and outcome.unreviewed
    assert sum("max-cost-usd" in n for n in outcome.notices) == 1
