"""Ruby jobs: a Stripe charge in a job that is retried, made without an idempotency key.

    class RenewalChargeJob
      include Sidekiq::Job                      # retried up to 25 times by default
      def perform(subscription_id)
        sub = Subscription.find(subscription_id)
        charge = Stripe::Charge.create(customer: sub.stripe_customer_id, amount: sub.price_cents, ...)
        sub.update!(last_charge_id: charge.id)  # fails: the retry charges the customer again
      end
    end

A job that fails after the charge went through (a lost response, a failed write, a worker restart) runs
again from the top, and each run creates a new charge. Stripe drops a repeated request that carries the
same `idempotency_key` (`Stripe::Charge.create({...}, { idempotency_key: "renewal-#{sub.id}-#{period}" })`),
so a key built from the job's arguments makes the retry safe.

Reported, on the call: `Stripe::Charge`/`PaymentIntent`/`Refund`/`Transfer`/`Payout`/`Topup`/`Invoice`
`.create` with no `idempotency_key` in its arguments (a refund only with an `amount`: a full refund cannot
be made twice; a confirm or capture fails when repeated), inside a job that is retried: a Sidekiq job
(`include Sidekiq::Job`/`Sidekiq::Worker`) whose `sidekiq_options` do not turn retries off, or an Active
Job class with a `retry_on`. For a hunk that starts inside the class: a file under `app/jobs` whose known
lines show either, or a Sidekiq worker by its place (`app/sidekiq`, `app/workers`, `*_worker.rb`). Quiet
outside jobs (a controller's charge is not replayed by the framework).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._ruby import Tree, file_nodes, method_name, receiver, ruby_check, text, walk
from persona_review.checks.base import FileContext, Hit
from persona_review.checks.retry_non_idempotent import retry_non_idempotent
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node

_MONEY = lazy_re(r"^(?:::)?Stripe::(?:Charge|PaymentIntent|Refund|Transfer|Payout|Topup|Invoice)$")
_MOVES = frozenset({"create"})
"""Confirming or capturing a payment intent twice fails the second time; creating one charges again."""
_SIDEKIQ = lazy_re(r"\binclude\s+Sidekiq::(?:Job|Worker)\b")
_NO_RETRY = lazy_re(r"\bsidekiq_options\b[^\n]*\bretry:\s*(?:false|0)\b")
_ACTIVE_JOB = lazy_re(r"<\s*(?:ApplicationJob|ActiveJob::Base)\b")
_RETRY_ON = lazy_re(r"^\s*retry_on\b")
_JOB_PATH = lazy_re(r"(?:^|/)app/(?:jobs|sidekiq|workers)/|_(?:job|worker)\.rb$")
_WORKER_PATH = lazy_re(r"(?:^|/)app/(?:sidekiq|workers)/|_worker\.rb$")
"""Where Sidekiq's jobs live by convention (Active Job's live in `app/jobs`)."""


@ruby_check(
    "RB-PAYMENT-RETRY-NO-IDEMPOTENCY", "DATA-02", Category.ERROR_HANDLING, Severity.HIGH,
    title="Charge in a retried job without an idempotency key",
    explanation=(
        "The job is run again when it fails, including after the charge went through (a lost response, a "
        "failed write after it, a worker restart), and every run creates a new charge. Pass an "
        "`idempotency_key` built from the job's arguments, which Stripe uses to drop the repeated request."
    ),
    needs=r"Stripe::",
)
def payment_retry_no_idempotency(ctx: FileContext) -> Iterator[Hit]:
    if retry_non_idempotent(ctx):
        return  # ANY-RETRY-NON-IDEMPOTENT already reports this file's retried payment: one finding, not two
    for tree, node in file_nodes(ctx):
        if node.type != "call" or method_name(node) not in _MOVES:
            continue
        owner = receiver(node)
        if owner is None or not _MONEY.match(text(owner)) or _has_key(node, "idempotency_key"):
            continue
        if node.has_error or not _closed(tree, node):
            continue  # its arguments run past the known lines: the key may be among the rest
        if text(owner).endswith("Refund") and not _has_key(node, "amount"):
            continue  # a full refund cannot be made twice: Stripe refuses the second one
        retried = _retried_job(tree, node) if tree.whole_file or _has_class(tree, node) else _hunk_job(ctx)
        if retried:
            yield Hit(tree.line(node), None,
                      f"`{text(owner)}.{method_name(node)}` has no `idempotency_key`, and {retried}: a run "
                      "that fails after the charge went through charges again on the retry.")


def _closed(tree: Tree, call: Node) -> bool:
    """Are the call's arguments all in view: a parenthesised list that ends with its `)`, and no `(` left
    over after the call (a list cut off by the end of the hunk is parsed as an error after a bare call)?"""
    args = call.child_by_field_name("arguments")
    if args is not None and text(args).startswith("("):
        return text(args).rstrip().endswith(")") and not args.has_error
    rest = tree.source[call.end_byte:call.end_byte + 40].lstrip(b" \t")
    return not rest.startswith(b"(")


def _has_key(call: Node, key: str) -> bool:
    """Does `key` appear among the call's arguments (as a hash key, symbol or name)?"""
    return any(n.type in {"hash_key_symbol", "simple_symbol", "string_content", "identifier"}
               and text(n).lstrip(":") == key for n in walk(call))


def _has_class(tree: Tree, call: Node) -> bool:
    current = tree.parent(call)
    while current is not None and current.type != "class":
        current = tree.parent(current)
    return current is not None


def _hunk_job(ctx: FileContext) -> str:
    """For a hunk that starts inside the class: how the job is retried, read from the known lines of a
    file under a jobs or workers folder."""
    if not _JOB_PATH.search(ctx.path):
        return ""
    known = ctx.known_text()
    if _SIDEKIQ.search(known) or _WORKER_PATH.search(ctx.path):
        return "" if _NO_RETRY.search(known) else "Sidekiq retries the job when it fails"
    if any(_RETRY_ON.match(line) for line in known.splitlines()):
        return "the job is retried (`retry_on`)"
    return ""


def _retried_job(tree: Tree, call: Node) -> str:
    """How the job class around `call` is retried ("" when it is no job, or not retried)."""
    current = tree.parent(call)
    while current is not None and current.type != "class":
        current = tree.parent(current)
    if current is None:
        return ""
    body = text(current)
    if _SIDEKIQ.search(body):
        return "" if _NO_RETRY.search(body) else "Sidekiq retries the job when it fails"
    superclass = current.child_by_field_name("superclass")
    if superclass is not None and _ACTIVE_JOB.search("<" + text(superclass).lstrip("<")) and any(
        _RETRY_ON.match(line) for line in body.splitlines()
    ):
        return "the job is retried (`retry_on`)"
    return ""
