"""JS-ASYNC-NOT-AWAITED on well-known async clients: a kafkajs send, a Prisma write, `fetch` as a bare
statement inside an `async` function."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "JS-ASYNC-NOT-AWAITED"

_PUBLISHER = """import { producer } from "../kafka";

export async function publishPriceChanges(changes: PriceChange[]): Promise<void> {
  for (const change of changes) {
    %s
  }
  logger.info({ count: changes.length }, "published");
}
"""


def _lines(text: str, path: str = "src/events/publisher.ts") -> list[int]:
    return [f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == RULE]


@pytest.mark.parametrize("call", [
    'producer.send({ topic: "prices", messages: [{ key: change.sku, value: JSON.stringify(change) }] });',
    'this.producer.sendBatch({ topicMessages });',
    'kafkaProducer.send({ topic, messages })',
    'prisma.priceHistory.create({ data: change });',
    'tx.auditLog.createMany({ data: rows });',
    'fetch(`${hookUrl}/prices`, { method: "POST", body: JSON.stringify(change) });',
])
def test_a_client_call_left_floating_in_async_code_is_reported(call: str) -> None:
    assert _lines(_PUBLISHER % call) == [5]


def test_a_call_spread_over_lines_is_reported_on_its_first_line() -> None:
    call = 'producer.send({\n      topic: "prices",\n      messages: [{ value: JSON.stringify(change) }],\n    });'
    assert _lines(_PUBLISHER % call) == [5]


def test_the_message_names_what_breaks() -> None:
    outcome = run_checks([context_for_text("src/a.ts", _PUBLISHER % "prisma.price.update({ where, data });")])
    (finding,) = [f for f in outcome.findings if f.rule_id == RULE]
    assert "never happens" in finding.body


@pytest.mark.parametrize("call", [
    'await producer.send({ topic, messages });',
    'return producer.send({ topic, messages });',
    'void fetch(url).catch((err) => log.warn(err));',
    'producer.send({ topic, messages }).catch((err) => log.error(err));',
    'const sent = producer.send({ topic, messages });',
    'pending.push(prisma.price.create({ data: change }));',
    'producer.connect;',
    'db.prices.create({ data: change });',
])
def test_awaited_returned_chained_kept_or_unknown_calls_are_left_alone(call: str) -> None:
    assert _lines(_PUBLISHER % call) == []


def test_a_call_outside_async_code_is_left_alone() -> None:
    text = _PUBLISHER.replace("export async function", "export function") % "producer.send({ topic, messages });"
    assert _lines(text) == []


def test_a_hunk_inside_an_async_function_is_reported() -> None:
    text = (_PUBLISHER % "producer.send({ topic, messages });").splitlines()[2:8]
    lines = {27 + i: line for i, line in enumerate(text)}
    ctx = FileContext("src/events/publisher.ts", "typescript", lines, frozenset(lines), whole_file=False)
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == RULE] == [29]
