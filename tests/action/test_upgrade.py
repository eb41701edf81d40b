"""A pull request reviewed by a version before identity fingerprints: nothing it posted is posted again."""

from __future__ import annotations

import json
import re
from pathlib import Path

from action.scenario import NUMBER, event, run
from action.test_incremental import COPY, LISTING, LOGGED, _open, _text, _visible
from fakes.github_server import FakeGitHub
from persona_review.action.markers import fingerprints_in

_PAIR = re.compile(r"<!-- persona-review:fp=[0-9a-f]+ --> <!-- persona-review:rank=([0-9a-f]+) -->")
_STATE = re.compile(r"<!-- persona-review:summary \{.*?\} -->")
_BLOB = re.compile(r"<!-- persona-review:fps [A-Za-z0-9+/=]+ -->")


def _as_version_1(fake: FakeGitHub) -> set[str]:
    """Rewrite what was posted the way version 1 wrote it: the rank fingerprint as the only marker, and the
    summary's state as a JSON list of them."""
    legacy: set[str] = set()
    for item in [*fake.bot_review_comments(), *fake.submitted_reviews()]:
        legacy |= set(_PAIR.findall(item["body"]))
        item["body"] = _PAIR.sub(r"<!-- persona-review:fp=\1 -->", item["body"])
    (summary,) = fake.bot_issue_comments()
    state = json.dumps({"head": fake.state.pulls[NUMBER].head.sha, "fps": sorted(legacy)}, separators=(",", ":"))
    body = _BLOB.sub("", summary["body"])
    summary["body"] = _STATE.sub(lambda _: f"<!-- persona-review:summary {state} -->", body)
    return legacy


def test_a_rerun_after_upgrading_reposts_nothing(fake: FakeGitHub, tmp_path: Path) -> None:
    _open(fake, tmp_path, {"app/orders.py": _text(LOGGED), "app/run.py": _text(LISTING)})
    legacy = _as_version_1(fake)
    assert legacy and set(_visible(fake)) == legacy
    comments, reviews = len(fake.bot_review_comments()), len(fake.submitted_reviews())
    out = run(fake, tmp_path / "rerun", "pull_request", event("pull_request.synchronize"))
    assert out.code == 0
    assert (len(fake.bot_review_comments()), len(fake.submitted_reviews())) == (comments, reviews)


def test_a_copy_above_after_upgrading_is_the_new_finding(fake: FakeGitHub, tmp_path: Path) -> None:
    _open(fake, tmp_path, {"app/run.py": _text(LISTING)})
    _as_version_1(fake)
    before = len(fake.bot_review_comments())
    fake.push_tree(NUMBER, {"app/run.py": _text([*LISTING[:3], *COPY, *LISTING[3:]])})
    out = run(fake, tmp_path / "push", "pull_request", event("pull_request.synchronize"))
    assert out.code == 0
    new = fake.bot_review_comments()[before:]
    assert [c["line"] for c in new] == [5], "the copy on the added line is new; the original was posted"
    assert all(fingerprints_in(c["body"]) for c in new)
