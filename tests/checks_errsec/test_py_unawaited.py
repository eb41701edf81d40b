"""PY-COROUTINE-NOT-AWAITED: a coroutine made inside `async def` that nothing awaits."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff

RULE = "PY-COROUTINE-NOT-AWAITED"

_SERVICE = '''import asyncio


async def send_receipt(order):
    await mailer.send(order.email, "receipt")


async def get_user(user_id):
    return await db.fetch_user(user_id)


class OrderService:
    async def publish(self, event):
        await self.bus.publish(event)

    async def close(self, order):
{body}
'''


def _lines(body: str, path: str = "app/services/orders.py") -> list[int]:
    text = _SERVICE.format(body="\n".join("        " + line for line in body.splitlines()))
    return sorted(f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == RULE)


_FIRST = 17  # line of the first body line


@pytest.mark.parametrize("body", [
    "send_receipt(order)",
    "self.publish({'type': 'closed', 'id': order.id})",
    "asyncio.sleep(1)",
    "order.closed = True\nsend_receipt(order)",
])
def test_a_bare_call_to_a_coroutine_function_is_reported(body: str) -> None:
    assert _lines(body) == [_FIRST + body.count("\n")]


@pytest.mark.parametrize("body", [
    "user = get_user(order.user_id)\nreturn user.email",
    "user = get_user(order.user_id)\nif user is None:\n    raise LookupError(order.user_id)",
    "pending = self.publish(order)",
])
def test_a_coroutine_kept_in_a_name_and_read_as_a_value_is_reported(body: str) -> None:
    assert _lines(body) == [_FIRST]


@pytest.mark.parametrize("body", [
    "await send_receipt(order)",
    "await self.publish(order)",
    "await asyncio.sleep(1)",
    "asyncio.create_task(send_receipt(order))",
    "await asyncio.gather(send_receipt(order), self.publish(order))",
    "user = await get_user(order.user_id)\nreturn user.email",
    "coro = get_user(order.user_id)\nuser = await coro",
    "coro = send_receipt(order)\nreturn coro",
    "jobs = []\njob = send_receipt(order)\njobs.append(job)\nawait asyncio.gather(*jobs)",
    "task = asyncio.ensure_future(self.publish(order))",
    "return send_receipt(order)",
    "loop.run_until_complete(send_receipt(order))",
    # a local of the same name shadows the file's coroutine function
    "send_receipt = make_sender()\nsend_receipt(order)",
    # the call runs later, in a plain nested function (not this coroutine's business)
    "def later():\n    send_receipt(order)\nreturn later",
])
def test_awaited_scheduled_returned_or_passed_on_is_quiet(body: str) -> None:
    assert _lines(body) == []


def test_a_plain_function_calling_a_coroutine_is_left_to_other_checks() -> None:
    text = _SERVICE.format(body="        pass") + "\n\ndef sync_close(order):\n    send_receipt(order)\n"
    findings = run_checks([context_for_text("app/services/orders.py", text)]).findings
    assert [f for f in findings if f.rule_id == RULE] == []


def test_a_name_also_defined_by_a_plain_def_or_a_decorator_is_not_trusted() -> None:
    text = '''from tenacity import retry


@retry(stop=stop_after_attempt(3))
async def push(item):
    await queue.put(item)


async def notify(user):
    await mail(user)


def notify(user):
    return mail_sync(user)


async def handler(item, user):
    push(item)
    notify(user)
'''
    findings = run_checks([context_for_text("app/jobs.py", text)]).findings
    assert [f for f in findings if f.rule_id == RULE] == []


def test_async_generators_are_left_alone() -> None:
    text = '''async def rows(cursor):
    for row in cursor:
        yield row


async def dump(cursor):
    stream = rows(cursor)
    async for row in stream:
        print(row)
'''
    findings = run_checks([context_for_text("app/dump.py", text)]).findings
    assert [f for f in findings if f.rule_id == RULE] == []


def test_coroutine_methods_of_async_clients_called_bare_are_reported() -> None:
    text = '''import httpx
from sqlalchemy.ext.asyncio import AsyncSession


async def save(session: AsyncSession, order):
    session.add(order)
    session.commit()


async def ping(url):
    async with httpx.AsyncClient(timeout=5) as client:
        client.post(url, json={"ok": True})
        response = await client.get(url)
    return response.status_code
'''
    findings = run_checks([context_for_text("app/store.py", text)]).findings
    assert sorted(f.line for f in findings if f.rule_id == RULE) == [7, 12]


def test_a_hunk_without_the_definition_sees_it_in_the_known_lines() -> None:
    """Two hunks of one file: the coroutine's `def` in the first, the unawaited call in the second."""
    first = ["async def refresh_cache(key):", "    await cache.delete(key)", ""]
    second = ["    async def update(self, item):", "        await self.repo.save(item)",
              "        refresh_cache(item.key)", "        return item"]
    lines = {10 + i: t for i, t in enumerate(first)} | {80 + i: t for i, t in enumerate(second)}
    ctx = FileContext(path="app/items.py", language="python", lines=lines,
                      added=frozenset(range(80, 84)), whole_file=False)
    findings = run_checks([ctx]).findings
    assert [(f.line, f.rule_id) for f in findings if f.rule_id == RULE] == [(82, RULE)]


