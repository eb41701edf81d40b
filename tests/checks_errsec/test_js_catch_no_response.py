"""JS-CATCH-NO-RESPONSE: a handler's `catch` that only logs, so the request is never answered."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "JS-CATCH-NO-RESPONSE"
PATH = "src/routes/invoices.ts"

_ROUTE = """import { Router } from "express";

router.get("/invoices/:id/pdf", requireAuth, async (req, res) => {
  try {
    const pdf = await invoices.renderPdf(req.params.id, req.user.orgId);
    res.type("application/pdf").send(pdf);
  } catch (err) {
    %s
  }
});
"""


def _lines(text: str, path: str = PATH) -> list[int]:
    return [f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == RULE]


@pytest.mark.parametrize("caught", [
    'logger.error({ err, invoiceId: req.params.id }, "render invoice pdf failed");',
    'console.error(err);',
    'metrics.increment("pdf.failed");\n    logger.warn(err);',
])
def test_a_catch_that_only_logs_is_reported(caught: str) -> None:
    assert _lines(_ROUTE % caught) == [7]


def test_a_fastify_handler_and_a_plain_function_are_reported() -> None:
    fastify = """fastify.post("/orders", async function (request: FastifyRequest, reply: FastifyReply) {
  try {
    const order = await orders.create(request.body);
    reply.code(201).send(order);
  } catch (e) {
    request.log.error(e);
  }
});
"""
    assert _lines(fastify, "src/routes/orders.ts") == [5]


def test_the_hunk_of_the_change_is_reported() -> None:
    text = (_ROUTE % 'logger.error({ err }, "failed");').splitlines()[2:]
    lines = {36 + i: line for i, line in enumerate(text)}
    ctx = FileContext(PATH, "typescript", lines, frozenset(lines), whole_file=False)
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == RULE] == [40]


@pytest.mark.parametrize("caught", [
    'res.status(500).json({ error: "render failed" });',
    'logger.error(err);\n    next(err);',
    'throw new HttpError(500, "render failed", { cause: err });',
    'return handleError(err);',
    'sendError(res, err);',
])
def test_a_catch_that_answers_or_passes_the_error_on_is_left_alone(caught: str) -> None:
    assert _lines(_ROUTE % caught) == []


def test_an_answer_after_the_catch_is_left_alone() -> None:
    text = """router.post("/sync", async (req, res) => {
  try {
    await sync.run();
    res.locals.synced = true;
  } catch (err) {
    logger.warn(err);
  }
  res.json({ ok: true });
});
"""
    assert _lines(text) == []


def test_a_catch_in_a_function_that_is_not_a_handler_is_left_alone() -> None:
    text = """async function warm(cache) {
  try {
    await cache.load();
    cache.res = 1;
  } catch (err) {
    logger.warn(err);
  }
}
"""
    assert _lines(text) == []


def test_a_catch_inside_a_callback_of_the_handler_is_left_alone() -> None:
    text = """router.post("/batch", async (req, res) => {
  res.status(202).end();
  items.forEach(async (item) => {
    try {
      await work(item);
    } catch (err) {
      logger.warn(err);
    }
  });
});
"""
    assert _lines(text) == []


def test_a_try_that_does_not_answer_is_left_alone() -> None:
    text = """router.post("/ping", async (req, res) => {
  try {
    await audit.record(req.user);
  } catch (err) {
    logger.warn(err);
  }
  res.sendStatus(204);
});
"""
    assert _lines(text) == []
