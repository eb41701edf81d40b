"""`asyncio.gather(..., return_exceptions=True)` whose exceptions nobody checks."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "PY-GATHER-EXCEPTIONS-UNCHECKED"


def _lines(text: str, path: str = "app/notify.py") -> list[int]:
    return [f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == RULE]


_NOTIFY = '''import asyncio


async def notify_all(users):
    %s
    return len(users)
'''


@pytest.mark.parametrize("call", [
    "await asyncio.gather(*(send(u) for u in users), return_exceptions=True)",
    "_ = await asyncio.gather(*(send(u) for u in users), return_exceptions=True)",
])
def test_gathered_results_thrown_away_are_reported(call: str) -> None:
    assert _lines(_NOTIFY % call) == [5]


def test_gathered_results_used_as_values_without_a_check_are_reported() -> None:
    text = '''import asyncio


async def refresh(cache, users):
    results = await asyncio.gather(
        *(fetch_profile(u.id) for u in users),
        return_exceptions=True,
    )
    for user, profile in zip(users, results):
        cache[user.id] = profile
'''
    assert _lines(text) == [5]


@pytest.mark.parametrize("use", [
    "for r in results:\n        if isinstance(r, Exception):\n            log.warning('send failed: %s', r)",
    "failed = [r for r in results if isinstance(r, BaseException)]\n    metrics.count(failed)",
    "return results",
    "self.report(results)",
])
def test_results_checked_or_handed_on_are_left_alone(use: str) -> None:
    text = f'''import asyncio


async def notify_all(self, users):
    results = await asyncio.gather(*(send(u) for u in users), return_exceptions=True)
    {use}
'''
    assert _lines(text) == []


def test_gather_without_return_exceptions_is_left_alone() -> None:
    assert _lines(_NOTIFY % "await asyncio.gather(*(send(u) for u in users))") == []


def test_a_hunk_that_ends_before_the_function_does_is_not_judged_on_the_name() -> None:
    body = ["async def refresh(users):",
            "    results = await asyncio.gather(*(load(u) for u in users), return_exceptions=True)",
            "    count = 0"]
    lines = {30 + i: text for i, text in enumerate(body)}
    ctx = FileContext("app/refresh.py", "python", lines, frozenset(lines), whole_file=False)
    assert [f.rule_id for f in run_checks([ctx]).findings if f.rule_id == RULE] == []


def test_a_thrown_away_gather_in_a_hunk_is_reported_when_the_lines_above_are_seen() -> None:
    body = ["async def purge_all(keys):", "    keys = list(keys)", "    await asyncio.gather(",
            "        *(purge(k) for k in keys),", "        return_exceptions=True,", "    )"]
    lines = {10 + i: text for i, text in enumerate(body)}
    ctx = FileContext("app/purge.py", "python", lines, frozenset(lines), whole_file=False)
    assert [(f.line, f.end_line) for f in run_checks([ctx]).findings if f.rule_id == RULE] == [(12, 15)]


def test_a_thrown_away_gather_at_the_top_of_a_hunk_may_follow_unseen_cancels() -> None:
    body = ["    await asyncio.gather(*tasks, return_exceptions=True)", "    self._tasks.clear()"]
    lines = {40 + i: text for i, text in enumerate(body)}
    ctx = FileContext("app/relay.py", "python", lines, frozenset(lines), whole_file=False)
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == RULE] == []


def test_waiting_for_tasks_just_cancelled_is_left_alone() -> None:
    text = '''import asyncio


class Relay:
    async def stop(self):
        tasks = tuple(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
'''
    assert _lines(text) == []


def test_a_thrown_away_batch_is_reported_at_medium_severity() -> None:
    ctx = context_for_text("app/notify.py", _NOTIFY % "await asyncio.gather(*jobs, return_exceptions=True)")
    assert [f.severity.value for f in run_checks([ctx]).findings if f.rule_id == RULE] == ["medium"]
