"""ANY-RETRY-NO-BACKOFF on loops with no end of their own (`for {`, `while (true)`, `while True:`) that retry
a call until it succeeds, written for these tests, next to service loops that wait on a channel, a
consumer or a prompt."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "ANY-RETRY-NO-BACKOFF"


def _lines(path: str, text: str) -> list[int]:
    return [f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == RULE]


_GO = """package outbox

func (r *Relay) publish(ctx context.Context, ev Event) error {
\tfor {
\t\terr := r.producer.Publish(ctx, ev.Topic, ev.Payload)
\t\tif err == nil {
\t\t\treturn nil
\t\t}
\t\tr.log.Warn("publish failed, retrying", "event", ev.ID, "err", err)%s
\t}
}
"""


def test_a_go_loop_that_retries_until_success_without_waiting_is_reported() -> None:
    assert _lines("internal/outbox/relay.go", _GO % "") == [4]
    assert _lines("internal/outbox/relay.go", _GO % "\n\t\ttime.Sleep(backoff.Next())") == []


@pytest.mark.parametrize(("path", "code"), [
    ("worker/sync.py", """def push(item):
    while True:
        try:
            return client.put(item)
        except ConnectionError:
            logger.warning("put failed, retrying")
"""),
    ("src/sync.ts", """export async function push(item: Item) {
  while (true) {
    try {
      return await client.put(item);
    } catch (err) {
      logger.warn({ err }, 'put failed, retrying');
    }
  }
}
"""),
])
def test_python_and_js_retry_forever_loops_are_reported(path: str, code: str) -> None:
    assert _lines(path, code) == [2]


def test_service_loops_that_wait_on_something_stay_quiet() -> None:
    consumer = """package consumer

func (c *Consumer) run(ctx context.Context) error {
\tfor {
\t\tmsg, err := c.reader.FetchMessage(ctx)
\t\tif err != nil {
\t\t\tc.log.Warn("fetch failed, retrying", "err", err)
\t\t\tcontinue
\t\t}
\t\tif err == nil && msg.Topic == "" {
\t\t\treturn nil
\t\t}
\t}
}
"""
    assert _lines("internal/consumer/run.go", consumer) == []
    prompt = """package cli

func ask(p Prompter) (bool, error) {
\tfor {
\t\tans, err := p.ReadLine("continue? ")
\t\tif err != nil {
\t\t\treturn false, err
\t\t}
\t\tif ans == "y" {
\t\t\treturn true, nil
\t\t}
\t}
}
"""
    assert _lines("internal/cli/ask.go", prompt) == []


def test_a_forever_loop_that_never_says_it_retries_stays_quiet() -> None:
    code = """def serve():
    while True:
        try:
            handle(next_job())
        except JobError:
            logger.exception("job failed")
        if stopping:
            break
"""
    assert _lines("worker/serve.py", code) == []


_TS_COUNTED = """export async function syncInventory(sku: string, qty: number): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await warehouseApi.put(`/stock/${sku}`, { qty });
      return;
    } catch (err) {
      lastError = err;
      logger.warn({ err, attempt }, 'warehouse sync failed');%s
    }
  }
  throw lastError;
}
"""


@pytest.mark.parametrize(("wait", "found"), [
    ("", [3]),  # the `await` is the retried call, not a wait between attempts
    ("\n      await sleep(250 * 2 ** attempt);", []),
    ("\n      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));", []),
    ("\n      await scheduler.wait(500);", []),
])
def test_a_counted_js_retry_loop_must_wait_with_more_than_its_own_await(wait: str, found: list[int]) -> None:
    assert _lines("src/inventory/sync.ts", _TS_COUNTED % wait) == found


_TS_HELPER_WAIT = """export class Plugin {
    private async pollForFile(filePath: string) {
        const maxRetries = 10;
        let attempts = 0;
        const pause = () => new Promise((resolve) => setTimeout(resolve, 200));
        while (attempts < maxRetries) {
            try {
                return await fs.readFile(filePath, 'utf-8');
            } catch (e) {
                attempts++;
            }
            await %s();
        }
        throw new Error('missing ' + filePath);
    }
}
"""


def test_an_awaited_helper_of_the_file_that_waits_is_a_wait() -> None:
    assert _lines("src/plugin.ts", _TS_HELPER_WAIT % "pause") == []
    # a helper that does not wait is no backoff
    assert _lines("src/plugin.ts", _TS_HELPER_WAIT.replace(
        "const pause = () => new Promise((resolve) => setTimeout(resolve, 200));",
        "const refresh = () => cache.clear();") % "refresh") == [6]
