"""PY-BROAD-EXCEPT and PY-EXCEPT-PASS: a catch-all whose `except` line waives the linter's own broad-except
rule was questioned and kept on purpose, so it is not reported; the same handler with no waiver, with a
blanket `noqa`, or with another rule's waiver still is."""

from __future__ import annotations

import pytest

from .helpers import findings_for_snippet

_BODY = """def charge_card(card):
    try:
        return gateway.charge(card)
    except Exception:{comment}
        return None


def refresh_cache(key):
    try:
        cache.refresh(key)
    except Exception:{comment}
        pass


def done():
    return True
"""


@pytest.mark.parametrize(
    "comment",
    [
        "  # pylint: disable=broad-exception-caught",
        "  # pylint: disable=too-many-branches, broad-except",
        "  # pylint: disable=W0718",
        "  # noqa: BLE001 - best effort, the caller retries",
        "  # noqa: E501, BLE001",
    ],
)
def test_a_waived_catch_all_is_not_reported(comment: str) -> None:
    assert findings_for_snippet("svc/billing.py", _BODY.format(comment=comment)) == set()


@pytest.mark.parametrize(
    "comment",
    ["", "  # noqa", "  # noqa: E501", "  # pylint: disable=unused-variable", "  # broad-except is fine here"],
)
def test_a_catch_all_without_that_waiver_is_reported(comment: str) -> None:
    found = findings_for_snippet("svc/billing.py", _BODY.format(comment=comment))
    assert {"PY-BROAD-EXCEPT", "PY-EXCEPT-PASS"} <= found
