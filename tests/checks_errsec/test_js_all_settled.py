"""`Promise.allSettled` whose rejections nobody reads."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "JS-ALLSETTLED-UNCHECKED"


def _lines(text: str, path: str = "src/services/notify.ts") -> list[int]:
    return [f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == RULE]


_SEND = """export async function notifyAll(users: User[]): Promise<number> {
  %s
  return users.length;
}
"""


def test_a_settled_batch_thrown_away_is_reported() -> None:
    assert _lines(_SEND % "await Promise.allSettled(users.map((u) => mailer.send(u)));") == [2]


def test_settled_values_read_without_a_status_check_are_reported() -> None:
    text = """async function loadAll(ids) {
  const results = await Promise.allSettled(
    ids.map((id) => api.load(id)),
  );
  console.log('loaded', results.length);
  return results.map((r) => r.value);
}
"""
    assert _lines(text, "src/load.js") == [2]


@pytest.mark.parametrize("use", [
    "const failed = results.filter((r) => r.status === 'rejected');\n  logger.warn(failed);",
    "for (const r of results) {\n    if (r.status !== 'fulfilled') throw r.reason;\n  }",
    "return results;",
    "report(results);",
])
def test_results_checked_or_handed_on_are_left_alone(use: str) -> None:
    text = f"""async function loadAll(ids) {{
  const results = await Promise.allSettled(ids.map((id) => api.load(id)));
  {use}
}}
"""
    assert _lines(text, "src/load.js") == []


def test_destructured_results_checked_are_left_alone() -> None:
    text = """async function both() {
  const [a, b] = await Promise.allSettled([loadA(), loadB()]);
  if (a.status === 'rejected') log.error(a.reason);
  return b;
}
"""
    assert _lines(text, "src/both.js") == []


def test_a_chained_then_is_left_alone() -> None:
    text = """async function run(jobs) {
  await Promise.allSettled(jobs).then((rs) => rs.forEach(check));
}
"""
    assert _lines(text, "src/run.js") == []


def test_a_hunk_that_ends_inside_the_block_is_not_judged_on_the_name() -> None:
    body = ["  const results = await Promise.allSettled(tasks);", "  const count = tasks.length;"]
    lines = {20 + i: text for i, text in enumerate(body)}
    ctx = FileContext("src/tasks.js", "javascript", lines, frozenset(lines), whole_file=False)
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == RULE] == []


def test_promises_that_catch_their_own_failures_are_left_alone() -> None:
    call = ("await Promise.allSettled(\n    users.map((u) => mailer.send(u).catch((err) => log.warn(err))),\n  );")
    assert _lines(_SEND % call) == []


def test_a_try_catch_around_the_batch_does_not_see_its_rejections() -> None:
    text = """export const trigger = async (hooks: Hook[]) => {
  try {
    await Promise.allSettled(
      hooks.map(async (hook) => {
        await jobs.trigger(hook.id);
      }),
    );
  } catch (err) {
    throw new Error('trigger failed');
  }
};
"""
    assert _lines(text, "src/hooks/trigger.ts") == [3]
