"""The verification pass: a second request per batch of findings drops what the code does not support;
every drop is listed, never posted; failures and budgets keep the findings. Real SDK, real HTTP."""

from __future__ import annotations

import re
from typing import Any

from fakes.anthropic_server import FakeAnthropic, Reply, error_reply, forced_tool, tool_reply, verify_reply
from model.support import FAST_RETRY, item, make_request, overhead, user_text
from persona_review.model.stage import run_model_review
from persona_review.result import ModelStatus

SQL_LINE = '    sql = f"SELECT * FROM orders WHERE customer_id = {customer_id}"'
PURGE_LINE = '    connection().execute("DELETE FROM orders")'
FOUND = [
    item("app/db/orders.py", 13, SQL_LINE, title="Injection"),
    item("app/db/orders.py", 49, PURGE_LINE, category="data-integrity", checklist_item="DATA-00",
         title="Imagined problem", body="The delete runs inside a transaction that is never committed."),
    item("app/db/orders.py", 49, PURGE_LINE, category="data-integrity", checklist_item="DATA-05",
         title="Unbounded delete", body="Deletes every order in one statement; batch it."),
]


def _verifier(verdicts: list[dict[str, Any]]) -> Any:
    def script(body: dict[str, Any]) -> Reply:
        if forced_tool(body) == "verify_findings":
            return verify_reply(verdicts)
        return tool_reply(FOUND)
    return script


def test_unsupported_findings_are_dropped_and_listed() -> None:
    verdicts = [{"id": "F1", "reason": "f-string reaches execute", "supported": True},
                {"id": "F2", "reason": "no transaction is opened here", "supported": False}]
    with FakeAnthropic(_verifier(verdicts)) as fake:
        outcome = run_model_review(make_request(fake.url, verify=True, concurrency=1))
    assert outcome.status is ModelStatus.OK, outcome.notices
    assert sorted(f.title for f in outcome.findings) == ["Injection", "Unbounded delete"]  # F3: no verdict
    assert outcome.verified == 2
    assert outcome.dropped == ["app/db/orders.py:49 DATA-00 Imagined problem: no transaction is opened here"]
    reviews = [r for r in fake.requests if forced_tool(r.body) == "report_findings"]
    checks = [r for r in fake.requests if forced_tool(r.body) == "verify_findings"]
    assert len(reviews) == len(checks) == 1
    check = checks[0].body
    # the same cached prefix as the review: same system and tools, read from the cache
    assert check["system"] == reviews[0].body["system"] and check["tools"] == reviews[0].body["tools"]
    assert outcome.usage.cache_read_tokens > 0 and outcome.usage.requests == 2
    text = user_text(check)
    assert re.search(r"<<<BEGIN UNTRUSTED FINDINGS \w+", text) and "F3: app/db/orders.py:49 DATA-05" in text
    assert "<<<BEGIN UNTRUSTED DIFF" in text


def test_a_failed_verification_keeps_every_finding() -> None:
    def script(body: dict[str, Any]) -> Reply:
        if forced_tool(body) == "verify_findings":
            return error_reply(500, "api_error")
        return tool_reply(FOUND)

    with FakeAnthropic(script) as fake:
        outcome = run_model_review(make_request(fake.url, verify=True, concurrency=1, retry=FAST_RETRY))
    assert len(outcome.findings) == 3 and outcome.dropped == []
    assert any("verification" in n and "unverified" in n for n in outcome.notices)
    assert outcome.status is ModelStatus.OK  # everything was reviewed; only the check is missing


def test_a_reply_without_verdicts_keeps_every_finding() -> None:
    with FakeAnthropic(default=tool_reply(FOUND)) as fake:
        outcome = run_model_review(make_request(fake.url, verify=True, concurrency=1))
    assert len(outcome.findings) == 3
    assert any("gave no verdicts" in n for n in outcome.notices)


def test_verification_is_skipped_when_the_budget_cannot_cover_it() -> None:
    # The review itself uses all but a few hundred tokens of the budget, as the API reports it.
    budget = overhead() + 2_000
    used = {"input_tokens": budget - 300, "output_tokens": 100, "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0}

    def script(body: dict[str, Any]) -> Reply:
        if forced_tool(body) == "verify_findings":
            return verify_reply([{"id": "F1", "reason": "r", "supported": False}])
        return tool_reply(FOUND, usage=used)

    with FakeAnthropic(script) as fake:
        outcome = run_model_review(make_request(fake.url, verify=True, concurrency=1, max_input_tokens=budget))
    assert [forced_tool(r.body) for r in fake.requests] == ["report_findings"]
    assert len(outcome.findings) == 3
    assert any("verification pass was skipped" in n for n in outcome.notices)


def test_verify_false_sends_no_verification(fake: FakeAnthropic) -> None:
    run_model_review(make_request(fake.url, verify=False))
    assert {forced_tool(r.body) for r in fake.requests} == {"report_findings"}


def test_only_findings_that_would_be_posted_are_verified() -> None:
    guess = item("app/db/orders.py", 13, SQL_LINE, title="Low guess", confidence=0.2, checklist_item="SEC-00",
                 body="Perhaps something else is wrong here too.")
    seen: list[str] = []

    def script(body: dict[str, Any]) -> Reply:
        if forced_tool(body) == "verify_findings":
            seen.append(user_text(body))
            return verify_reply([{"id": "F1", "reason": "holds", "supported": True}])
        return tool_reply([FOUND[0], guess])

    with FakeAnthropic(script) as fake:
        outcome = run_model_review(make_request(fake.url, verify=True, concurrency=1))
    assert len(fake.requests) == 2
    assert "Low guess" not in seen[0] and "F1: app/db/orders.py:13 SEC-01" in seen[0]
    assert sorted(f.title for f in outcome.findings) == ["Injection", "Low guess"]  # kept, for the threshold
