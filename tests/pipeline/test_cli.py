from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from persona_review.cli import main
from pipeline.conftest import DATA, SAMPLE_DIFF, file_diff

PERSONA = str(DATA / "persona.md")


@pytest.fixture(autouse=True)
def _no_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.chdir(tmp_path)


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_contract_on_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(
        ["review", "--diff", str(SAMPLE_DIFF), "--format", "json", "--persona", PERSONA], capsys
    )
    assert code == 0
    doc = json.loads(out)
    assert doc["version"] == 1 and doc["persona"] == "test-backend" and doc["mode"] == "checks"
    assert {f["path"] for f in doc["files"]} >= {"app/api/orders.py", "docs/orders.md"}
    assert all(set(f) >= {"path", "status", "reason"} and f["reason"] for f in doc["files"])
    required = {
        "path",
        "line",
        "end_line",
        "category",
        "severity",
        "checklist_item",
        "source",
        "title",
        "body",
        "fingerprint",
    }
    assert doc["findings"] and all(required <= set(f) for f in doc["findings"])
    assert isinstance(doc["stats"], dict) and doc["stats"]["findings"] == len(doc["findings"])
    # One line on stderr says the review is checks-only.
    assert err.count("\n") == 1 and "ANTHROPIC_API_KEY" in err


def test_offline_flag_never_uses_a_key(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-not-used")
    code, out, err = _run(
        ["review", "--diff", str(SAMPLE_DIFF), "--offline", "--format", "json", "--persona", PERSONA], capsys
    )
    assert code == 0 and json.loads(out)["mode"] == "checks" and "offline" in err
    assert "sk-ant-test-not-used" not in out + err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is not a diff at all\n", "not a unified diff"),
        (b"diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,5 +1,6 @@\n a\n+b\n", "cut short"),
    ],
)
def test_bad_diffs_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.diff"
    bad.write_bytes(content)
    code, out, err = _run(["review", "--diff", str(bad), "--persona", PERSONA], capsys)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_binary_only_and_empty_diffs_are_clean_empty_reviews(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "bin.diff"
    binary.write_text(
        "diff --git a/a.png b/a.png\nnew file mode 100644\nBinary files /dev/null and b/a.png differ\n"
    )
    empty = tmp_path / "empty.diff"
    empty.write_text("")
    for path in (binary, empty):
        code, out, _ = _run(["review", "--diff", str(path), "--format", "json", "--persona", PERSONA], capsys)
        doc = json.loads(out)
        assert code == 0 and doc["findings"] == []
        assert all(f["status"] == "skipped" for f in doc["files"])


def test_invalid_config_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "cfg.yml"
    cfg.write_text("max-comments: [1]\n")
    code, _, err = _run(
        ["review", "--diff", str(SAMPLE_DIFF), "--config", str(cfg), "--persona", PERSONA], capsys
    )
    assert code == 2 and "max-comments" in err and str(cfg) in err and "Traceback" not in err


def test_default_config_location_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "persona-review.yml").write_text("categories: [migration-safety]\n")
    code, out, _ = _run(
        ["review", "--diff", str(SAMPLE_DIFF), "--format", "json", "--persona", PERSONA], capsys
    )
    assert code == 0
    assert {f["category"] for f in json.loads(out)["findings"]} <= {"migration-safety"}


def test_fail_on_sets_exit_code_and_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "report.sarif"
    code, out, _ = _run(
        [
            "review",
            "--diff",
            str(SAMPLE_DIFF),
            "--fail-on",
            "medium",
            "--format",
            "sarif",
            "--output",
            str(out_file),
            "--persona",
            PERSONA,
        ],
        capsys,
    )
    assert code == 1 and out == ""
    assert json.loads(out_file.read_text())["version"] == "2.1.0"


def test_stdin_diff(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SAMPLE_DIFF.read_bytes())))
    code, out, _ = _run(["review", "--diff", "-", "--format", "json", "--persona", PERSONA], capsys)
    assert code == 0 and json.loads(out)["findings"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["review"], "give a diff"),
        (["review", "--head", "main"], "--head needs --base"),
        (["review", "--diff", "missing.diff"], "diff file not found"),
        (["review", "--diff", "x", "--format", "yaml"], "invalid choice"),
        (["review", "--diff", str(SAMPLE_DIFF), "--persona", "no-such-persona"], "no bundled persona"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_usage_errors(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(args, capsys)
    assert code == 2 and message in err and "Traceback" not in err


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_review_from_git_refs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "t@example.com")
    _git(repo, "config", "user.name", "t")
    (repo / "api").mkdir()
    (repo / "api" / "h.py").write_text("def h():\n    return 1\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    _git(repo, "checkout", "-qb", "feature")
    (repo / "api" / "h.py").write_text(
        "def h():\n    try:\n        return 1\n    except Exception:\n        pass\n"
    )
    _git(repo, "commit", "-qam", "change")
    monkeypatch.chdir(repo)
    code, out, _ = _run(
        ["review", "--base", "main", "--head", "feature", "--format", "json", "--persona", PERSONA], capsys
    )
    assert code == 0
    findings = json.loads(out)["findings"]
    assert [(f["path"], f["line"], f["checklist_item"]) for f in findings][:1] == [("api/h.py", 4, "ERR-01")]
    code, _, err = _run(["review", "--base", "no-such-ref", "--persona", PERSONA], capsys)
    assert code == 2 and "git diff" in err


def test_a_non_ascii_path_from_git_is_reviewed_under_its_own_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """git quotes non-ASCII names in diffs by default; the file must still be reviewed as what it is."""
    repo = tmp_path / "repo"
    (repo / "api").mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    (repo / "api" / "café.py").write_text(
        "def h():\n    try:\n        return 1\n    except Exception:\n        pass\n", encoding="utf-8"
    )
    _git(repo, "add", "-A")
    monkeypatch.chdir(repo)
    code, out, _ = _run(["review", "--staged", "--format", "json", "--persona", PERSONA], capsys)
    assert code == 0
    report = json.loads(out)
    assert [f["path"] for f in report["files"]] == ["api/café.py"]
    assert ("api/café.py", 4) in [(f["path"], f["line"]) for f in report["findings"]]


def test_not_a_git_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["review", "--base", "main", "--persona", PERSONA], capsys)
    assert code == 2 and "git" in err


def test_console_script_runs_as_installed(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "persona_review",
            "review",
            "--diff",
            str(SAMPLE_DIFF),
            "--format",
            "json",
            "--persona",
            PERSONA,
        ],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["version"] == 1


def test_diff_helper_builds_valid_new_file() -> None:
    assert file_diff("a.py", ["x"]).startswith("diff --git a/a.py b/a.py\nnew file mode")


def test_config_and_its_persona_are_found_from_a_subdirectory(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / ".github").mkdir(parents=True)
    (repo / "reviewers").mkdir()
    (repo / "reviewers" / "mine.md").write_text((DATA / "persona.md").read_text().replace("test-backend", "mine"))
    (repo / ".github" / "persona-review.yml").write_text("persona: reviewers/mine.md\n")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "t@example.com")
    _git(repo, "config", "user.name", "t")
    (repo / "api").mkdir()
    (repo / "api" / "h.py").write_text("x = 1\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    (repo / "api" / "h.py").write_text("x = 2\n")
    monkeypatch.chdir(repo / "api")
    code, out, _ = _run(["review", "--base", "main", "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["persona"] == "mine"
