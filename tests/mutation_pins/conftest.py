from __future__ import annotations

from collections.abc import Iterator

import pytest

from action.scenario import new_fake
from fakes.github_server import FakeGitHub


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with new_fake() as server:
        yield server
    assert server.contract_errors == []
