"""JS-PRISMA-WRITES-NO-TX: Prisma writes that move a counter together with other writes, outside any
transaction, written for these tests, with the transactional and single-write shapes that stay quiet."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "JS-PRISMA-WRITES-NO-TX"
PATH = "src/wallet/wallet.service.ts"


def _spans(text: str, path: str = PATH) -> list[tuple[int, int | None]]:
    return [(f.line or 0, f.end_line) for f in run_checks([context_for_text(path, text)]).findings
            if f.rule_id == RULE]


def _hunk_lines(text: str, first: int) -> list[int]:
    lines = {first + i: line for i, line in enumerate(text.splitlines())}
    ctx = FileContext("src/services/checkout.ts", "typescript", lines, frozenset(lines), whole_file=False)
    return [f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == RULE]


_SERVICE = """@Injectable()
export class WalletService {
  constructor(private readonly prisma: PrismaService) {}

  async transfer(fromId: string, toId: string, amount: number): Promise<void> {
%s
  }
}
"""

_TRANSFER = """    await this.prisma.wallet.update({ where: { id: fromId }, data: { balance: { decrement: amount } } });
    await this.prisma.wallet.update({ where: { id: toId }, data: { balance: { increment: amount } } });
    await this.prisma.walletEntry.create({ data: { fromId, toId, amount } });"""


def test_counter_writes_outside_a_transaction_are_reported_from_first_to_last() -> None:
    assert _spans(_SERVICE % _TRANSFER) == [(6, 8)]


@pytest.mark.parametrize("body", [
    "    await this.prisma.$transaction([\n"
    "      this.prisma.wallet.update({ where: { id: fromId }, data: { balance: { decrement: amount } } }),\n"
    "      this.prisma.wallet.update({ where: { id: toId }, data: { balance: { increment: amount } } }),\n"
    "    ]);",
    "    await this.prisma.$transaction(async (tx) => {\n" + _TRANSFER.replace("this.prisma.", "tx.") + "\n    });",
    "    await this.prisma.wallet.update({ where: { id: fromId }, data: { balance: { decrement: amount } } });",
    "    await this.prisma.user.create({ data: { id: fromId } });\n"
    "    await this.prisma.profile.create({ data: { userId: fromId } });",
])
def test_transactions_single_writes_and_writes_without_counters_stay_quiet(body: str) -> None:
    assert _spans(_SERVICE % body) == []


def test_seeds_and_tests_stay_quiet() -> None:
    for path in ("prisma/seed/wallets.ts", "src/wallet/wallet.service.spec.ts"):
        assert _spans(_SERVICE % _TRANSFER, path) == [], path


def test_a_hunk_that_starts_inside_the_function_is_read_to_its_closing_brace() -> None:
    hunk = """  const order = await prisma.order.create({
    data: { userId, totalCents: cart.totalCents, lines: { create: cart.lines } },
  });
  for (const line of cart.lines) {
    await prisma.inventory.update({
      where: { sku: line.sku, available: { gte: line.qty } },
      data: { available: { decrement: line.qty } },
    });
  }
  return order;
}
"""
    assert _hunk_lines(hunk, 61) == [61]
    assert _hunk_lines("\n".join(hunk.splitlines()[:9]), 61) == []  # the function's end is not in view


def test_a_returned_write_after_an_awaited_counter_write_counts() -> None:
    # The function returns the second write's promise: the caller awaits it, and it commits on its own.
    body = (
        "    await this.prisma.account.update({ where: { id: fromId }, data: { credits: { decrement: amount } } });\n"
        "    return this.prisma.purchase.create({ data: { accountId: fromId, amount } });"
    )
    assert _spans(_SERVICE % body) == [(6, 7)]
    one = "    return this.prisma.purchase.create({ data: { accountId: fromId, amount } });"
    assert _spans(_SERVICE % one) == []
    in_tx = "    return this.prisma.$transaction(async (tx) => {\n" + body.replace("this.prisma.", "tx.") + "\n    });"
    assert _spans(_SERVICE % in_tx) == []