_NOTIFY_MODULE = '''import httpx


class Notifier:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    {kind} push(self, device: str, text: str) -> None:
        {body}


async def ping_all(devices):
    for device in devices:
        await Notifier(httpx.AsyncClient()).push(device, "ping")
'''

_VIEW = '''from fastapi import APIRouter, Depends

from .notify import Notifier, ping_all, get_notifier

router = APIRouter()


@router.post("/devices/{{device_id}}/test")
async def test_push(device_id: str, notifier: Notifier = Depends(get_notifier)):
    {line}
    return {{"ok": True}}
'''


def _change_lines(kind: str, line: str) -> list[int]:
    body = "await self.client.post('/push', json={'to': device, 'text': text})" if kind == "async def" else (
        "self.client.post('/push', json={'to': device, 'text': text})")
    contexts = [
        context_for_text("app/devices/notify.py", _NOTIFY_MODULE.format(kind=kind, body=body)),
        context_for_text("app/devices/routes.py", _VIEW.format(line=line)),
    ]
    return sorted(f.line for f in run_checks(contexts).findings
                  if f.rule_id == RULE and f.path == "app/devices/routes.py")


@pytest.mark.parametrize("line", ['notifier.push(device_id, "test")', "ping_all([device_id])"])
def test_an_async_method_or_function_of_another_file_of_the_change_called_bare_is_reported(line: str) -> None:
    assert _change_lines("async def", line) == [10]


@pytest.mark.parametrize(("kind", "line"), [
    ("async def", 'await notifier.push(device_id, "test")'),
    ("async def", 'task = asyncio.create_task(notifier.push(device_id, "test"))'),
    ("def", 'notifier.push(device_id, "test")'),
])
def test_awaited_or_plain_methods_of_another_file_are_quiet(kind: str, line: str) -> None:
    assert _change_lines(kind, line) == []


def test_a_hunk_below_a_deeper_block_is_read_in_the_function_its_header_names() -> None:
    diff = (
        "diff --git a/app/jobs.py b/app/jobs.py\n--- a/app/jobs.py\n+++ b/app/jobs.py\n"
        "@@ -10,5 +10,6 @@ async def refresh(ids):\n"
        "             await cleanup(i)\n"
        "         log.info('done %s', i)\n"
        "     await cache.clear()\n"
        "+    cleanup(ids[0])\n"
        "     return len(ids)\n"
        "\n"
        "@@ -30,2 +31,2 @@\n"
        " async def cleanup(item):\n"
        "     await store.delete(item)\n"
    )
    contexts = [build_context(f) for f in parse_diff(diff).files]
    assert [f.line for f in run_checks(contexts).findings if f.rule_id == RULE] == [13]


_SERVICE_USING = '''from .notify import Notifier


class Alerts:
    def __init__(self, client) -> None:
        self.notifier = Notifier(client)

    async def raise_alert(self, device: str) -> None:
        {line}


async def one_off(client, device):
    notifier = Notifier(client)
    {local}
'''


@pytest.mark.parametrize(("line", "local", "want"), [
    ('self.notifier.push(device, "alert")', 'await notifier.push(device, "x")', [9]),
    ('await self.notifier.push(device, "alert")', 'notifier.push(device, "x")', [14]),
    ('await self.notifier.push(device, "alert")', 'await notifier.push(device, "x")', []),
])
def test_an_attribute_or_local_built_from_an_imported_class_is_known(line: str, local: str, want: list[int]) -> None:
    contexts = [
        context_for_text("app/devices/notify.py", _NOTIFY_MODULE.format(
            kind="async def", body="await self.client.post('/push', json={'to': device})")),
        context_for_text("app/devices/alerts.py", _SERVICE_USING.format(line=line, local=local)),
    ]
    assert sorted(f.line for f in run_checks(contexts).findings
                  if f.rule_id == RULE and f.path == "app/devices/alerts.py") == want
