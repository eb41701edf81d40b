"""JS-ASYNC-NOT-AWAITED: a same-file async function called without `await` in async code."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "JS-ASYNC-NOT-AWAITED"

_SERVICE = """import { db } from "./db";

async function chargeCard(order) {
  await payments.charge(order.total, order.cardId);
}

const loadUser = async (id) => db.users.findOne({ id });

function formatTotal(order) {
  return order.total.toFixed(2);
}

export class Orders {
  async notify(order) {
    await mailer.send(order.email);
  }

  async close(order) {
%s
  }
}
"""


def _lines(body: str, path: str = "src/services/orders.ts") -> list[int]:
    text = _SERVICE % "\n".join("    " + line for line in body.splitlines())
    return sorted(f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == RULE)


_FIRST = 19


@pytest.mark.parametrize(("body", "line"), [
    ("try {\n  chargeCard(order);\n} catch (err) {\n  log.error(err);\n}", _FIRST + 1),
    ("try {\n  order.closed = true;\n  this.notify(order);\n} catch (err) {\n  log.error(err);\n}", _FIRST + 2),
    ("const user = loadUser(order.userId);\nawait mailer.send(user.email);", _FIRST),
    ("const user: User = loadUser(order.userId);\nif (user?.blocked) {\n  return;\n}", _FIRST),
])
def test_an_unawaited_async_call_is_reported(body: str, line: int) -> None:
    assert _lines(body) == [line]


@pytest.mark.parametrize("body", [
    "try {\n  await chargeCard(order);\n} catch (err) {\n  log.error(err);\n}",
    "try {\n  return chargeCard(order);\n} catch (err) {\n  log.error(err);\n}",
    "try {\n  void chargeCard(order).catch(log.error);\n} catch (err) {\n  log.error(err);\n}",
    "try {\n  chargeCard(order).catch((err) => log.error(err));\n} catch (err) {\n  log.error(err);\n}",
    "try {\n  formatTotal(order);\n} catch (err) {\n  log.error(err);\n}",  # not async
    "chargeCard(order);",  # outside a try: other checks' business
    "const user = await loadUser(order.userId);\nawait mailer.send(user.email);",
    "const pending = loadUser(order.userId);\nconst user = await pending;\nreturn user.email;",
    "const jobs = chargeCard(order);\nawait Promise.all([jobs, this.notify(order)]);",
    "const user = loadUser(order.userId);\nuser.then((u) => mailer.send(u.email));",
    # the call is an arrow's body spread over lines: its promise is the arrow's result
    "try {\n  await withLock(order.id, async () =>\n    chargeCard(order)\n  );\n} catch (err) {\n  log(err);\n}",
])
def test_awaited_handled_or_not_async_is_quiet(body: str) -> None:
    assert _lines(body) == []


def test_a_plain_function_calling_an_async_one_is_left_alone() -> None:
    text = (_SERVICE % "    return;").replace("  async close(order) {", "  close(order) {")
    text = text.replace("    return;", "    try {\n      chargeCard(order);\n    } catch (err) {\n      log(err);\n    }")
    findings = run_checks([context_for_text("src/services/orders.ts", text)]).findings
    assert [f for f in findings if f.rule_id == RULE] == []


def test_a_name_also_declared_plain_is_not_trusted() -> None:
    text = """async function save(x) { await db.save(x); }
function save(x, y) { return db.saveSync(x, y); }

export async function handler(x) {
  try {
    save(x);
  } catch (err) {
    log(err);
  }
}
"""
    findings = run_checks([context_for_text("src/a.js", text)]).findings
    assert [f for f in findings if f.rule_id == RULE] == []


def test_a_hunk_that_shows_the_declaration_and_the_call() -> None:
    first = ["async function publish(event) {", "  await bus.publish(event);", "}"]
    second = ["router.post('/orders', async (req, res) => {", "  try {", "    publish({ type: 'created' });",
              "    res.status(201).end();", "  } catch (err) {", "    res.status(500).end();", "  }", "});"]
    lines = {5 + i: t for i, t in enumerate(first)} | {60 + i: t for i, t in enumerate(second)}
    ctx = FileContext(path="src/routes/orders.js", language="javascript", lines=lines,
                      added=frozenset(range(60, 68)), whole_file=False)
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == RULE] == [62]
