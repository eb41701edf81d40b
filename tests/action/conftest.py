from __future__ import annotations

from collections.abc import Iterator

import pytest
from fakes.github_server import FakeGitHub

from action.scenario import new_fake


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with new_fake() as server:
        yield server
    assert server.contract_errors == []
