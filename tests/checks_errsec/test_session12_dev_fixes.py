"""Check changes made in session 12 after reading the dev halves of the pull-request cases of batches 11-13,
each with a shape it must report and a look-alike it must leave alone. The code here is written for these
tests."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Finding


def _findings(path: str, code: str, rule: str) -> list[Finding]:
    return [f for f in run_checks([context_for_text(path, code)]).findings if f.rule_id == rule]


_HONO = """\
import { Hono } from 'hono';

const app = new Hono();

app.onError((err, c) => {
  console.error(err);
  return c.json({ error: err.message, stack: err.stack }, 500);
});

app.get('/health', async (c) => {
  try {
    return c.json(await probe());
  } catch (e) {
    return c.json({ error: e.message }, 503);
  }
});

app.post('/items', async (c) => {
  try {
    return c.json(await items.create(await c.req.json()), 201);
  } catch (e) {
    return c.json({ error: e.message }, 400);
  }
});
"""


def test_a_hono_handler_that_answers_with_the_stack_or_a_5xx_message_leaks_it() -> None:
    # Line 7 sends the stack; line 14 the message with a 503; line 22 the message with a 400 (the author's
    # choice for a client error).
    lines = {f.line for f in _findings("src/index.ts", _HONO, "JS-STACK-TRACE-LEAK")}
    assert lines == {7, 14}


def test_a_context_json_read_is_not_an_answer() -> None:
    code = "async function load(c) {\n  const body = await c.json();\n  return body.stack;\n}\n"
    assert _findings("src/load.ts", code, "JS-STACK-TRACE-LEAK") == []
