"""Every exit writes the job summary and every output, and its error names the PR, the cause and the fix."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from action.scenario import NUMBER, SWALLOW, added_file, event, run
from action.test_entrypoint import ACTION
from fakes.github_server import FakeGitHub
from pipeline.test_sarif import VALIDATOR

FILES = [added_file("app/orders.py", SWALLOW)]


def _failed_run_reports_everything(out_summary: str, outputs: dict[str, str], workspace: Path) -> dict[str, object]:
    assert "**Failed:**" in out_summary
    assert set(outputs) == set(ACTION["outputs"])
    assert outputs["findings-count"] == "0" and outputs["model-status"] == "skipped"
    sarif = json.loads((workspace / outputs["sarif-file"]).read_text(encoding="utf-8"))
    assert list(VALIDATOR.iter_errors(sarif)) == []
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False and sarif["runs"][0]["results"] == []
    return dict(invocation)


def test_bad_token_names_the_pr_and_the_fix_without_claiming_retries(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail("GET", r"/pulls/2$", 401, message="Bad credentials")
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 3 and out.calls == 1, "a 401 is not retried"
    (error,) = [line for line in out.log.splitlines() if line.startswith("::error::")]
    assert "pull request #2 in Codertocat/Hello-World" in error and "401 Bad credentials" in error
    assert "github-token" in error and "after retries" not in error
    _failed_run_reports_everything(out.summary, out.outputs, tmp_path)


def test_missing_pull_request_names_it(fake: FakeGitHub, tmp_path: Path) -> None:
    out = run(fake, tmp_path, "workflow_dispatch", event("workflow_dispatch"), pr_number="41")
    assert out.code == 3
    (error,) = [line for line in out.log.splitlines() if line.startswith("::error::")]
    assert "404 for pull request #41 in Codertocat/Hello-World" in error
    assert "after retries" not in error and "permissions" in error
    invocation = _failed_run_reports_everything(out.summary, out.outputs, tmp_path)
    assert "#41" in json.dumps(invocation)


def test_github_unreachable_still_writes_summary_and_outputs(fake: FakeGitHub, tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    fake.api_url = f"http://127.0.0.1:{port}/api/v3"
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 3
    assert f"GitHub API at http://127.0.0.1:{port}/api/v3 did not answer while reviewing pull request #2" in out.log
    _failed_run_reports_everything(out.summary, out.outputs, tmp_path)


@pytest.mark.parametrize(("inputs", "text"), [({"mode": "sometimes"}, "input 'mode'"),
                                              ({"max_comments": "many"}, "input 'max-comments'")])
def test_bad_input_still_writes_summary_and_outputs(fake: FakeGitHub, tmp_path: Path, inputs: dict[str, str],
                                                    text: str) -> None:
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"), **inputs)
    assert out.code == 2 and text in out.log and out.calls == 0
    _failed_run_reports_everything(out.summary, out.outputs, tmp_path)


def test_pull_request_with_no_files_has_its_own_message(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, [])
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0 and fake.submitted_reviews() == []
    assert "#2 changes no files" in out.log and "triggers" not in out.summary
    assert set(out.outputs) == set(ACTION["outputs"])


@pytest.mark.parametrize(("variable", "value"), [("PERSONA_REVIEW_HTTP_TIMEOUT", "0.5"),
                                                 ("PERSONA_REVIEW_HTTP_TIMEOUT", "0"),
                                                 ("PERSONA_REVIEW_HTTP_RETRIES", "2.5")])
def test_a_fraction_where_a_whole_number_is_needed_is_refused(fake: FakeGitHub, tmp_path: Path, variable: str,
                                                              value: str) -> None:
    """A timeout of 0.5 s would have been cut to 0 (every request failing at once), a retry count of 2.5 to 2."""
    fake.open_pull(NUMBER, FILES)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"), http={variable: value})
    assert out.code == 2 and out.calls == 0
    (error,) = [line for line in out.log.splitlines() if line.startswith("::error::")]
    assert error == f"::error::{variable} must be a whole number, at least {1 if 'TIMEOUT' in variable else 0}, got {value!r}"
    _failed_run_reports_everything(out.summary, out.outputs, tmp_path)
