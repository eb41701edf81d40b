"""Fixtures for the model stage tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fakes.anthropic_server import FakeAnthropic


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    with FakeAnthropic() as server:
        yield server
