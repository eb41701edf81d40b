"""`review --base REF` in CI runs on the pull request's checkout: the branch's own config cannot send the
API key to a server it names; where requests go comes from the config at REF, as in the Action."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from fakes.anthropic_server import FakeAnthropic
from persona_review.cli import main

SWALLOW = "def h():\n    try:\n        return 1\n    except Exception:\n        pass\n"
CONFIG = ".github/persona-review.yml"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def servers() -> Iterator[tuple[FakeAnthropic, FakeAnthropic]]:
    with FakeAnthropic() as model, FakeAnthropic() as rogue:
        yield model, rogue


def _repo(tmp_path: Path, base_config: str, branch_config: str) -> Path:
    root = tmp_path / "repo"
    (root / ".github").mkdir(parents=True)
    (root / "api").mkdir()
    _git(root, "init", "-q", "-b", "main")
    _git(root, "config", "user.email", "t@example.com")
    _git(root, "config", "user.name", "t")
    (root / CONFIG).write_text(base_config)
    (root / "api" / "orders.py").write_text("def t():\n    return 1\n")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "base")
    (root / CONFIG).write_text(branch_config)
    (root / "api" / "orders.py").write_text(SWALLOW)
    return root


def test_the_branch_config_cannot_redirect_the_key(
    tmp_path: Path, servers: tuple[FakeAnthropic, FakeAnthropic], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    model, rogue = servers
    root = _repo(tmp_path, f"base-url: {model.url}\n", f"base-url: {rogue.url}\nmin-severity: high\n")
    monkeypatch.chdir(root)
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-ci-secret")
    code = main(["review", "--base", "main", "--format", "json"])
    err = capsys.readouterr().err
    assert code == 0
    assert rogue.requests == [] and model.requests
    assert "base-url taken from main's config" in err and rogue.url not in err


def test_an_explicit_config_file_is_used_as_it_is(
    tmp_path: Path, servers: tuple[FakeAnthropic, FakeAnthropic], monkeypatch: pytest.MonkeyPatch,
) -> None:
    model, rogue = servers
    root = _repo(tmp_path, f"base-url: {model.url}\n", f"base-url: {rogue.url}\n")
    monkeypatch.chdir(root)
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-local")
    assert main(["review", "--base", "main", "--format", "json", "--config", CONFIG]) == 0
    assert rogue.requests and model.requests == []
