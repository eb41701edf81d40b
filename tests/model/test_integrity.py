"""Nothing the model reports is lost or distorted on the way in: every tool block, every rejection with its
reason, prompts too long for the model split, timeouts billed, temperature handled. Real SDK, real HTTP."""

from __future__ import annotations

from typing import Any

from fakes.anthropic_server import FakeAnthropic, Reply, blocks_reply, error_reply, too_long_reply, tool_reply
from model.support import FAST_RETRY, item, make_request, user_text
from persona_review.model.retry import RetryPolicy
from persona_review.model.stage import run_model_review
from persona_review.model.tokens import estimate_tokens
from persona_review.result import ModelStatus

SQL_LINE = '    sql = f"SELECT * FROM orders WHERE customer_id = {customer_id}"'
PURGE_LINE = '    connection().execute("DELETE FROM orders")'
CHARGE_LINE = '        response = requests.post(PAYMENT_URL, json={"card": card, "amount": amount})'


def test_every_tool_block_of_a_reply_is_read() -> None:
    first = [item("app/db/orders.py", 13, SQL_LINE, title="Injection in find_orders")]
    second = [item("app/db/orders.py", 49, PURGE_LINE, category="data-integrity", checklist_item="DATA-00",
                   title="Deletes every order", body="purge_orders deletes all rows of every tenant.")]
    third = [item("app/handlers/payments.py", 6, CHARGE_LINE, category="error-handling",
                  checklist_item="ERR-01", title="Swallowed payment error",
                  body="A failed charge returns None and the caller treats it as paid.")]

    with FakeAnthropic(default=blocks_reply(first, second, third, [], text="Three calls.")) as fake:
        outcome = run_model_review(make_request(fake.url))
    assert outcome.status is ModelStatus.OK, outcome.notices
    assert sorted(f.title for f in outcome.findings) == sorted(
        ["Injection in find_orders", "Deletes every order", "Swallowed payment error"])
    assert outcome.rejections == []


def test_distinct_findings_on_one_line_all_come_back_with_their_own_confidence() -> None:
    items = [
        item("app/db/orders.py", 13, SQL_LINE, title=f"Finding {n}", body=f"Distinct problem number {n}.",
             confidence=round(0.1 + n / 250, 3), severity="critical" if n % 2 else "medium")
        for n in range(200)
    ]
    with FakeAnthropic(default=tool_reply(items)) as fake:
        outcome = run_model_review(make_request(fake.url, concurrency=1))
    ours = [f for f in outcome.findings if f.path == "app/db/orders.py"]
    assert len(ours) >= 200  # every request got the same 200 items; every one for orders.py survives
    by_title = {f.title: f for f in ours}
    assert all(by_title[f"Finding {n}"].confidence == round(0.1 + n / 250, 3) for n in range(200))


def test_every_rejected_item_is_listed_with_its_reason() -> None:
    bad = [
        item("app/db/orders.py", 13, SQL_LINE, checklist_item="NOPE-1"),
        item("app/db/orders.py", 13, SQL_LINE, category="data-integrity"),  # SEC-01 is not a data item
        item("not/in/request.py", 3, "x = 1"),
    ]
    good = item("app/db/orders.py", 13, SQL_LINE)
    with FakeAnthropic(default=tool_reply([*bad, good])) as fake:
        outcome = run_model_review(make_request(fake.url, concurrency=1))
    per_request = len(fake.requests)
    assert outcome.rejected_items == len(outcome.rejections) == 3 * per_request
    text = "\n".join(outcome.rejections)
    assert "NOPE-1" in text and "is not a data-integrity item" in text and "was not in the request" in text
    assert all(":" in r for r in outcome.rejections)  # each names where it came from
    assert any("listed under rejections" in n for n in outcome.notices)


def test_a_prompt_too_long_for_the_model_is_split_and_retried() -> None:
    limit = 450  # estimated tokens of user text the fake "model" accepts

    def script(body: dict[str, Any]) -> Reply:
        text = user_text(body)
        if estimate_tokens(text) > limit:
            return too_long_reply(estimate_tokens(text) * 100)
        found = [item("app/db/orders.py", 13, SQL_LINE)] if f"13 +{SQL_LINE}" in text else []
        return tool_reply(found)

    with FakeAnthropic(script) as fake:
        outcome = run_model_review(make_request(fake.url, concurrency=1))
    sizes = [estimate_tokens(user_text(r.body)) for r in fake.requests]
    assert any(s > limit for s in sizes) and any(s <= limit for s in sizes)
    assert outcome.status is ModelStatus.OK, outcome.notices
    assert outcome.unreviewed == []
    assert [f.line for f in outcome.findings] == [13]


def test_a_prompt_that_cannot_get_smaller_is_listed_unreviewed() -> None:
    with FakeAnthropic(default=too_long_reply(300_000)) as fake:
        outcome = run_model_review(make_request(fake.url, concurrency=1))
    assert outcome.status is ModelStatus.PARTIAL
    assert set(outcome.unreviewed) == {"app/db/orders.py", "app/handlers/payments.py",
                                       "migrations/0042_add_index.sql"}
    assert any("too long" in n for n in outcome.notices)
    assert len(fake.requests) > 3  # it was split down to single lines before giving up


