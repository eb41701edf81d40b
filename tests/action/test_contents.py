"""Whole-file context in the Action: the checkout when it holds the head, else batched GraphQL.

The pull request modifies a module whose hunk starts inside its docstring and adds a swallowed exception.
The finding must be there with contents from the checkout, from the API, and without any contents.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from action.scenario import NUMBER, SWALLOW, added_file, event, modified_file, run
from fakes.anthropic_server import FakeAnthropic, tool_reply
from fakes.github_server import Call, FakeGitHub
from fakes.github_state import FileChange
from persona_review.action.contents import BATCH

DOC = ['"""Orders.', "", "Cancelling deletes the row; callers", "learn whether it worked.", '"""', "", ""]
TAIL = ["", "", "VERSION = 1"]
PATH = "app/models/orders.py"


def _orders() -> FileChange:
    return modified_file(PATH, DOC, SWALLOW, TAIL)


def _graphql(fake: FakeGitHub) -> list[Call]:
    return [c for c in fake.calls if c.path == "/api/graphql"]


def _swallow_found(fake: FakeGitHub) -> bool:
    return any(c["path"] == PATH and c["line"] == 12 for c in fake.bot_review_comments())


def test_without_a_checkout_the_head_comes_from_graphql(fake: FakeGitHub, tmp_path: Path) -> None:
    pull = fake.open_pull(NUMBER, [_orders()])
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0 and _swallow_found(fake)
    (call,) = _graphql(fake)
    assert call.status == 200
    assert call.body["variables"]["e0"] == f"{pull.head.sha}:{PATH}"
    assert "1 from the API (1 GraphQL call(s))" in out.log


def test_a_checkout_at_the_head_is_used_without_api_calls(fake: FakeGitHub, tmp_path: Path) -> None:
    change = _orders()
    fake.open_pull(NUMBER, [change])
    (tmp_path / "app/models").mkdir(parents=True)
    (tmp_path / PATH).write_text(change.content or "", encoding="utf-8")
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0 and _swallow_found(fake)
    assert _graphql(fake) == []
    assert "1 file(s) from the checkout, 0 from the API" in out.log


def test_a_checkout_at_another_commit_is_not_used(fake: FakeGitHub, tmp_path: Path) -> None:
    """The merge commit or an older checkout: the blob id differs, so the API gives the head."""
    change = _orders()
    fake.open_pull(NUMBER, [change])
    (tmp_path / "app/models").mkdir(parents=True)
    (tmp_path / PATH).write_text((change.content or "") + "# merged from main\n", encoding="utf-8")
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0 and _swallow_found(fake)
    assert len(_graphql(fake)) == 1
    assert "0 file(s) from the checkout, 1 from the API" in out.log


def test_a_symlink_out_of_the_workspace_is_not_followed(fake: FakeGitHub, tmp_path: Path) -> None:
    """The link's target even has the head's bytes; it is refused all the same."""
    change = _orders()
    fake.open_pull(NUMBER, [change])
    workspace = tmp_path / "ws"
    (workspace / "app").mkdir(parents=True)
    os.symlink(tmp_path, workspace / "app/models")
    (tmp_path / "orders.py").write_text(change.content or "", encoding="utf-8")
    out = run(fake, workspace, "pull_request", event("pull_request.opened"))
    assert out.code == 0 and _swallow_found(fake)
    assert len(_graphql(fake)) == 1, "the head came from the API, not through the link"
    assert "0 file(s) from the checkout" in out.log


def test_a_symlinked_file_is_not_followed(fake: FakeGitHub, tmp_path: Path) -> None:
    change = _orders()
    fake.open_pull(NUMBER, [change])
    target = tmp_path / "elsewhere.py"
    target.write_text(change.content or "", encoding="utf-8")
    (tmp_path / "ws/app/models").mkdir(parents=True)
    os.symlink(target, tmp_path / "ws" / PATH)
    out = run(fake, tmp_path / "ws", "pull_request", event("pull_request.opened"))
    assert out.code == 0 and len(_graphql(fake)) == 1


@pytest.mark.parametrize("how", ["unknown to the API", "partial error", "truncated", "forbidden", "outage"])
def test_hunk_only_review_still_finds_the_swallowed_exception(fake: FakeGitHub, tmp_path: Path, how: str) -> None:
    """Hunk parity: with no contents at all the hunk, which starts inside the docstring, keeps its
    finding, and the log says why the file was reviewed from its hunks."""
    change = _orders()
    if how == "unknown to the API":
        change.content = None
    pull = fake.open_pull(NUMBER, [change])
    expected = {
        "unknown to the API": "1 file(s) not fetched",
        "partial error": "1 file(s) not fetched (1 GraphQL error(s))",
        "truncated": "more than GitHub's GraphQL API returns",
        "forbidden": "`permissions: contents: read`",
        "outage": "1 file(s) not fetched (GitHub answered 502)",
    }[how]
    if how == "partial error":
        fake.graphql.fail_objects.add(f"{pull.head.sha}:{PATH}")
    elif how == "truncated":
        fake.graphql.text_limit = 64
    elif how == "forbidden":
        fake.fail("POST", r"^/graphql$", 403, message="Resource not accessible by integration")
    elif how == "outage":
        fake.fail("POST", r"^/graphql$", 502, times=2)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    assert _swallow_found(fake)
    assert expected in out.log
    assert "1 from their hunks only" in out.log


def test_a_failed_batch_is_split_and_retried_once(fake: FakeGitHub, tmp_path: Path) -> None:
    files = [modified_file(f"app/models/m{i}.py", DOC, SWALLOW, TAIL) for i in range(4)]
    fake.open_pull(NUMBER, files)
    fake.fail("POST", r"^/graphql$", 502, times=1)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    calls = _graphql(fake)
    assert [c.status for c in calls] == [502, 200, 200]
    assert [len(c.body["variables"]) - 2 for c in calls] == [4, 2, 2]
    assert "4 from the API (3 GraphQL call(s))" in out.log
    assert out.outputs["findings-count"] == "4"


def test_contents_are_fetched_in_batches(fake: FakeGitHub, tmp_path: Path) -> None:
    count = 2 * BATCH + 10
    files = [modified_file(f"app/models/m{i:03}.py", DOC, [f"V{i} = {i}"], TAIL) for i in range(count)]
    fake.open_pull(NUMBER, files)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    sizes = [len(c.body["variables"]) - 2 for c in _graphql(fake)]
    assert sizes == [BATCH, BATCH, 10]
    assert fake.graphql.objects_served == count
    assert f"{count} from the API (3 GraphQL call(s))" in out.log


def test_files_over_max_file_lines_use_their_hunks(fake: FakeGitHub, tmp_path: Path) -> None:
    long_tail = [f"X{i} = {i}" for i in range(60)]
    pull = fake.open_pull(NUMBER, [modified_file(PATH, DOC, SWALLOW, long_tail)])
    fake.put_content(pull.base_sha, ".github/persona-review.yml", "max-file-lines: 40\n")
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0 and _swallow_found(fake)
    assert f"{PATH}: 73 lines, over max-file-lines (40); reviewed from its hunks" in out.log


def test_an_added_file_needs_no_contents(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, [added_file(PATH, SWALLOW)])
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0 and _graphql(fake) == []


def test_a_hostile_path_cannot_start_a_workflow_command(fake: FakeGitHub, tmp_path: Path) -> None:
    hostile = "::error::owned.py"
    fake.open_pull(NUMBER, [modified_file(hostile, DOC, SWALLOW, ["", "", "V" * 3000])])
    fake.graphql.text_limit = 64
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    assert "::error::owned.py: " in out.log, "the path is logged"
    assert not any(line.startswith("::error::owned") for line in out.log.splitlines())


@pytest.mark.parametrize("known", [True, False])
def test_the_model_sees_the_whole_file(fake: FakeGitHub, tmp_path: Path, known: bool) -> None:
    """Lines beyond the diff's three lines of context reach the model when the head could be read."""
    before = ["import logging", "", "RETRY_BUDGET_SECONDS = 30  # only in the whole file", "", "", "", "", "", ""]
    change = modified_file(PATH, before, SWALLOW, TAIL)
    if not known:
        change.content = None
    with FakeAnthropic(default=tool_reply([])) as model:
        pull = fake.open_pull(NUMBER, [change])
        fake.put_content(pull.base_sha, ".github/persona-review.yml", f"base-url: {model.url}\n")
        out = run(fake, tmp_path, "pull_request", event("pull_request.opened"), anthropic_api_key="sk-ant-test")
        sent = json.dumps([r.body for r in model.requests])
    assert out.code == 0 and out.outputs["model-status"] == "ok"
    assert ("RETRY_BUDGET_SECONDS" in sent) is known
    assert "def cancel(conn, order_id):" in sent
