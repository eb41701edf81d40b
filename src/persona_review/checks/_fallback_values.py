"""Values a failure handler returns that make a failed money or identity answer look like a good one.

Read by ANY-FAILURE-FALLBACK-VALUE (Python, JavaScript/TypeScript, Go, Ruby) and JAVA-FAILURE-AS-VALUE:

- a parity exchange rate (`1`, `1.0`, `Decimal("1")`, `BigDecimal.ONE`, `decimal.NewFromInt(1)`) from a
  function about a rate (`rate`, `fx`, `exchange`, `conversion`): every amount converts one-to-one;
- an approval (`"approved"`, `:approve`, `Decision.APPROVED`, `"allow"`, `"verified"`), or `true` from a
  function whose name asks whether something is approved, verified or allowed: a risk, KYC or sanctions
  check that could not run lets everything through;
- a zero from a function about a balance, price, amount, fee or limit: a balance nobody could read is
  stored or shown as empty, a price as free.

A cautious value (`"review"`, `"manual_review"`, `None`, an empty list) is not one of these.
"""

from __future__ import annotations

from persona_review.lazy_re import lazy_re

_PARITY = lazy_re(
    r"^(?:1(?:\.0+)?[dDfF]?|(?:new\s+)?(?:Big)?Decimal\s*\(\s*[\"']?1(?:\.0+)?[\"']?\s*\)|BigDecimal\s*\.\s*ONE|"
    r"decimal\s*\.\s*NewFromInt\s*\(\s*1\s*\)|decimal\s*\.\s*NewFromFloat\s*\(\s*1(?:\.0+)?\s*\)|"
    r"1(?:\.0+)?\s*\.\s*to_d|Money\s*\.\s*parity\s*\(.*\))$"
)
_ZERO = lazy_re(
    r"^(?:-?0+(?:\.0+)?[lLdDfF]?|(?:new\s+)?(?:Big)?Decimal\s*\(\s*[\"']?0(?:\.0+)?[\"']?\s*\)|"
    r"[A-Z]\w*\s*\.\s*(?:ZERO|Zero)|decimal\s*\.\s*Zero|0(?:\.0+)?\s*\.\s*to_d|"
    r"[A-Z]\w*\s*\.\s*zero\s*\(.*\))$"
)
_APPROVAL_WORD = r"(?:approved?|allow(?:ed)?|accept(?:ed)?|verified|cleared|authori[sz]ed|low_risk)"
_APPROVAL = lazy_re(
    rf"(?i)^(?:[\"']{_APPROVAL_WORD}[\"']|:{_APPROVAL_WORD}|(?:[A-Z]\w*\s*\.\s*)+{_APPROVAL_WORD}|"
    rf"\w+::{_APPROVAL_WORD})$"
)
_TRUE = lazy_re(r"^(?:true|True)$")
_RATE_WORDS = frozenset({"rate", "rates", "fx", "exchange", "conversion", "convert", "multiplier"})
_DECISION_WORDS = frozenset({"approved", "approve", "verified", "allowed", "allow", "authorized",
                             "authorised", "authorize", "permitted", "eligible", "cleared", "sanctioned"})
_AMOUNT_WORDS = frozenset({"balance", "balances", "price", "prices", "amount", "total", "fee", "fees", "tax",
                           "cost", "limit", "credit", "available", "payout", "rate", "rates", "fx"})
_PARTS = lazy_re(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def name_parts(name: str) -> set[str]:
    """The lower-case words of a snake_case or camelCase name: `availableBalanceCents` -> available, ..."""
    return {part.lower() for part in _PARTS.findall(name.rstrip("?!"))}


def permissive_fallback(value: str, function: str) -> str | None:
    """What the failure is passed off as, when `value` (code view, returned by a failure handler of the
    function named `function`, empty when unknown) reads as a good money or identity answer; None when it
    does not."""
    value = " ".join(value.strip().rstrip(";").split())
    parts = name_parts(function)
    if _APPROVAL.match(value):
        return "an approval"
    if _TRUE.match(value) and parts & _DECISION_WORDS:
        return "an approval"
    if _PARITY.match(value) and parts & _RATE_WORDS:
        return "a one-to-one exchange rate"
    if _ZERO.match(value) and parts & _AMOUNT_WORDS:
        return "a zero amount"
    return None


def approval_or_parity(value: str, function: str) -> str | None:
    """`permissive_fallback` without the zero amounts (JAVA-FAILURE-AS-VALUE judges those by the error
    type)."""
    found = permissive_fallback(value, function)
    return None if found == "a zero amount" else found