def test_a_timeout_is_billed_as_an_estimate_not_as_zero() -> None:
    with FakeAnthropic(default=tool_reply([], delay=1.5)) as fake:
        outcome = run_model_review(make_request(
            fake.url, timeout_seconds=0.3, concurrency=1, retry=RetryPolicy(attempts=2, base_delay=0.01)))
    assert outcome.status is ModelStatus.PARTIAL
    assert len(fake.requests) == outcome.usage.requests == outcome.usage.estimated_requests >= 2
    # upper bound: the whole prompt as uncached input plus a full reply, at $3/$15 per MTok
    assert outcome.usage.cost_usd >= outcome.usage.requests * 4096 * 15 / 1_000_000
    assert outcome.usage.as_dict()["cost_is_estimate"] is True
    assert any("may have been billed" in n for n in outcome.notices)


def test_a_model_that_refuses_a_temperature_is_asked_again_without_one() -> None:
    def script(body: dict[str, Any]) -> Reply:
        if "temperature" in body:
            return error_reply(400, "invalid_request_error", "`temperature` is deprecated for this model.")
        return tool_reply([])

    with FakeAnthropic(script) as fake:
        outcome = run_model_review(make_request(fake.url, concurrency=1, retry=FAST_RETRY))
    assert outcome.status is ModelStatus.OK, outcome.notices
    sent = ["temperature" in r.body for r in fake.requests]
    assert sent[0] is True and sent.count(True) == 1  # asked once, then never again
    assert outcome.usage.requests == len(fake.requests) - 1


def test_the_temperature_is_low_by_default_and_configurable(fake: FakeAnthropic) -> None:
    run_model_review(make_request(fake.url, concurrency=1))
    run_model_review(make_request(fake.url, concurrency=1, temperature=0.3))
    run_model_review(make_request(fake.url, concurrency=1, temperature=None))
    temps = [r.body.get("temperature", "unset") for r in fake.requests]
    assert set(temps) == {0.0, 0.3, "unset"}


def test_the_first_request_always_warms_the_cache_alone() -> None:
    from persona_review.diff import parse_diff

    files = "".join(
        f"diff --git a/app/db/q{n}.py b/app/db/q{n}.py\nnew file mode 100644\nindex 0000000..1111111\n"
        f"--- /dev/null\n+++ b/app/db/q{n}.py\n@@ -0,0 +1,40 @@\n"
        + "".join(f"+rows_{n}_{k} = db.execute(query_{k}, params)  # padding padding padding\n"
                  for k in range(40))
        for n in range(4))
    for concurrency in (2, 4):
        # The first reply is slow to finish; the rest answer at once (their timing changes nothing here).
        with FakeAnthropic([tool_reply([], delay=0.2)], default=tool_reply([])) as fake:
            outcome = run_model_review(make_request(fake.url, parse_diff(files), concurrency=concurrency,
                                                    max_request_tokens=4_000))
        assert outcome.usage.requests >= 3
        assert len(fake.requests) == outcome.usage.requests
        assert outcome.usage.cache_write_tokens > 0
        assert outcome.usage.cache_read_tokens == (outcome.usage.requests - 1) * outcome.usage.cache_write_tokens
        first = min(fake.requests, key=lambda r: r.at)
        assert first.body.get("stream") is True  # the others waited for its message_start


def test_when_the_first_request_gets_no_answer_the_next_one_warms_the_cache_alone() -> None:
    from persona_review.diff import parse_diff

    files = "".join(
        f"diff --git a/app/db/q{n}.py b/app/db/q{n}.py\nnew file mode 100644\nindex 0000000..1111111\n"
        f"--- /dev/null\n+++ b/app/db/q{n}.py\n@@ -0,0 +1,40 @@\n"
        + "".join(f"+rows_{n}_{k} = db.execute(query_{k}, params)  # padding padding padding\n"
                  for k in range(40))
        for n in range(4))
    script = [error_reply(500, "api_error"), tool_reply([], delay=0.2)]
    with FakeAnthropic(script, default=tool_reply([])) as fake:
        outcome = run_model_review(make_request(fake.url, parse_diff(files), concurrency=4,
                                                max_request_tokens=4_000, retry=RetryPolicy(attempts=1)))
    assert outcome.status is ModelStatus.PARTIAL and len(outcome.unreviewed) == 1
    # the first failed without a reply; the second went alone, so the run still wrote the cache once:
    assert outcome.usage.cache_read_tokens == (outcome.usage.requests - 1) * outcome.usage.cache_write_tokens


def test_a_streamed_reply_that_stalls_is_a_billed_timeout_and_the_others_go_on() -> None:
    from model.support import SMALL_REQUESTS, overhead

    script = [tool_reply([], delay=1.5)]  # the first reply starts, then stalls; the others answer at once

    with FakeAnthropic(script) as fake:
        outcome = run_model_review(make_request(
            fake.url, concurrency=2, timeout_seconds=0.4, retry=RetryPolicy(attempts=1),
            max_request_tokens=overhead() + SMALL_REQUESTS))
    assert all(r.body.get("stream") is True for r in fake.requests) and len(fake.requests) >= 2
    assert outcome.usage.estimated_requests == 1 and outcome.usage.cost_usd > 0
    assert outcome.status is ModelStatus.PARTIAL and outcome.unreviewed
    assert any("timed out" in n for n in outcome.notices)
    # the others were released by its message_start and read the cache it wrote
    assert outcome.usage.cache_read_tokens > 0 and outcome.usage.cache_write_tokens == 0
