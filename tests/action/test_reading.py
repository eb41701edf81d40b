"""Reading the pull request: every page of files, files without a patch, config and persona from base."""

from __future__ import annotations

from pathlib import Path

from action.scenario import NO_TIMEOUT, NUMBER, SWALLOW, added_file, event, run
from fakes.github_server import FakeGitHub
from fakes.github_state import FileChange
from persona_review.action.reader import assemble
from persona_review.diff import FileStatus, parse_diff


def test_all_pages_of_files_are_read(fake: FakeGitHub, tmp_path: Path) -> None:
    files = [added_file(f"app/mod_{i:03}.py", [f"VALUE_{i} = {i}"]) for i in range(249)]
    files.append(added_file("app/zz_last.py", SWALLOW))
    fake.open_pull(NUMBER, files)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    assert [c.query.get("page", ["1"])[0] for c in fake.calls if c.path.endswith("/files")] == ["1", "2", "3"]
    (comment,) = fake.bot_review_comments()
    assert comment["path"] == "app/zz_last.py", "a finding on the last page is found"


def test_file_without_patch_is_listed_as_skipped(fake: FakeGitHub, tmp_path: Path) -> None:
    huge = FileChange("app/huge.py", "modified", None, additions=40000, deletions=10)
    fake.open_pull(NUMBER, [huge, added_file("app/orders.py", SWALLOW)])
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    (summary,) = fake.bot_issue_comments()
    assert "app/huge.py" in summary["body"] and "no patch from GitHub" in summary["body"]
    assert "app/huge.py" in out.summary


def test_config_and_persona_come_from_the_base_commit(fake: FakeGitHub, tmp_path: Path) -> None:
    pull = fake.open_pull(NUMBER, [added_file("app/orders.py", SWALLOW), added_file("app/pay.py", NO_TIMEOUT)])
    fake.put_content(pull.base_sha, ".github/persona-review.yml", "min-severity: high\n")
    # The pull request's own copy would silence everything; it must not be read.
    fake.put_content(pull.head.sha, ".github/persona-review.yml", "categories: [api-design]\n")
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    assert out.outputs["findings-count"] == "1" and out.outputs["high-count"] == "1"
    refs = {c.query.get("ref", [""])[0] for c in fake.calls if "/contents/" in c.path}
    assert refs == {pull.base_sha}


def test_inputs_override_the_config(fake: FakeGitHub, tmp_path: Path) -> None:
    pull = fake.open_pull(NUMBER, [added_file("app/orders.py", SWALLOW), added_file("app/pay.py", NO_TIMEOUT)])
    fake.put_content(pull.base_sha, ".github/persona-review.yml", "min-severity: high\n")
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"), min_severity="low",
              max_comments="1", fail_on="medium")
    assert out.code == 1, "fail-on medium with a medium finding fails the step"
    assert out.outputs["findings-count"] == "2"
    assert len(fake.bot_review_comments()) == 1
    (review,) = fake.submitted_reviews()
    assert "has no timeout" in review["body"], "past max-comments goes into the body"


def test_assembled_headers_keep_renames_additions_and_deletions() -> None:
    entries = [
        FileChange("new.py", "added", "@@ -0,0 +1 @@\n+x = 1"),
        FileChange("gone.py", "removed", "@@ -1 +0,0 @@\n-x = 1"),
        FileChange("b.py", "renamed", "@@ -1 +1 @@\n-x = 1\n+x = 2", previous_filename="a.py"),
        FileChange("m.py", "modified", "@@ -1,2 +1,2 @@\n a\n-b\n+c\n\\ No newline at end of file"),
        FileChange("logo.png", "added", None),
    ]

    class Entry:
        def __init__(self, f: FileChange) -> None:
            self.filename, self.status, self.patch = f.filename, f.status, f.patch
            self.additions, self.deletions, self.previous_filename = f.additions, f.deletions, f.previous_filename

    changed = assemble(Entry(f) for f in entries)
    diff = parse_diff(changed.diff_text)
    statuses = {f.path: (f.status, f.old_path) for f in diff}
    assert statuses == {"new.py": (FileStatus.ADDED, None), "gone.py": (FileStatus.DELETED, None),
                        "b.py": (FileStatus.RENAMED, "a.py"), "m.py": (FileStatus.MODIFIED, None)}
    assert [(d.path, d.reason) for d in changed.skipped] == [("logo.png", "binary")]


def test_a_file_name_with_a_line_break_is_skipped_by_name_and_the_rest_is_reviewed(
    fake: FakeGitHub, tmp_path: Path
) -> None:
    odd = added_file("app/odd\nname.py", SWALLOW)
    fake.open_pull(NUMBER, [odd, added_file("app/orders.py", SWALLOW)])
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    assert [c["path"] for c in fake.bot_review_comments()] == ["app/orders.py"]
    (summary,) = fake.bot_issue_comments()
    assert "app/odd\\nname.py" in summary["body"] and "line break" in summary["body"]
