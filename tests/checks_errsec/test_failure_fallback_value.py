"""ANY-FAILURE-FALLBACK-VALUE, called directly (a check that raises is dropped by the runner), and the
shared reading of fallback values."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona_review.checks._fallback_values import name_parts, permissive_fallback
from persona_review.checks.registry import load_all
from persona_review.contexts import context_for_text

DATA = Path(__file__).resolve().parent.parent / "data" / "checks_errsec"


@pytest.mark.parametrize(("value", "function", "expected"), [
    ('BigDecimal("1")', "rate_for", "a one-to-one exchange rate"),
    ("decimal.NewFromInt(1)", "Rate", "a one-to-one exchange rate"),
    ("1", "generate", None),
    ('"approved"', "screen", "an approval"),
    ("KycDecision.APPROVED", "check", "an approval"),
    ("true", "Approved", "an approval"),
    ("true", "enabled", None),
    ("0", "available_balance_cents", "a zero amount"),
    ("0", "page_size", None),
    ('"manual_review"', "screen", None),
    ("[]", "recommended_products", None),
])
def test_permissive_fallback(value: str, function: str, expected: str | None) -> None:
    assert permissive_fallback(value, function) == expected


def test_name_parts_split_camel_and_snake_case() -> None:
    assert name_parts("availableBalanceCents") == {"available", "balance", "cents"}
    assert name_parts("rate_for") == {"rate", "for"}


@pytest.mark.parametrize("name", ["failure_fallback_h100.rb", "failure_fallback_h100.go",
                                  "failure_fallback_h100.ts", "failure_fallback_h100.py"])
def test_fixture_lines_called_directly(name: str) -> None:
    load_all()  # the check modules are imported by the registry first, so each keeps its own checks
    from persona_review.checks.failure_fallback_value import failure_fallback_value

    text = (DATA / name).read_text()
    ctx = context_for_text(f"app/services/{name}", text)
    wanted = {no for no, line in enumerate(text.splitlines(), start=1) if "expect: ANY-FAILURE-FALLBACK-VALUE" in line}
    assert {hit.line for hit in failure_fallback_value(ctx)} == wanted
