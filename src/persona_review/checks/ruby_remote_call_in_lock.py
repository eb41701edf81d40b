"""Rails: a call to another service made while a row lock is held.

    def refresh_balance!
      with_lock do                                            # SELECT ... FOR UPDATE, transaction open
        balance = BankApi::Client.new(token).balance(external_id)   # seconds, or a timeout
        update!(balance_cents: balance.cents)
      end
    end

`with_lock` (and `lock!` inside a transaction) keeps the row locked, and the transaction and its database
connection open, until the block ends. A network call in there holds them for as long as the other service
takes: every other request for the row waits (or times out), the connection pool drains under load, and a
slow partner turns into a database outage. Make the call before taking the lock (or after it), and keep
only the read-check-write of the row inside.

Read line by line: a line inside a `with_lock do` block, or inside a `transaction do` block after a
`lock!`/`.lock.` line of the same block, that calls an HTTP client (`Net::HTTP`, `HTTParty`, `Faraday`,
`RestClient`, `HTTP.`, `Excon`, `Typhoeus`, `URI.open`), a client object of an API (`BankApi::Client.new`,
`Octokit::Client`, an `Aws::...::Client`), or Stripe, when the call or the lock is added. When the lock
line is added, the finding is on it, spanning to the first such call (once per lock); otherwise on the
call. Writes that
`ANY-SIDE-EFFECT-IN-TX` already reports (`HTTParty.post`, `Stripe::Charge.create`) are left to it; quiet in
a nested `def` and in `after_commit`.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._outside_effects import outside_effect
from persona_review.checks._spans import enclosing_headers
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_REMOTE = lazy_re(
    r"\b(?:Net::HTTP|HTTParty|Faraday|RestClient|HTTPX?|Excon|Typhoeus)\.\w+"
    r"|\bURI\.open\b"
    r"|\b(?:[A-Z]\w*::)*[A-Z]\w*(?:Api|API)(?:::[A-Z]\w*)*::Client\b"
    r"|\b[A-Z]\w*(?:Api|API)(?:Client)?\.(?:new|get|post|put|patch|delete|fetch|request|call)\b"
    r"|\bOctokit::Client\b|\bAws::\w+::Client\b|\bStripe::\w+\.\w+"
)
_WITH_LOCK = lazy_re(r"^\s*(?:[@\w]+\s*=\s*)?(?:[\w:@.()]+\.)?with_lock\b[^{]*\bdo\b(?:\s*\|[^|]*\|)?\s*$")
_TX = lazy_re(r"^\s*(?:[@\w]+\s*=\s*)?(?:[\w:@.()]+\.)?transaction\b[^{]*\bdo\b(?:\s*\|[^|]*\|)?\s*$")
_LOCKS = lazy_re(r"\.lock!|\.lock\b(?:\s*\([^()]*\))?\s*\.")
_DEF = lazy_re(r"^\s*def\b")
_DEFERRED = lazy_re(r"\b(?:after_commit|after_all_transactions_commit|after_\w+_commit)\b")


@register(
    CheckSpec(
        id="RB-REMOTE-CALL-IN-LOCK",
        checklist_item="DATA-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"ruby"}),
        title="Call to another service while a row lock is held",
        explanation=(
            "Inside `with_lock` (or after `lock!` in a transaction) the row stays locked and the transaction "
            "and its connection stay open until the block ends; a network call there holds them for as long "
            "as the other service takes, so requests for the row queue up and the connection pool drains. "
            "Make the call before taking the lock and keep only the row's read and write inside."
        ),
    ),
    needs=("with_lock", "lock!", ".lock"),
)
def remote_call_in_lock(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    reported: set[int] = set()
    for no, bare in sorted(lexed.bare.items()):
        found = _REMOTE.search(bare) if ("::" in bare or "." in bare) else None
        if found is None or outside_effect("ruby", bare) is not None or _DEFERRED.search(bare):
            continue
        locked = _lock_line(lexed, no)
        if locked is None or locked in reported or (no not in ctx.added and locked not in ctx.added):
            continue  # neither the call nor the lock around it is new
        message = (
            f"`{found.group()}` (line {no}) calls another service while the row lock taken on line {locked} "
            "is held (and the transaction open): every request for the row waits as long as that service "
            "takes. Make the call before taking the lock."
        )
        if locked in ctx.added:  # the change wraps the call in the lock: reported on the lock, once
            reported.add(locked)
            yield Hit(locked, no, message=message)
        else:
            yield Hit(no, message=message)


def _lock_line(lexed: Lexed, no: int) -> int | None:
    """The line that took the row lock `no` runs under: a `with_lock do`, or a `lock!` above `no` in the same
    `transaction do` block; None when there is none in the method."""
    for header, text in enclosing_headers(lexed, no):
        if _DEFERRED.search(text) or _DEF.match(text):
            return None
        if _WITH_LOCK.match(text):
            return header
        if _TX.match(text):
            for line in range(header + 1, no):
                if _LOCKS.search(lexed.bare.get(line, "")):
                    return line
    return None
