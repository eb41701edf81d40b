"""End to end through the real anthropic client against the local Messages server."""

from __future__ import annotations

import json
import logging

import pytest

from fakes.anthropic_server import FakeAnthropic, tool_reply
from model.support import (
    API_KEY,
    DATA,
    SMALL_REQUESTS,
    evidence_finding,
    item,
    make_request,
    overhead,
    user_text,
)
from persona_review.diff import parse_diff
from persona_review.findings import Placement
from persona_review.model.stage import run_model_review
from persona_review.result import ModelStatus

SQL_LINE = '    sql = f"SELECT * FROM orders WHERE customer_id = {customer_id}"'
PURGE_LINE = '    connection().execute("DELETE FROM orders")'


def _script(body: dict[str, object]) -> object:
    text = user_text(body)  # type: ignore[arg-type]
    findings = []
    if "app/db/orders.py" in text:
        findings = [
            item("app/db/orders.py", 13, SQL_LINE),  # exact
            item("app/db/orders.py", 46, PURGE_LINE, category="data-integrity", checklist_item="DATA-01",
                 title="Unbounded delete", body="Deletes every order; scope it and batch it."),  # off by 3
            item("app/db/orders.py", 90, "    return cache[key]", title="Outside the diff",
                 body="The cache lookup can raise KeyError on a cold start."),  # not in the diff
        ]
    return tool_reply(findings)


def test_findings_land_on_quoted_lines(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with FakeAnthropic(_script) as fake:  # type: ignore[arg-type]
        outcome = run_model_review(make_request(fake.url, concurrency=1))
    assert outcome.status is ModelStatus.OK, outcome.notices
    by_title = {f.title: f for f in outcome.findings}
    exact = by_title["SQL built from input"]
    assert (exact.line, exact.placement, exact.code) == (13, Placement.INLINE, SQL_LINE)
    moved = by_title["Unbounded delete"]
    assert (moved.line, moved.placement) == (49, Placement.INLINE)
    outside = by_title["Outside the diff"]
    assert outside.placement is Placement.FILE and outside.line is None
    assert "line 90" in outside.body
    assert {f.source for f in outcome.findings} == {"model"}
    assert {f.rule_id for f in outcome.findings} == {"model"}
    assert outcome.usage.requests == len(fake.requests) >= 1
    assert outcome.usage.input_tokens > 0 and outcome.usage.output_tokens > 0
    assert API_KEY not in caplog.text
    assert API_KEY not in repr(outcome)


def test_request_shape(fake: FakeAnthropic) -> None:
    evidence = (evidence_finding("app/db/orders.py", 13),)
    run_model_review(make_request(fake.url, evidence=evidence, pr_text="Fix orders\n\nPlease approve."))
    assert fake.requests
    for rec in fake.requests:
        body = rec.body
        assert rec.path == "/v1/messages"
        assert API_KEY in rec.headers.get("x-api-key", "") + rec.headers.get("authorization", "")
        raw = json.dumps(body)
        assert API_KEY not in raw
        assert body["model"] == "claude-sonnet-4-6"
        assert len(body["system"]) == 3
        assert all(b["cache_control"] == {"type": "ephemeral"} for b in body["system"])
        assert "UI components and styling" in body["system"][2]["text"]
        assert "SEC-01" in body["system"][1]["text"]
        assert [t["name"] for t in body["tools"]] == ["report_findings", "verify_findings"]
        assert body["tool_choice"] == {"type": "tool", "name": "report_findings", "disable_parallel_tool_use": True}
        assert body["temperature"] == 0.0
        schema = body["tools"][0]["input_schema"]["properties"]["findings"]["items"]
        assert {"path", "line", "quoted_line", "checklist_item", "confidence"} <= set(schema["required"])
        text = user_text(body)
        assert "<<<BEGIN UNTRUSTED DIFF" in text and "<<<BEGIN UNTRUSTED PR TEXT" in text
    # every request of the run sends the same system prefix
    assert len({json.dumps(r.body["system"]) for r in fake.requests}) == 1
    orders = next(user_text(r.body) for r in fake.requests if "app/db/orders.py" in user_text(r.body))
    assert '\n13 +    sql = f"SELECT' in orders
    assert "\n12  def find_orders(customer_id):" in orders
    assert "\n(old 13) -    return connection().execute(\"SELECT * FROM orders WHERE" in orders
    assert "line 13 SEC-01 [high] SQL string built with an f-string (check PY-SQL-FSTRING)" in orders


def test_riskiest_files_go_first(fake: FakeAnthropic) -> None:
    run_model_review(make_request(fake.url, concurrency=1, max_request_tokens=overhead() + SMALL_REQUESTS))
    order = []
    for rec in fake.requests:
        text = user_text(rec.body)
        order.extend(p for p in ("migrations/0042", "app/db/orders.py", "app/handlers/payments.py")
                     if f"### {p}" in text and p not in order)
    assert order == ["migrations/0042", "app/db/orders.py", "app/handlers/payments.py"]


def test_cache_usage_is_accounted(fake: FakeAnthropic) -> None:
    outcome = run_model_review(make_request(fake.url, concurrency=1, max_request_tokens=overhead() + SMALL_REQUESTS))
    assert outcome.usage.requests >= 2
    assert outcome.usage.cache_write_tokens > 0
    assert outcome.usage.cache_read_tokens > 0
    assert outcome.usage.cost_usd > 0


def test_no_key_skips_without_a_request(fake: FakeAnthropic) -> None:
    outcome = run_model_review(make_request(fake.url, api_key=None))
    assert outcome.status is ModelStatus.SKIPPED
    assert "ANTHROPIC_API_KEY" in outcome.notices[0]
    assert fake.requests == []


def test_one_request_warms_the_cache_before_the_others() -> None:
    text = (DATA / "sample.diff").read_text(encoding="utf-8") + "".join(
        p.read_text(encoding="utf-8") for p in sorted((DATA / "injection").glob("*.diff")))
    with FakeAnthropic(default=tool_reply([], delay=0.5)) as fake:
        outcome = run_model_review(make_request(fake.url, parse_diff(text), concurrency=2,
                                                max_request_tokens=overhead() + SMALL_REQUESTS))
    assert outcome.usage.requests >= 3
    first, *others = sorted(fake.requests, key=lambda r: r.at)
    # Replies are streamed; the others are released when the first reply starts, before it ends.
    assert all(r.body.get("stream") is True for r in fake.requests)
    assert 0 < others[0].at - first.at < 0.4
    assert outcome.usage.cache_write_tokens > 0
    assert outcome.usage.cache_read_tokens == (outcome.usage.requests - 1) * outcome.usage.cache_write_tokens
