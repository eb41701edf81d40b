"""Onboarding in real temporary git repositories: `persona-review init`, the pre-commit hook on the staged
diff, the check catalog, ignore-id validation, unused suppressions and the fail-on summary."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from persona_review.cli import main
from persona_review.config import load_config
from persona_review.starter import STARTER_FILES, WORKFLOW_PATH

ROOT = Path(__file__).resolve().parents[2]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / "api").mkdir(parents=True)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "config", "user.email", "t@example.com")
    _git(root, "config", "user.name", "t")
    (root / "api" / "h.py").write_text("def h():\n    return 1\n")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "base")
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.chdir(root / "api")  # init finds the repository root from a subdirectory
    return root


def test_init_writes_a_valid_config_and_workflow_and_refuses_to_overwrite(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init"]) == 0
    out = capsys.readouterr().out
    config_path = repo / ".github" / "persona-review.yml"
    workflow_path = repo / WORKFLOW_PATH
    assert str(config_path) in out and str(workflow_path) in out
    config = load_config(str(config_path), required=True)
    assert config.persona == "backend" and config.fail_on is None and config.max_cost_usd == 0.5
    assert sum(line.lstrip().startswith("#") for line in config_path.read_text().splitlines()) >= 8
    workflow = yaml.safe_load(workflow_path.read_text())
    steps = workflow["jobs"]["review"]["steps"]
    assert steps[0]["uses"].startswith("persona-review/persona-review@")
    assert workflow["jobs"]["review"]["permissions"]["pull-requests"] == "write"

    workflow_path.write_text("# mine\n")
    config_path.unlink()
    assert main(["init"]) == 2
    err = capsys.readouterr().err
    assert "not overwriting" in err and str(workflow_path) in err
    assert workflow_path.read_text() == "# mine\n" and not config_path.exists(), "nothing written on refusal"


def test_starter_files_are_the_ones_init_writes() -> None:
    assert set(STARTER_FILES) == {".github/persona-review.yml", WORKFLOW_PATH}


def _hook_command() -> list[str]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "persona-review" and hook["pass_filenames"] is False
    entry = shlex.split(hook["entry"])
    assert entry[0] == "persona-review"
    # The console script is `python -m persona_review`; run it the same way pre-commit would.
    return [sys.executable, "-m", "persona_review", *entry[1:], *hook.get("args", [])]


def test_pre_commit_hook_reviews_the_staged_diff_only(repo: Path) -> None:
    (repo / "api" / "h.py").write_text(
        "def h(cur, name):\n    cur.execute(f\"SELECT * FROM users WHERE name = '{name}'\")\n"
    )
    _git(repo, "add", "api/h.py")
    # An unstaged change with another problem: not part of the commit, so not reviewed.
    (repo / "api" / "other.py").write_text("import pickle\n\n\ndef load(b):\n    return pickle.loads(b)\n")
    env = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"}
    proc = subprocess.run(
        [*_hook_command(), "--fail-on", "high", "--format", "json"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)["findings"]
    assert {f["path"] for f in findings} == {"api/h.py"}
    assert "failing: 1 finding at or above fail-on high" in proc.stderr
    assert "api/h.py:2" in proc.stderr

    _git(repo, "commit", "-qm", "risky")
    clean = subprocess.run(_hook_command(), cwd=repo, capture_output=True, text=True, env=env, check=False)
    assert clean.returncode == 0 and "0 findings" in clean.stdout


def test_checks_table_is_aligned_and_explains_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checks"]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line and not line.startswith(("[", "Explain"))]
    header = rows[0]
    starts = [header.index(col) for col in ("ITEM", "SEVERITY", "LANGUAGES", "TITLE")]
    for row in rows[1:]:
        for start in starts:
            assert row[start - 2 : start] == "  " and row[start] != " ", row
    assert main(["checks", "--format", "json"]) == 0
    catalog = json.loads(capsys.readouterr().out)
    assert {c["id"] for c in catalog} >= {"PY-SQL-STRING", "SQL-INDEX-LOCK"}
    assert main(["checks", "py-sql-string"]) == 0
    explained = capsys.readouterr().out
    assert explained.startswith("PY-SQL-STRING:") and "Checklist item SEC-01" in explained
    assert "Suggested fix" in explained and "Silence it" in explained
    assert main(["checks", "MIG-03", "--format", "json"]) == 0
    item = json.loads(capsys.readouterr().out)
    assert item["id"] == "MIG-03" and "RAILS-INDEX-LOCK" in item["checks"]
    assert main(["checks", "SEC-99"]) == 2
    assert "unknown check or checklist item 'SEC-99'" in capsys.readouterr().err


def test_unknown_ignore_id_is_an_error_naming_the_id_and_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "c.yml"
    config.write_text("ignore:\n  - ids: [SEC-01, SEC-99]\n")
    diff = ROOT / "examples" / "sample.diff"
    assert main(["review", "--diff", str(diff), "--offline", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "'SEC-99'" in err and str(config) in err and err.count("\n") == 1


def test_unused_suppressions_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "c.yml"
    config.write_text("ignore:\n  - id: SEC-06\n  - id: PY-WEAK-HASH\n")
    diff = ROOT / "examples" / "sample.diff"
    args = ["review", "--diff", str(diff), "--offline", "--config", str(config), "--format", "json"]
    assert main([*args, "--warn-unused-suppressions"]) == 0
    out, err = capsys.readouterr()
    assert "suppression matched nothing" in err and "ignore[1] (ids PY-WEAK-HASH)" in err
    assert "ignore[0]" not in err, "SEC-06 suppressed the committed key"
    assert json.loads(out)["stats"]["unused_suppressions"] == [f"{config}: ignore[1] (ids PY-WEAK-HASH)"]


def test_skipped_files_name_the_pattern_in_the_text_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "--diff", str(ROOT / "examples" / "sample.diff"), "--offline"]) == 0
    out = capsys.readouterr().out
    assert "skipped docs/orders.md: docs (*.md)" in out
    assert "   19 |     rows = conn.execute(" in out, "the flagged line is shown with its number"
