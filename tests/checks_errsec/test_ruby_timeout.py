"""RB-TIMEOUT-BLOCK: `Timeout.timeout` blocks that run a transaction, a lock or Active Record writes, in
services and jobs written for these tests, and the timeouts around other work that stay quiet."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "RB-TIMEOUT-BLOCK"
PATH = "app/services/ledger_posting.rb"


def _lines(text: str) -> list[int]:
    return [f.line or 0 for f in run_checks([context_for_text(PATH, text)]).findings if f.rule_id == RULE]


def _hunk_lines(text: str, first: int) -> list[int]:
    lines = {first + i: line for i, line in enumerate(text.splitlines())}
    ctx = FileContext(PATH, "ruby", lines, frozenset(lines), whole_file=False)
    return [f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == RULE]


_SERVICE = """class LedgerPosting
  def call(debit, credit)
    Timeout.timeout(5) do
      {body}
    end
  end
end
"""


@pytest.mark.parametrize("body", [
    "Ledger.transaction { debit.save!; credit.save! }",
    "account.with_lock { account.update!(balance: account.balance - amount) }",
    "Entry.insert_all(rows)",
    "ActiveRecord::Base.connection.execute(sql)",
    "order.update(status: 'posted')",
])
def test_database_work_inside_a_timeout_is_reported(body: str) -> None:
    assert _lines(_SERVICE.format(body=body)) == [3]


@pytest.mark.parametrize("body", [
    "build_summary",
    "verifier.verify(input: input, policy: policy)",
    "socket.read(1024)",
])
def test_timeouts_around_other_work_are_reported_without_naming_database_work(body: str) -> None:
    found = [f for f in run_checks([context_for_text(PATH, _SERVICE.format(body=body))]).findings
             if f.rule_id == RULE]
    assert [f.line for f in found] == [3]
    assert "open_timeout" in found[0].body and "statement_timeout`/`lock_timeout` in the database" not in found[0].body


def test_specs_examples_and_scripts_stay_quiet() -> None:
    code = _SERVICE.format(body="Ledger.transaction { debit.save! }")
    for path in ("spec/services/ledger_posting_spec.rb", "examples/ruby/worker.rb", "script/backfill.rb"):
        outcome = run_checks([context_for_text(path, code)])
        assert [f for f in outcome.findings if f.rule_id == RULE] == [], path


def test_braces_a_namespaced_constant_and_a_hunk_are_read() -> None:
    code = (
        "class Sweeper\n"
        "  def run\n"
        "    ::Timeout.timeout(30) { Session.where('expires_at < ?', Time.current).delete_all }\n"
        "  end\n"
        "end\n"
    )
    assert _lines(code) == [3]
    hunk = (
        "    Timeout.timeout(settings.posting_timeout) do\n"
        "      Invoice.transaction do\n"
        "        invoice.lock!\n"
    )
    assert _hunk_lines(hunk, 40) == [40]
    assert _hunk_lines("    Timeout.timeout(10) do\n      build_summary\n", 15) == [15]


def test_other_timeout_methods_and_a_passed_block_stay_quiet() -> None:
    code = (
        "class ApiController < ApplicationController\n"
        "  around_action :api_call_timeout\n"
        "  def api_call_timeout(&)\n"
        "    Timeout.timeout(Settings.api_timeout, &)\n"
        "  end\n"
        "  def poll\n"
        "    client.timeout(5) { Order.transaction { order.save! } }\n"
        "  end\n"
        "end\n"
    )
    assert _lines(code) == []


def test_the_message_names_the_database_call() -> None:
    found = [f for f in run_checks([context_for_text(PATH, _SERVICE.format(body="Ledger.transaction { x }"))]).findings
             if f.rule_id == RULE]
    assert len(found) == 1
    assert "Ledger.transaction" in found[0].body
