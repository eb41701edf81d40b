"""The entrypoint as the runner starts it, and action.yml kept in step with the code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import yaml

from action.scenario import (
    HTTP_ENV,
    NAME,
    NUMBER,
    OWNER,
    SWALLOW,
    added_file,
    event,
    new_fake,
    parse_outputs,
    run,
)
from fakes.github_server import FakeGitHub
from persona_review.action.inputs import read_inputs
from persona_review.action.markers import Known, fingerprints_in, read_state
from persona_review.action.report import outputs
from pipeline.test_sarif import VALIDATOR

ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_docker_entrypoint_runs_the_action_module(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, [added_file("app/orders.py", SWALLOW)])
    (tmp_path / "event.json").write_text(json.dumps(event("workflow_dispatch")), encoding="utf-8")
    (tmp_path / "out").write_text("", encoding="utf-8")
    (tmp_path / "summary.md").write_text("", encoding="utf-8")
    env = {
        "PATH": os.environ.get("PATH", ""), **HTTP_ENV,
        "GITHUB_EVENT_NAME": "workflow_dispatch", "GITHUB_EVENT_PATH": str(tmp_path / "event.json"),
        "GITHUB_REPOSITORY": f"{OWNER}/{NAME}", "GITHUB_API_URL": fake.api_url,
        "GITHUB_OUTPUT": str(tmp_path / "out"), "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "GITHUB_WORKSPACE": str(tmp_path),
        "INPUT_GITHUB-TOKEN": "ghs_secret_token_value", "INPUT_ANTHROPIC-API-KEY": "",
        "INPUT_PR-NUMBER": str(NUMBER), "INPUT_FAIL-ON": "high", "INPUT_MODE": "auto",
    }
    proc = subprocess.run([sys.executable, "-m", "persona_review.action"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # a high finding and fail-on: high
    assert proc.stdout.splitlines()[0] == "::add-mask::ghs_secret_token_value"
    assert proc.stdout.count("ghs_secret_token_value") == 1
    got = parse_outputs((tmp_path / "out").read_text(encoding="utf-8"))
    assert set(got) == set(ACTION["outputs"])
    assert got["findings-count"] == got["high-count"] == "1" and got["model-status"] == "skipped"
    assert (tmp_path / got["sarif-file"]).is_file()
    assert "persona-review" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert len(fake.submitted_reviews()) == 1


class Recording(Mapping[str, str]):
    def __init__(self) -> None:
        self.asked: set[str] = set()

    def __getitem__(self, key: str) -> str:
        self.asked.add(key)
        raise KeyError(key)

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        self.asked.add(key)
        return default

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def test_every_input_in_action_yml_is_read_under_its_runner_name() -> None:
    env = Recording()
    read_inputs(env)
    expected = {"INPUT_" + name.upper() for name in ACTION["inputs"]}
    assert expected <= env.asked
    assert {k for k in env.asked if k.startswith("INPUT_") and "_" not in k[6:]} <= expected


def test_outputs_match_action_yml() -> None:
    assert set(outputs(None, review_url="", sarif="")) == set(ACTION["outputs"])
    for name, spec in ACTION["outputs"].items():
        assert f"steps.review.outputs.{name} " in spec["value"] and f"start-failed.outputs.{name} " in spec["value"]


def _step(step_id: str) -> dict[str, object]:
    steps = ACTION["runs"]["steps"]
    found: dict[str, object] = next(s for s in steps if s.get("id") == step_id)
    return found


def test_composite_passes_every_input_to_the_review_step() -> None:
    assert ACTION["runs"]["using"] == "composite"
    env = _step("review")["env"]
    assert isinstance(env, dict)
    mapped = {k: v for k, v in env.items() if k.startswith("INPUT_")}
    assert mapped == {"INPUT_" + name.upper().replace("-", "_"): "${{ inputs." + name + " }}"
                      for name in ACTION["inputs"]}
    values = {"github-token": "t", "pr-number": "7", "max-comments": "3", "mode": "full", "dry-run": "true",
              "ignore-authors": "alice", "review-label": "ai-review"}
    got = read_inputs({k: values.get(v.removeprefix("${{ inputs.").removesuffix(" }}"), "") for k, v in mapped.items()})
    assert (got.github_token, got.pr_number, got.max_comments, got.dry_run) == ("t", 7, 3, True)
    assert got.ignore_authors == ("alice",) and got.review_label == "ai-review"


def test_composite_installs_only_hashed_pinned_wheels() -> None:
    install = str(_step("python") and ACTION["runs"]["steps"][1]["run"])
    assert "--require-hashes" in install and "--only-binary=:all:" in install and "--no-deps" in install
    pins = {line.split("==")[0].lower(): line.split("==")[1].split()[0]
            for line in (ROOT / "docker" / "constraints.txt").read_text(encoding="utf-8").splitlines()
            if "==" in line}
    for lock in ("action.lock", "action-cloud.lock"):
        assert f"requirements/{lock}" in install
        blocks = (ROOT / "requirements" / lock).read_text(encoding="utf-8").split("\n")
        entries = [b for b in blocks if "==" in b and not b.startswith("#")]
        assert entries
        for entry in entries:
            name, version = entry.split(" ")[0].split("==")
            assert pins[name.lower()] == version, f"{lock}: {name} is not the version the Dockerfile pins"
        text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
        assert text.count("==") <= text.count("--hash=sha256:"), "every pin has a hash"


def test_forged_summary_from_an_outsider_hides_nothing(fake: FakeGitHub, tmp_path: Path) -> None:
    files = [added_file("app/orders.py", SWALLOW)]
    with new_fake() as other:  # a first review elsewhere tells the finding's (deterministic) fingerprint
        other.open_pull(NUMBER, files)
        run(other, tmp_path / "other", "pull_request", event("pull_request.opened"))
        forged = other.bot_issue_comments()[0]["body"] + other.bot_review_comments()[0]["body"]
    known = Known()
    known.add_text(forged)
    assert read_state(forged) is not None and len(known.full) == 2 and len(known.prefixes) == 1
    fake.open_pull(NUMBER, files)
    fake.human_comment(NUMBER, forged, "outsider", "CONTRIBUTOR")
    out = run(fake, tmp_path / "real", "pull_request", event("pull_request.opened"))
    assert out.code == 0
    assert fingerprints_in(fake.bot_review_comments()[0]["body"]) == fingerprints_in(forged)
    assert len(fake.bot_issue_comments()) == 1, "our own summary is created; the forged one is ignored"


def test_dry_run_posts_nothing_but_reports(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, [added_file("app/orders.py", SWALLOW)])
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"), dry_run="true")
    assert out.code == 0
    assert [c for c in fake.calls if c.method != "GET"] == []
    assert "::error file=app/orders.py" in out.log and "dry-run" in out.summary


def test_failed_install_step_still_reports(tmp_path: Path) -> None:
    """The composite's last step, run when installing failed: the job summary, every output, a SARIF."""
    step = _step("start-failed")
    assert step["if"] == "failure() && steps.review.outcome == 'skipped'"
    out, summary = tmp_path / "out", tmp_path / "summary.md"
    out.write_text("", encoding="utf-8")
    env = {"PATH": os.environ.get("PATH", ""), "GITHUB_WORKSPACE": str(tmp_path), "GITHUB_OUTPUT": str(out),
           "GITHUB_STEP_SUMMARY": str(summary)}
    proc = subprocess.run(["bash", "-e", "-c", str(step["run"])], env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    got = parse_outputs(out.read_text(encoding="utf-8"))
    assert set(got) == set(ACTION["outputs"]) and got["findings-count"] == "0"
    sarif = json.loads((tmp_path / got["sarif-file"]).read_text(encoding="utf-8"))
    assert list(VALIDATOR.iter_errors(sarif)) == []
    assert sarif["runs"][0]["invocations"][0]["executionSuccessful"] is False
    assert "installing its pinned dependencies failed" in summary.read_text(encoding="utf-8")


def test_every_composite_script_parses() -> None:
    for step in ACTION["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash"
            proc = subprocess.run(["bash", "-n", "-c", step["run"]], capture_output=True, text=True, timeout=30,
                                  check=False)
            assert proc.returncode == 0, (step["name"], proc.stderr)
