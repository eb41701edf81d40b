"""Answers whose body PyGithub cannot read (a proxy's JSON string, a list, a body cut short) end in the same
one-line errors as any other GitHub error, with the status and the start of the body, and never lose the
findings: PyGithub itself fails on them with an AttributeError or a JSON decoding error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from action.scenario import NUMBER, SWALLOW, added_file, event, run
from fakes.github_server import FakeGitHub
from persona_review.action.answers import readable_answers, unreadable_answer
from persona_review.errors import EXIT_RUNTIME

FILES = [added_file("app/orders.py", SWALLOW)]


@pytest.mark.parametrize(("body", "shown"), [("Bad gateway", "'Bad gateway'"), (["no"], "'[\"no\"]'"),
                                             (7, "'7'"), (b'{"message": "cut', "'{\"message\": \"cut'")])
def test_an_unreadable_error_reading_the_pull_request_is_one_clear_line(
        fake: FakeGitHub, tmp_path: Path, body: Any, shown: str) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail("GET", rf"/pulls/{NUMBER}$", 400, body=body)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == EXIT_RUNTIME and "Traceback" not in out.log
    (error,) = [line for line in out.log.splitlines() if line.startswith("::error::")]
    assert error == (f"::error::GitHub API error 400 an error body PyGithub cannot read ({shown}) while "
                     f"reviewing pull request #{NUMBER} in Codertocat/Hello-World; re-run the job")


def test_an_unreadable_refusal_of_the_review_keeps_every_finding(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail("POST", r"/pulls/\d+/reviews$", 400, body="denied by proxy")
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == EXIT_RUNTIME and fake.submitted_reviews() == []
    assert "::error file=app/orders.py,line=4," in out.log, "the finding is an annotation"
    assert "`app/orders.py:4-5`" in out.summary
    sarif = json.loads((tmp_path / out.outputs["sarif-file"]).read_text(encoding="utf-8"))
    assert len(sarif["runs"][0]["results"]) == 1 and out.outputs["findings-count"] == "1"


def test_a_summary_post_answered_with_a_cut_body_is_an_ambiguous_failure(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    fake.fail("POST", r"/issues/\d+/comments$", 502, body=b'{"message": "Bad Gat')
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0, "a 5xx may have been stored: the run says so and asks for a rerun"
    (review,) = fake.submitted_reviews()
    assert (f"The review was posted ({review['html_url']}), but the summary comment could not be written (502: "
            "an error body PyGithub cannot read ('{\"message\": \"Bad Gat')); it was not retried") in out.summary


def test_other_failures_pass_through_untouched() -> None:
    with pytest.raises(AttributeError, match="no attribute 'get'"), readable_answers():
        "text".get("x")  # type: ignore[attr-defined]
    try:
        json.loads("{")
    except ValueError as exc:
        assert unreadable_answer(exc) is None
