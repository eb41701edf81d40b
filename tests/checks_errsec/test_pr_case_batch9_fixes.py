"""The check changes made after reading the dev half of the pull-request cases of batch 9, each with a case
it must report and a look-alike it must leave alone. The code here is written for these tests."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category, Finding


def _findings(path: str, code: str, rule: str) -> list[Finding]:
    outcome = run_checks([context_for_text(path, code)],
                         categories=(Category.ERROR_HANDLING, Category.SECURITY))
    return [f for f in outcome.findings if f.rule_id == rule]


_FASTIFY = """\
export async function routes(app: FastifyInstance) {
  app.post('/billing/upgrade', async (request, reply) => {
    try {
      return reply.code(200).send(await billing.upgrade(request.body.plan));
    } catch (err) {
      request.log.error(err);
      return reply.code(500).send({ error: (err as Error).message });
    }
  });
  app.post('/billing/cancel', async (request, reply) => {
    try {
      return reply.code(200).send(await billing.cancel(request.body.id));
    } catch (err) {
      request.log.error(err);
      return reply.code(400).send({ error: (err as Error).message });
    }
  });
}
"""


def test_an_error_message_read_through_a_typescript_cast_is_a_leak_with_a_5xx() -> None:
    # Line 7 sends the message of a cast error with a 500; line 15 with a 400 is the author's choice.
    assert {f.line for f in _findings("src/routes/billing.ts", _FASTIFY, "JS-STACK-TRACE-LEAK")} == {7}


_LOYALTY = """\
export class LoyaltyService {
  async redeem(userId: string, points: number) {
    let balance: Balance;
    try {
      balance = await this.balances.findOneOrFail({ where: { userId } });
    } catch (err) {
      this.logger.error(`no balance for ${userId}`, err);
    }
    if (balance.points < points) {
      throw new BadRequestException('not enough points');
    }
    return this.redemptions.save({ userId, points });
  }

  async peek(userId: string) {
    let balance: Balance;
    try {
      balance = await this.balances.findOneOrFail({ where: { userId } });
    } catch (err) {
      this.logger.error(`no balance for ${userId}`, err);
    }
    if (!balance) {
      return 0;
    }
    return balance.points;
  }
}
"""


def test_a_condition_that_dereferences_the_unassigned_value_is_not_a_guard() -> None:
    # `redeem` reads `balance.points` in its `if`; `peek` tests `!balance` first. The finding covers the
    # whole clause, from the `catch` line to its closing brace.
    found = _findings("src/loyalty/loyalty.service.ts", _LOYALTY, "JS-CATCH-LOGGED-CONTINUES")
    assert [(f.line, f.end_line) for f in found] == [(6, 8)]
    assert "line 9 dereferences `balance`" in found[0].body
