"""Quiet output: no review header without a body worth reading, the no-key notice once, annotations within
what GitHub shows with a line saying where the rest are, overlapping findings in one comment."""

from __future__ import annotations

import json
import re
from pathlib import Path

from action.scenario import NO_TIMEOUT, NUMBER, SWALLOW, TLS_OFF, added_file, event, run
from fakes.github_server import FakeGitHub
from persona_review.action.markers import fingerprints_in
from persona_review.action.workflow import SHOWN_PER_LEVEL
from persona_review.pipeline import NO_KEY_NOTICE
from pipeline.test_sarif import VALIDATOR


def test_review_without_body_findings_has_no_header(fake: FakeGitHub, tmp_path: Path) -> None:
    files = [added_file("app/orders.py", SWALLOW)]
    fake.open_pull(NUMBER, files)
    run(fake, tmp_path / "1", "pull_request", event("pull_request.opened"))
    (review,) = fake.submitted_reviews()
    # Only the run's hidden token (read back after an ambiguous post) is in the body: nothing visible.
    assert _visible(review["body"]) == "" and "persona-review:run=" in review["body"]
    assert len(fake.bot_review_comments()) == 1
    more = [*files, added_file("app/pay.py", NO_TIMEOUT)]
    fake.push(NUMBER, more, [more[-1]])
    run(fake, tmp_path / "2", "pull_request", event("pull_request.synchronize"))
    assert [_visible(r["body"]) for r in fake.submitted_reviews()] == ["", ""], "no header on every push"


def _visible(body: str) -> str:
    return re.sub(r"<!--.*?-->", "", body, flags=re.DOTALL).strip()


def test_review_body_keeps_its_header_when_it_lists_findings(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, [added_file("app/orders.py", SWALLOW), added_file("app/pay.py", TLS_OFF)])
    run(fake, tmp_path, "pull_request", event("pull_request.opened"), max_comments="0")
    (review,) = fake.submitted_reviews()
    assert review["body"].startswith("**persona-review**: ") and "0 in inline comments" in review["body"]


def test_no_key_notice_is_in_the_first_summary_only(fake: FakeGitHub, tmp_path: Path) -> None:
    files = [added_file("app/orders.py", SWALLOW)]
    fake.open_pull(NUMBER, files)
    first = run(fake, tmp_path / "1", "pull_request", event("pull_request.opened"))
    assert NO_KEY_NOTICE in fake.bot_issue_comments()[0]["body"]
    assert first.log.count(NO_KEY_NOTICE) == 1 and NO_KEY_NOTICE not in first.summary, "once per run"
    more = [*files, added_file("app/pay.py", NO_TIMEOUT)]
    fake.push(NUMBER, more, [more[-1]])
    run(fake, tmp_path / "2", "pull_request", event("pull_request.synchronize"))
    (summary,) = fake.bot_issue_comments()
    assert NO_KEY_NOTICE not in summary["body"]


def test_annotations_stay_within_what_github_shows(fake: FakeGitHub, tmp_path: Path) -> None:
    files = [added_file(f"app/orders_{i}.py", SWALLOW) for i in range(15)]
    fake.open_pull(NUMBER, files)
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"), dry_run="true", fail_on="high")
    assert out.outputs["high-count"] == "15"
    lines = out.log.splitlines()
    errors = [x for x in lines if x.startswith("::error")]
    assert len(errors) <= SHOWN_PER_LEVEL
    assert errors[-1] == "::error::findings at or above 'high' (fail-on)", "the step's own error is shown"
    annotated = [x for x in errors if x.startswith("::error file=")]
    (rest,) = [x for x in lines if x.startswith("::notice::") and "more findings are not shown" in x]
    left = int(rest.split("::notice::")[1].split()[0])
    assert len(annotated) + left == 15
    assert "job summary" in rest and "SARIF" in rest
    assert sum(1 for x in lines if x.startswith("high app/orders_")) == left, "each one left out is in the log"
    assert all(x.startswith("::") or x.startswith("high ") for x in lines if x)


def test_overlapping_findings_are_posted_once_per_spot(fake: FakeGitHub, tmp_path: Path) -> None:
    twice = ["import requests", "", "def charge(url):",
             "    return requests.post(url, verify=False)"]  # no timeout and TLS off on one line
    fake.open_pull(NUMBER, [added_file("app/pay.py", twice)])
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    found = int(out.outputs["findings-count"])
    comments = fake.bot_review_comments()
    assert found == 2 and len(comments) == 1
    assert len(fingerprints_in(comments[0]["body"])) == 2
    assert "2 new inline" in fake.bot_issue_comments()[0]["body"]
    sarif = json.loads((tmp_path / out.outputs["sarif-file"]).read_text(encoding="utf-8"))
    assert list(VALIDATOR.iter_errors(sarif)) == [] and len(sarif["runs"][0]["results"]) == 2
