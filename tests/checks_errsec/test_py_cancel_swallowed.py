"""PY-CANCEL-SWALLOWED: asyncio cancellation caught inside a loop and dropped."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "PY-CANCEL-SWALLOWED"


def _lines(text: str, path: str = "app/workers/poller.py") -> list[int]:
    return [f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == RULE]


def _hunk_lines(text: str, first: int) -> list[int]:
    """The rule's lines in a hunk of `text` whose first line is `first` (not the whole file)."""
    lines = {first + i: line for i, line in enumerate(text.splitlines())}
    ctx = FileContext("app/workers/poller.py", "python", lines, frozenset(lines), whole_file=False)
    return [f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == RULE]


_POLLER = """import asyncio


async def poll(queue, handler):
    while True:
        try:
            job = await queue.next(timeout=20)
            await handler(job)
        except %s:
            logger.exception("poll failed")
            await asyncio.sleep(1)
"""


@pytest.mark.parametrize("caught", [
    "(asyncio.CancelledError, Exception)",
    "asyncio.CancelledError",
    "CancelledError",
    "BaseException as exc",
    "(Exception, asyncio.exceptions.CancelledError) as err",
])
def test_a_loop_that_catches_cancellation_and_goes_on_is_reported(caught: str) -> None:
    assert _lines(_POLLER % caught) == [9]


def test_a_consumer_loop_with_a_stop_flag_that_swallows_cancellation_is_reported() -> None:
    text = """class Consumer:
    async def run(self) -> None:
        while not self._stopped:
            try:
                async for message in self._stream:
                    await self._handle(message)
            except BaseException:
                log.warning("stream broke, reconnecting")
                continue
"""
    assert _lines(text, "app/consumer.py") == [7]


def test_a_hunk_without_the_function_header_is_reported() -> None:
    fragment = "\n".join((_POLLER % "(asyncio.CancelledError, Exception)").splitlines()[4:]) + "\n\n"
    assert _hunk_lines(fragment, 34) == [38]


@pytest.mark.parametrize("handler", ["raise", "return", "break", "raise RuntimeError('stopped') from None"])
def test_a_handler_that_re_raises_or_leaves_the_loop_is_left_alone(handler: str) -> None:
    text = (_POLLER % "(asyncio.CancelledError, Exception)").replace(
        '            logger.exception("poll failed")\n', f'            logger.exception("poll failed")\n'
                                                          f'            {handler}\n')
    assert _lines(text) == []


def test_catching_exception_only_is_left_alone() -> None:
    assert _lines(_POLLER % "Exception") == []


def test_awaiting_a_cancelled_task_outside_a_loop_is_left_alone() -> None:
    text = """async def stop(self) -> None:
    self._task.cancel()
    try:
        await self._task
    except asyncio.CancelledError:
        pass
"""
    assert _lines(text, "app/service.py") == []


def test_a_try_without_an_await_is_left_alone() -> None:
    text = """def drain(q):
    while True:
        try:
            item = q.get_nowait()
        except BaseException:
            log.exception("bad item")
"""
    assert _lines(text, "app/drain.py") == []


def test_a_loop_outside_the_function_is_left_alone() -> None:
    text = """while True:
    async def once(client):
        try:
            await client.ping()
        except asyncio.CancelledError:
            log.info("cancelled")
    break
"""
    assert _lines(text, "app/ping.py") == []


def test_a_handler_cut_off_by_the_hunk_is_left_alone() -> None:
    fragment = "\n".join((_POLLER % "asyncio.CancelledError").splitlines()[4:10])
    assert _hunk_lines(fragment, 34) == []


def test_a_handler_cut_off_by_the_hunk_after_its_pause_is_reported() -> None:
    fragment = "\n".join((_POLLER % "asyncio.CancelledError").splitlines()[4:])
    assert _hunk_lines(fragment, 34) == [38]


def test_a_loop_that_waits_out_cancellation_behind_a_shield_is_left_alone() -> None:
    text = """async def drain(future):
    while not future.done():
        try:
            await asyncio.shield(future)
        except asyncio.CancelledError:
            continue
"""
    assert _lines(text, "app/drain.py") == []
