from __future__ import annotations

import pytest

from persona_review.checks._rails_column_types import widening_change


def _t(spec: str) -> tuple[list[str], dict[str, str]]:
    """ ":string limit=20" -> ([":string"], {"limit": "20"})"""
    kind, *opts = spec.split()
    return [kind], dict(opt.split("=") for opt in opts)


@pytest.mark.parametrize(
    ("old", "new", "indexed", "safe"),
    [
        (":string limit=20", ":string limit=64", False, True),
        (":string limit=20", ":string", False, True),
        (":string limit=20", ":string limit=10", False, False),
        (":string", ":string limit=20", False, False),
        (":string", ":text", False, True),
        (":text", ":citext", False, True),
        (":text", ":citext", True, False),  # the index is rebuilt
        (":text", ":string limit=20", False, False),
        (":decimal precision=10 scale=2", ":decimal precision=12 scale=2", False, True),
        (":decimal precision=10 scale=2", ":decimal precision=10 scale=3", False, False),
        (":datetime precision=3", ":datetime", False, True),
        (":datetime", ":datetime precision=3", False, False),
        (":cidr", ":inet", False, True),
        (":inet", ":cidr", False, False),
        (":integer", ":bigint", False, False),
    ],
)
def test_widening(old: str, new: str, indexed: bool, safe: bool) -> None:
    assert widening_change(*_t(old), *_t(new), indexed) is safe
