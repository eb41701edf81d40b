"""Incremental review after a push, against a fake with a real commit history (compare between any two
commits): the three pushes that used to lose findings, and their mirror images."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from action.scenario import NUMBER, event, new_fake, run
from fakes.anthropic_server import FakeAnthropic, Reply, tool_reply
from fakes.github_server import FakeGitHub

LISTING = ["import subprocess", "", "", "def listing(user_input):",
           "    return subprocess.call('ls ' + user_input, shell=True)", ""]
COPY = ["def archive(user_input):", "    return subprocess.call('ls ' + user_input, shell=True)", "", ""]
HELPER = ["def helper():", "    return 1", "", ""]
LOGGED = ["import logging", "", "log = logging.getLogger(__name__)", "", "", "def cancel(conn, order_id):",
          "    try:", "        conn.execute('DELETE FROM o WHERE id = %s', (order_id,))", "    except Exception:",
          "        log.exception('cancel failed')", "        pass", "    return True", ""]
SYNC = event("pull_request.synchronize")


def _text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def _visible(fake: FakeGitHub) -> Counter[str]:
    """Identity fingerprints shown on the pull request: inline comments and review bodies."""
    return fake.shown_fingerprints()


def _head_findings(tree: dict[str, str], tmp: Path) -> set[str]:
    """What a first review of the head finds, on a fresh fake."""
    with new_fake() as other:
        other.open_tree_pull(NUMBER, {}, tree)
        run(other, tmp, "pull_request", event("pull_request.opened"))
        return set(_visible(other))


def _push_and_check(fake: FakeGitHub, tmp: Path, tree: dict[str, str]) -> str:
    fake.push_tree(NUMBER, tree)
    out = run(fake, tmp / "push", "pull_request", SYNC)
    assert out.code == 0
    shown = _visible(fake)
    assert max(shown.values(), default=1) == 1, "no finding is posted twice"
    assert _head_findings(tree, tmp / "fresh") <= set(shown), "no finding of the head is missing"
    return out.summary


def _open(fake: FakeGitHub, tmp: Path, tree: dict[str, str]) -> None:
    fake.open_tree_pull(NUMBER, {}, tree)
    assert run(fake, tmp / "open", "pull_request", event("pull_request.opened")).code == 0


def test_a_flagged_line_copied_above_gets_its_own_comment(fake: FakeGitHub, tmp_path: Path) -> None:
    _open(fake, tmp_path, {"app/run.py": _text(LISTING)})
    before = len(fake.bot_review_comments())
    assert before >= 1
    copied = [*LISTING[:3], *COPY, *LISTING[3:]]
    summary = _push_and_check(fake, tmp_path, {"app/run.py": _text(copied)})
    new = fake.bot_review_comments()[before:]
    assert {c["line"] for c in new} == {5}, "the copy (line 5) is commented, the original is not again"
    assert "changed since" in summary, "the push went through the incremental path"
    assert any("/compare/" in c.path for c in fake.calls)


def test_code_moved_below_is_not_posted_again(fake: FakeGitHub, tmp_path: Path) -> None:
    _open(fake, tmp_path, {"app/run.py": _text(LISTING)})
    before = len(fake.bot_review_comments())
    moved = [*LISTING[:3], *HELPER, *LISTING[3:]]
    _push_and_check(fake, tmp_path, {"app/run.py": _text(moved)})
    assert len(fake.bot_review_comments()) == before
    assert len(fake.submitted_reviews()) == 1


def test_a_push_that_only_deletes_a_line_reports_what_it_creates(fake: FakeGitHub, tmp_path: Path) -> None:
    _open(fake, tmp_path, {"app/orders.py": _text(LOGGED)})
    before = fake.bot_review_comments()
    assert not [c for c in before if "except Exception" in c["body"] and c["line"] == 9]
    deleted = [line for line in LOGGED if "log.exception" not in line]
    summary = _push_and_check(fake, tmp_path, {"app/orders.py": _text(deleted)})
    new = fake.bot_review_comments()[len(before):]
    assert [c.get("start_line", c["line"]) for c in new] == [9], "the swallowed exception is reported"
    assert "No findings" not in summary


def test_a_deletion_that_removes_a_finding_posts_nothing(fake: FakeGitHub, tmp_path: Path) -> None:
    swallowing = [line for line in LOGGED if "log.exception" not in line]
    _open(fake, tmp_path, {"app/orders.py": _text(swallowing)})
    before = len(fake.bot_review_comments())
    assert before == 1
    _push_and_check(fake, tmp_path, {"app/orders.py": _text(LOGGED)})
    assert len(fake.bot_review_comments()) == before and len(fake.submitted_reviews()) == 1


def _many(count: int, flagged: int) -> dict[str, str]:
    tree = {f"app/mod_{i:03}.py": f"VALUE_{i} = {i}\n" for i in range(count - flagged)}
    tree |= {f"app/bad_{i:03}.py": _text(LISTING) for i in range(flagged)}
    return tree


def test_a_push_past_compares_300_files_is_reviewed_in_full(fake: FakeGitHub, tmp_path: Path) -> None:
    _open(fake, tmp_path, {"app/run.py": _text(LISTING)})
    summary = _push_and_check(fake, tmp_path, {"app/run.py": _text(LISTING), **_many(310, 20)})
    assert "300 files or more" in summary
    assert len(_visible(fake)) == 21, "the 20 new findings are posted, with the first one"


def test_a_push_under_the_cap_stays_incremental(fake: FakeGitHub, tmp_path: Path) -> None:
    _open(fake, tmp_path, {"app/run.py": _text(LISTING)})
    summary = _push_and_check(fake, tmp_path, {"app/run.py": _text(LISTING), **_many(40, 5)})
    assert "changed since" in summary and "300 files" not in summary


def test_compare_between_any_two_commits(fake: FakeGitHub, tmp_path: Path) -> None:
    pull = fake.open_tree_pull(NUMBER, {"a.py": "x = 1\n"}, {"a.py": "x = 2\n"})
    first = pull.head.sha
    second = fake.push_tree(NUMBER, {"a.py": "x = 3\n", "b.py": "y = 1\n"})
    third = fake.push_tree(NUMBER, {"a.py": "x = 3\n", "b.py": "y = 2\n"})
    status, body, _ = fake.handle("GET", f"/api/v3/repos/{fake.state.full_name}/compare/{first}...{third}", None)
    assert status == 200 and body["status"] == "ahead" and body["ahead_by"] == 2
    assert {f["filename"] for f in body["files"]} == {"a.py", "b.py"}
    forced = fake.push_tree(NUMBER, {"a.py": "x = 4\n"}, force=True)
    _, body, _ = fake.handle("GET", f"/api/v3/repos/{fake.state.full_name}/compare/{second}...{forced}", None)
    assert body["status"] == "diverged" and body["merge_base_commit"]["sha"] == pull.base_sha


def test_sequence_on_a_commit_history(fake: FakeGitHub, tmp_path: Path) -> None:
    """open, rerun, push, reply, push, force-push, rerun: nothing posted twice, nothing of a head missing,
    and the fast-forward pushes go through compare."""
    orders = {"app/orders.py": _text(LOGGED)}
    _open(fake, tmp_path, {**orders, "app/run.py": _text(LISTING)})
    steps: list[tuple[str, dict[str, str] | None, bool]] = [
        ("rerun", None, False),
        ("copy above", {**orders, "app/run.py": _text([*LISTING[:3], *COPY, *LISTING[3:]])}, False),
        ("reply", None, False),
        ("delete a line", {"app/orders.py": _text([x for x in LOGGED if "log.exception" not in x]),
                           "app/run.py": _text([*LISTING[:3], *COPY, *LISTING[3:]])}, False),
        ("force push", {"app/orders.py": _text([x for x in LOGGED if "log.exception" not in x]),
                        "app/run.py": _text([*LISTING[:3], *HELPER, *COPY, *LISTING[3:]])}, True),
        ("rerun", None, False),
    ]
    tree = {**orders, "app/run.py": _text(LISTING)}
    for index, (name, new_tree, force) in enumerate(steps):
        if name == "reply":
            first = fake.bot_review_comments()[0]
            fake.human_reply(first["id"], "Known, tracked in the backlog.")
            fake.resolve_thread(first["id"])
        if new_tree is not None:
            tree = new_tree
            fake.push_tree(NUMBER, tree, force=force)
        out = run(fake, tmp_path / f"{index}", "pull_request", SYNC)
        assert out.code == 0, name
        if new_tree is not None and not force:
            assert "changed since" in out.summary, name
        shown = _visible(fake)
        assert max(shown.values()) == 1, f"{name}: a finding posted twice"
        assert _head_findings(tree, tmp_path / f"fresh{index}") <= set(shown), f"{name}: a finding missing"
    assert len(fake.bot_issue_comments()) == 1


LOAD = ["def load(conn, order_id):", "    rows = conn.execute('SELECT * FROM o WHERE id = %s', (order_id,))",
        "    return rows[0]", ""]


def _model_finding(path: str, line: int, quoted: str, item: str = "ERR-02") -> dict[str, object]:
    return {"path": path, "line": line, "quoted_line": quoted, "category": "error-handling",
            "severity": "medium", "confidence": 0.9, "checklist_item": item,
            "title": "IndexError on a missing row", "body": "An unknown id raises IndexError."}


def test_after_a_push_the_model_sees_only_the_touched_hunks(fake: FakeGitHub, tmp_path: Path) -> None:
    """The model reviews the files a push changed; its findings outside the changed hunks are not kept."""

    def reply(body: dict[str, Any]) -> Reply:
        text = json.dumps(body)
        found = [_model_finding(path, 3, "    return rows[0]") for path in ("app/load.py", "app/other.py")
                 if path in text]
        if "app/other.py" in text and "total = 0" in text:
            found.append(_model_finding("app/other.py", 8, "    return total"))
            found.append(_model_finding("app/other.py", 1, "def load(conn, order_id):", "ERR-03"))
        return tool_reply(found)

    with FakeAnthropic(reply) as model:
        base = {".github/persona-review.yml": f"base-url: {model.url}\n"}
        pull = fake.open_tree_pull(NUMBER, base, {**base, "app/load.py": _text(LOAD),
                                                  "app/other.py": _text(LOAD)})
        fake.put_content(pull.base_sha, ".github/persona-review.yml", f"base-url: {model.url}\n")
        first = run(fake, tmp_path / "1", "pull_request", event("pull_request.opened"),
                    anthropic_api_key="sk-ant-test-key")
        assert first.code == 0 and len(fake.bot_review_comments()) == 2
        asked = len(model.requests)
        other = [*LOAD, "", "def count(rows):", "    total = 0", "    return total", ""]
        fake.push_tree(NUMBER, {**base, "app/load.py": _text(LOAD), "app/other.py": _text(other)})
        second = run(fake, tmp_path / "2", "pull_request", SYNC, anthropic_api_key="sk-ant-test-key")
        assert second.code == 0
        pushed = [json.dumps(r.body) for r in model.requests[asked:]]
    assert pushed and all("app/load.py" not in text for text in pushed), "untouched files are not sent"
    assert "the model on the 1 file changed since" in second.summary
    new = fake.bot_review_comments()[2:]
    assert [(c["path"], c["line"]) for c in new] == [("app/other.py", 8)], "only the finding in the new hunk"


def test_a_copy_above_in_a_file_the_base_already_has(fake: FakeGitHub, tmp_path: Path) -> None:
    """Hunks of a modified file show only part of it: the scope comes from the lines shown and the hunk
    heading, and still tells the copy from the original."""
    filler = [f"    step_{i} = {i}" for i in range(12)]
    base_lines = [*LISTING[:4], *filler, "    return 0", ""]
    head_lines = [*LISTING[:4], *filler, LISTING[4], ""]
    base = {"app/run.py": _text(base_lines)}
    fake.open_tree_pull(NUMBER, base, {"app/run.py": _text(head_lines)})
    assert run(fake, tmp_path / "open", "pull_request", event("pull_request.opened")).code == 0
    before = len(fake.bot_review_comments())
    assert before == 1
    copied = [*head_lines[:3], *COPY, *head_lines[3:]]
    fake.push_tree(NUMBER, {"app/run.py": _text(copied)})
    out = run(fake, tmp_path / "push", "pull_request", SYNC)
    assert out.code == 0
    new = fake.bot_review_comments()[before:]
    assert [c["line"] for c in new] == [5], "the copy is commented; the original is not again"
    shown = _visible(fake)
    assert max(shown.values()) == 1


def test_a_push_that_renames_a_file_does_not_post_its_findings_again(fake: FakeGitHub, tmp_path: Path) -> None:
    _open(fake, tmp_path, {"app/run.py": _text(LISTING)})
    (first,) = fake.bot_review_comments()
    assert first["path"] == "app/run.py"
    fake.push_tree(NUMBER, {"app/jobs/run.py": _text(LISTING)})
    compare = len(fake.calls)
    out = run(fake, tmp_path / "rename", "pull_request", SYNC)
    assert out.code == 0 and "changed since" in out.summary, "the push went through the incremental path"
    assert any("/compare/" in c.path for c in fake.calls[compare:])
    assert fake.bot_review_comments() == [first] and len(fake.submitted_reviews()) == 1, "nothing posted again"
    assert "`app/jobs/run.py:5`" in out.summary, "the job summary still lists the finding, at its new path"

    # The summary's state now knows the finding by its new path: a later edit of the file posts nothing.
    fake.push_tree(NUMBER, {"app/jobs/run.py": _text([*LISTING, "", "def other():", "    return 2"])})
    assert run(fake, tmp_path / "edit", "pull_request", SYNC).code == 0
    assert fake.bot_review_comments() == [first] and len(fake.submitted_reviews()) == 1


def test_a_renamed_file_still_gets_comments_on_what_the_push_added(fake: FakeGitHub, tmp_path: Path) -> None:
    _open(fake, tmp_path, {"app/run.py": _text(LISTING)})
    (first,) = fake.bot_review_comments()
    fake.push_tree(NUMBER, {"app/jobs/run.py": _text([*LISTING[:3], *COPY, *LISTING[3:]])})
    assert run(fake, tmp_path / "rename", "pull_request", SYNC).code == 0
    new = fake.bot_review_comments()[1:]
    assert [(c["path"], c["line"]) for c in new] == [("app/jobs/run.py", 5)], (
        "the copy in a new function is posted; the original, moved with its file, is not")
    assert first in fake.bot_review_comments()
