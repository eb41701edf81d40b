"""JS-JOB-FAILURE-SWALLOWED: BullMQ/Bull processors (and a NestJS `@Processor`'s `process`) that catch their
own failure and finish normally, written for these tests, with the shapes that fail the job or tolerate a
best-effort step."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff

RULE = "JS-JOB-FAILURE-SWALLOWED"
PATH = "src/workers/email.worker.ts"


def _lines(text: str, path: str = PATH) -> list[tuple[int, int | None]]:
    found = run_checks([context_for_text(path, text)]).findings
    return [(f.line or 0, f.end_line) for f in found if f.rule_id == RULE]


_WORKER = """import { Worker } from 'bullmq';

export const emailWorker = new Worker<EmailJob>(
  'email',
  async (job) => {
    try {
      await mailer.send(job.data.to, job.data.template);
    } catch (err) {
      %s
    }
    return { delivered: true };
  },
  { connection, attempts: 5 },
);
"""


@pytest.mark.parametrize("handler", [
    "logger.error({ err }, 'send failed');\n      return { delivered: false };",
    "return { ok: false, error: String(err) };",
    "console.error('send failed', err);",
])
def test_a_processor_that_catches_its_failure_is_reported(handler: str) -> None:
    found = _lines(_WORKER % handler)
    assert [line for line, _ in found] == [8]
    assert found[0][1] is not None and found[0][1] >= 9  # the span reaches the handler's statements


@pytest.mark.parametrize("handler", [
    "logger.error({ err }, 'send failed');\n      throw err;",
    "throw new UnrecoverableError(`bad template: ${err}`);",
    "await job.moveToFailed(err as Error, token);",
    "logger.warn('could not mark as sent');",
    "logger.debug('optional module missing');\n      return;",
])
def test_rethrown_failed_or_tolerated_errors_stay_quiet(handler: str) -> None:
    assert _lines(_WORKER % handler) == []


def test_a_catch_inside_a_loop_over_items_or_a_nested_function_stays_quiet() -> None:
    code = """export const digest = new Worker('digest', async (job) => {
  for (const user of job.data.users) {
    try {
      await send(user);
    } catch (err) {
      logger.error({ err, user }, 'one digest failed');
    }
  }
  await Promise.all(job.data.extra.map(async (u) => {
    try { await send(u); } catch (err) { logger.error(err); }
  }));
}, { connection });
"""
    assert _lines(code) == []


def test_bull_process_and_nest_processors_are_read() -> None:
    bull = """queue.process('resize', async (job) => {
  try {
    await resize(job.data.key);
  } catch (err) {
    logger.error(err);
    return false;
  }
});
"""
    assert [line for line, _ in _lines(bull, "src/queues/resize.js")] == [4]
    nest = """@Processor('exports')
export class ExportProcessor extends WorkerHost {
  async process(job: Job<ExportJob>) {
    try {
      await this.exports.build(job.data.id);
    } catch (err) {
      this.logger.error(`export ${job.data.id} failed`, err);
    }
  }
}
"""
    assert [line for line, _ in _lines(nest, "src/exports/export.processor.ts")] == [6]


def test_node_worker_threads_are_not_queue_workers() -> None:
    code = """const worker = new Worker(new URL('./hash.js', import.meta.url), {
  workerData: input,
});
worker.on('message', async (msg) => {
  try { await save(msg); } catch (err) { logger.error(err); }
});
"""
    assert _lines(code, "src/hash/run.ts") == []


def test_a_hunk_that_starts_inside_the_worker_call_is_read_from_its_header() -> None:
    diff = """diff --git a/src/workers/email.worker.ts b/src/workers/email.worker.ts
--- a/src/workers/email.worker.ts
+++ b/src/workers/email.worker.ts
@@ -15,6 +15,12 @@ export const emailWorker = new Worker<EmailJob>(
   'email',
   async (job) => {
+    try {
+      await mailer.send(job.data.to, job.data.template, job.data.vars);
+    } catch (err) {
+      logger.error({ err, jobId: job.id }, 'email send failed');
+      return { delivered: false };
+    }
     return { delivered: true };
   },
   { connection, concurrency: 10 },
 );
"""
    contexts = [build_context(f) for f in parse_diff(diff)]
    assert [f.line for f in run_checks(contexts).findings if f.rule_id == RULE] == [19]
