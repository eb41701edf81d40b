"""Ruby: `retry` in a `rescue` clause with nothing that ever stops it.

    begin
      response = Billing.charge(order)
    rescue Net::ReadTimeout, Billing::Unavailable
      retry                            # a dependency that stays down is hammered forever
    end

`retry` runs the `begin` block again from the top; without an attempt counter compared in the clause, a
failure that persists turns into an endless loop that pins a worker (a web request never answers, a job
never finishes) and floods the failing service. Reported on the `retry` when the clause holds no
comparison (`attempts < 3`, `(tries -= 1).positive?`, `tries.zero?`) and no conditional `raise`; quiet
for `ActiveRecord::RecordNotUnique` (the find-or-create race: the second pass finds the row) and in tests.
ANY-RETRY-NO-BACKOFF reads retry loops by their loop header, which Ruby's `retry` has not; this is its
Ruby form for the worse case, no limit at all.

RB-RETRY-ON-ALL-FOREVER is the declarative form in an Active Job class: `retry_on StandardError` (or
`Exception`) with `attempts: :unlimited`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._ruby import (
    arguments,
    file_nodes,
    method_name,
    pair_value,
    receiver,
    ruby_check,
    short,
    text,
    walk,
)
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from persona_review.checks._ruby import Node

_TEST_PATH = lazy_re(r"(?:^|/)(?:spec|test)/|_(?:spec|test)\.rb$")
_COMPARISONS = frozenset({"<", "<=", ">", ">=", "==", "!=", "<=>"})
_LIMIT_CALLS = frozenset({"positive?", "negative?", "zero?", "nonzero?", "between?", "any?", "empty?",
                          "times", "present?", "include?", "cover?", "clamp"})
_RACE = lazy_re(r"\bRecordNotUnique\b")


def _limited(clause: Node) -> bool:
    """Whether the rescue clause compares something (an attempt counter) or raises under a condition."""
    for node in walk(clause):
        if node.type == "binary":
            operator = node.child_by_field_name("operator")
            if operator is not None and text(operator) in _COMPARISONS:
                return True
        if node.type == "call" and text(node.child_by_field_name("method")) in _LIMIT_CALLS:
            return True
        if node.type in {"if_modifier", "unless_modifier", "if", "unless", "case", "ternary"} and any(
            _raises(child) for child in node.named_children
        ):
            return True
    return False


def _raises(node: Node) -> bool:
    return any(
        n.type in {"identifier", "call"} and text(n).split("(")[0].split(" ")[0] in {"raise", "fail"}
        for n in walk(node)
    )


@ruby_check(
    "RB-RETRY-UNBOUNDED", "ERR-06", Category.ERROR_HANDLING, Severity.MEDIUM,
    title="`retry` without an attempt limit",
    explanation=(
        "`retry` runs the `begin` block again, and nothing in this rescue clause ever stops it: when the "
        "failure persists (a service down, a row locked, bad data) the code loops forever, pinning the "
        "request or job and hammering the failing dependency. Count the attempts and give up after a few "
        "(`retry if (attempts += 1) < 3`), sleeping with backoff in between, then re-raise."
    ),
    needs=r"retry",
)
def retry_unbounded(ctx: FileContext) -> Iterator[Hit]:
    if _TEST_PATH.search(ctx.path):
        return
    for tree, node in file_nodes(ctx):
        if node.type != "retry":
            continue
        clause = node.parent
        while clause is not None and clause.type not in {"rescue", "method", "block", "do_block"}:
            clause = clause.parent
        if clause is None or clause.type != "rescue":
            continue
        exceptions = clause.child_by_field_name("exceptions")
        if exceptions is not None and _RACE.search(text(exceptions)):
            continue
        if _limited(clause):
            continue
        caught = short(exceptions) if exceptions is not None else "StandardError"
        yield Hit(tree.line(node), None, (
            f"`retry` after `rescue {caught}` has no attempt limit: a failure that does not go away loops "
            f"forever. Count the attempts, back off, and re-raise after a few."
        ))


_EVERY_ERROR = frozenset({"StandardError", "::StandardError", "Exception", "::Exception"})


@ruby_check(
    "RB-RETRY-ON-ALL-FOREVER", "ERR-06", Category.ERROR_HANDLING, Severity.MEDIUM,
    title="Active Job retries every error without end",
    explanation=(
        "`retry_on StandardError, attempts: :unlimited` retries permanent failures as well as passing "
        "ones: a bug, a record deleted since the enqueue, invalid data. The job never leaves the queue, "
        "keeps a worker busy, and repeats whatever it did before failing on every attempt. Retry the "
        "transient errors by name (`Net::ReadTimeout`, `Faraday::ServerError`) and bound the attempts of "
        "the rest."
    ),
    needs=r"retry_on",
)
def retry_on_all_forever(ctx: FileContext) -> Iterator[Hit]:
    """`retry_on StandardError` (or `Exception`) with `attempts: :unlimited` in a job class. A bounded
    `retry_on StandardError, attempts: 5` is a common, deliberate default (the job fails for good after the
    last attempt) and is left alone, as are named errors retried forever (a timeout that passes)."""
    for tree, node in file_nodes(ctx):
        if node.type != "call" or method_name(node) != "retry_on" or receiver(node) is not None:
            continue
        args = arguments(node)
        caught = [text(a) for a in args if a.type in {"constant", "scope_resolution"}]
        every = [name for name in caught if name in _EVERY_ERROR]
        attempts = pair_value(args, "attempts")
        if every and attempts is not None and text(attempts) == ":unlimited":
            yield tree.hit(node, f"`retry_on {every[0]}` with `attempts: :unlimited` retries every error "
                                 "forever, bugs and records that no longer exist included: the job never "
                                 "fails for good.")
