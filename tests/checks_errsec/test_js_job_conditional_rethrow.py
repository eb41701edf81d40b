"""JS-JOB-FAILURE-SWALLOWED when the catch rethrows one kind of error only: every other error still ends
the processor normally. Code written for these tests."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "JS-JOB-FAILURE-SWALLOWED"

_WORKER = """\
import { Worker } from "bullmq";

export const labelWorker = new Worker("shipping-labels", async (job) => {
  try {
    const label = await carrier.createLabel(job.data);
    await labels.save(job.data.shipmentId, label);
    return { status: "labelled" };
  } catch (err) {
    if (err instanceof CarrierRateLimitError) {
      throw err;
    }
    logger.error({ err }, "label creation failed");
    return { status: "failed" };
  }
}, { connection });
"""


def _lines(text: str) -> list[int | None]:
    return [f.line for f in run_checks([context_for_text("src/workers/labels.ts", text)]).findings
            if f.rule_id == RULE]


def test_a_catch_that_rethrows_only_one_error_class_still_swallows_the_rest() -> None:
    assert _lines(_WORKER) == [8]


def test_a_catch_that_rethrows_after_its_condition_or_in_both_branches_is_fine() -> None:
    rethrown = _WORKER.replace('    return { status: "failed" };\n', "    throw err;\n")
    assert _lines(rethrown) == []
    both = _WORKER.replace('    logger.error({ err }, "label creation failed");\n    return { status: "failed" };\n',
                           '    logger.error({ err }, "label creation failed");\n'
                           '    throw new UnrecoverableError("label creation failed");\n')
    assert _lines(both) == []
