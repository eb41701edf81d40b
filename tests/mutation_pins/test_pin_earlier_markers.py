"""Who may hide a finding with a fingerprint marker, and what an earlier run's comments still say.

A fingerprint in an earlier review comment means "already posted": the Action must not post that finding
again, even when the summary that lists it is missing (an ambiguous post, a crash before the summary).
Only a bot's or a writer's comment is believed; an outsider cannot plant a marker to hide a finding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from action.scenario import NUMBER, SWALLOW, added_file, event, new_fake, run
from fakes.github_server import FakeGitHub
from fakes.github_state import BOT
from persona_review.action.markers import (
    PREFIX_HEX,
    SummaryState,
    fingerprint_marker,
    fingerprints_in,
    fps_blobs,
    prefixes_in,
    read_state,
)

FILES = [added_file("app/orders.py", SWALLOW)]


@pytest.fixture(scope="module")
def fp(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The fingerprint a first review of FILES reports, read from a separate pull request."""
    with new_fake() as other:
        other.open_pull(NUMBER, FILES)
        assert run(other, tmp_path_factory.mktemp("first"), "pull_request", event("pull_request.opened")).code == 0
        (only,) = _posted_fingerprints(other)
        assert _summary_prefixes(other.bot_issue_comments()[0]["body"]) == {only[:PREFIX_HEX]}
    return only


def _plant_review_comment(fake: FakeGitHub, body: str, login: str, kind: str, association: str) -> None:
    pull = fake.state.pulls[NUMBER]
    user = fake.shapes.user(login, kind, 7) if kind != "Bot" else fake.shapes.user(BOT["login"], "Bot", BOT["id"])
    fake.state.review_comments.append(fake.shapes.review_comment(
        pull, 0, {"path": "app/orders.py", "body": body, "line": 3, "side": "RIGHT"},
        user=user, association=association))


def _posted_fingerprints(fake: FakeGitHub) -> set[str]:
    return {found for c in fake.bot_review_comments() for found in fingerprints_in(c["body"])}


def _posted_prefixes(fake: FakeGitHub) -> set[str]:
    return {fp[:PREFIX_HEX] for fp in _posted_fingerprints(fake)}


def _summary_prefixes(body: str) -> set[str]:
    """The fingerprints a summary remembers (as 48-bit prefixes in its compressed state marker)."""
    assert read_state(body) is not None, "not a summary"
    return prefixes_in(body)


def test_a_bot_comment_from_an_earlier_run_without_a_summary_is_not_posted_again(
        fake: FakeGitHub, tmp_path: Path, fp: str) -> None:
    fake.open_pull(NUMBER, FILES)
    _plant_review_comment(fake, "Swallowed error\n\n" + fingerprint_marker(fp), "bot", "Bot", "NONE")
    before = len(fake.state.review_comments)

    out = run(fake, tmp_path / "again", "pull_request", event("pull_request.opened"))

    assert out.code == 0
    assert len(fake.state.review_comments) == before, "the finding already has its inline comment"
    assert fp[:PREFIX_HEX] in _summary_prefixes(fake.bot_issue_comments()[0]["body"])


def test_a_writers_marker_hides_the_finding(fake: FakeGitHub, tmp_path: Path, fp: str) -> None:
    fake.open_pull(NUMBER, FILES)
    _plant_review_comment(fake, "Known issue " + fingerprint_marker(fp), "maintainer", "User", "MEMBER")

    assert run(fake, tmp_path / "run", "pull_request", event("pull_request.opened")).code == 0

    assert _posted_fingerprints(fake) == set()


def test_an_outsiders_marker_hides_nothing(fake: FakeGitHub, tmp_path: Path, fp: str) -> None:
    fake.open_pull(NUMBER, FILES)
    _plant_review_comment(fake, "nothing to see " + fingerprint_marker(fp), "outsider", "User", "CONTRIBUTOR")

    assert run(fake, tmp_path / "run", "pull_request", event("pull_request.opened")).code == 0

    assert _posted_fingerprints(fake) == {fp}


def test_a_writers_summary_counts_as_ours(fake: FakeGitHub, tmp_path: Path, fp: str) -> None:
    """A summary-state comment by a maintainer is believed: what it lists is not posted again."""
    fake.open_pull(NUMBER, FILES)
    (blob,) = fps_blobs([fp], 1000)
    fake.human_comment(NUMBER, f"{SummaryState().marker()}\n{blob}", "maintainer", "MEMBER")

    assert run(fake, tmp_path / "run", "pull_request", event("pull_request.opened")).code == 0

    assert _posted_fingerprints(fake) == set()


@pytest.mark.parametrize("state", ["{not json}", '{"head": 5, "fps": "abc"}'])
def test_a_damaged_summary_is_edited_in_place_not_duplicated(fake: FakeGitHub, tmp_path: Path, state: str) -> None:
    fake.open_pull(NUMBER, FILES)
    damaged = fake.shapes.issue_comment(NUMBER, f"Old summary <!-- persona-review:summary {state} -->",
                                        fake.shapes.user(BOT["login"], "Bot", BOT["id"]), "NONE")
    fake.state.issue_comments.append(damaged)

    assert run(fake, tmp_path, "pull_request", event("pull_request.opened")).code == 0

    (summary,) = fake.bot_issue_comments()
    assert summary["id"] == damaged["id"]
    assert _summary_prefixes(summary["body"]) == _posted_prefixes(fake) != set()


def test_a_maintainers_ordinary_comment_is_left_alone_and_our_summary_is_added(
        fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    theirs = fake.human_comment(NUMBER, "Thanks, looking at this tomorrow.", "maintainer", "MEMBER")

    assert run(fake, tmp_path, "pull_request", event("pull_request.opened")).code == 0

    assert theirs["body"] == "Thanks, looking at this tomorrow."
    (summary,) = fake.bot_issue_comments()
    assert _summary_prefixes(summary["body"]) == _posted_prefixes(fake) != set()


def test_the_oldest_of_two_summaries_is_the_one_kept_up_to_date(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    bot = fake.shapes.user(BOT["login"], "Bot", BOT["id"])
    first = fake.shapes.issue_comment(NUMBER, SummaryState().marker(), bot, "NONE")
    second = fake.shapes.issue_comment(NUMBER, SummaryState().marker(), bot, "NONE")
    fake.state.issue_comments.extend([first, second])

    assert run(fake, tmp_path, "pull_request", event("pull_request.opened")).code == 0

    bodies = {c["id"]: c["body"] for c in fake.bot_issue_comments()}
    assert bodies[second["id"]] == SummaryState().marker()
    assert _summary_prefixes(bodies[first["id"]]) == _posted_prefixes(fake) != set()


def test_an_outsiders_summary_is_neither_ours_nor_believed(fake: FakeGitHub, tmp_path: Path, fp: str) -> None:
    fake.open_pull(NUMBER, FILES)
    (blob,) = fps_blobs([fp], 1000)
    planted = fake.human_comment(NUMBER, f"{SummaryState().marker()}\n{blob}", "outsider", "CONTRIBUTOR")

    assert run(fake, tmp_path / "run", "pull_request", event("pull_request.opened")).code == 0

    assert _posted_fingerprints(fake) == {fp}
    (ours,) = fake.bot_issue_comments()
    assert ours["id"] != planted["id"] and fp[:PREFIX_HEX] in _summary_prefixes(ours["body"])


def test_a_version_one_summary_listing_the_fingerprint_is_still_honoured(
        fake: FakeGitHub, tmp_path: Path, fp: str) -> None:
    fake.open_pull(NUMBER, FILES)
    bot = fake.shapes.user(BOT["login"], "Bot", BOT["id"])
    old = fake.shapes.issue_comment(NUMBER, f'Summary <!-- persona-review:summary {{"head": null, "fps": ["{fp}"]}} -->',
                                    bot, "NONE")
    fake.state.issue_comments.append(old)

    assert run(fake, tmp_path / "run", "pull_request", event("pull_request.opened")).code == 0

    assert _posted_fingerprints(fake) == set()
    (summary,) = fake.bot_issue_comments()
    assert summary["id"] == old["id"] and fp[:PREFIX_HEX] in _summary_prefixes(summary["body"])


def _plant_review(fake: FakeGitHub, body: str, state: str, login: str, association: str) -> None:
    pull = fake.state.pulls[NUMBER]
    review = fake.shapes.review(pull, body, state, pull.head.sha)
    review["_number"] = NUMBER
    if login != BOT["login"]:
        review.update(user=dict(fake.shapes.user(login, "User", 7)), author_association=association)
    fake.state.reviews.append(review)


@pytest.mark.parametrize("case", [
    ("COMMENTED", "maintainer", "MEMBER", True),  # a writer's review body is believed
    ("COMMENTED", "outsider", "CONTRIBUTOR", False),  # an outsider's is not
    ("PENDING", BOT["login"], "NONE", False),  # a review never submitted showed nothing to anyone
])
def test_a_marker_in_a_review_body_hides_a_finding_only_when_a_writer_submitted_it(
        fake: FakeGitHub, tmp_path: Path, fp: str, case: tuple[str, str, str, bool]) -> None:
    state, login, association, hidden = case
    fake.open_pull(NUMBER, FILES)
    _plant_review(fake, "Earlier findings " + fingerprint_marker(fp), state, login, association)

    assert run(fake, tmp_path / "run", "pull_request", event("pull_request.opened")).code == 0

    assert _posted_fingerprints(fake) == (set() if hidden else {fp})


def test_a_version_one_summary_keeps_every_fingerprint_it_listed_after_the_upgrade(
        fake: FakeGitHub, tmp_path: Path, fp: str) -> None:
    gone = "abcdefabcdef0123"  # a finding of an earlier push whose code this one no longer has
    fake.open_pull(NUMBER, FILES)
    bot = fake.shapes.user(BOT["login"], "Bot", BOT["id"])
    fake.state.issue_comments.append(fake.shapes.issue_comment(
        NUMBER, f'Summary <!-- persona-review:summary {{"head": null, "fps": ["{fp}", "{gone}"]}} -->', bot, "NONE"))

    assert run(fake, tmp_path / "run", "pull_request", event("pull_request.opened")).code == 0

    (summary,) = fake.bot_issue_comments()
    assert {fp[:PREFIX_HEX], gone[:PREFIX_HEX]} <= _summary_prefixes(summary["body"])


def test_a_rerun_still_leaves_the_inline_findings_out_of_the_summary_list(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_pull(NUMBER, FILES)
    assert run(fake, tmp_path / "1", "pull_request", event("pull_request.opened")).code == 0
    first = fake.bot_issue_comments()[0]["body"]
    assert len(_posted_fingerprints(fake)) == 1 and "\n- **" not in first, "shown inline, so not listed"
    assert run(fake, tmp_path / "2", "pull_request", event("pull_request.synchronize")).code == 0
    (summary,) = fake.bot_issue_comments()
    assert "\n- **" not in summary["body"], "still inline: not listed again in the summary"


def test_of_two_state_parts_with_one_index_the_first_is_the_one_kept_up_to_date(fake: FakeGitHub,
                                                                                tmp_path: Path) -> None:
    from hashlib import sha256

    from persona_review.action.markers import state_part

    fake.open_pull(NUMBER, FILES)
    bot = fake.shapes.user(BOT["login"], "Bot", BOT["id"])
    many = [sha256(str(i).encode()).hexdigest()[:16] for i in range(14_000)]
    halves = [fps_blobs(many[:7_000], 60_000), fps_blobs(many[7_000:], 60_000)]
    assert [len(h) for h in halves] == [1, 1]
    summary = fake.shapes.issue_comment(NUMBER, "Summary " + SummaryState(head=None).marker(), bot, "NONE")
    first = fake.shapes.issue_comment(NUMBER, state_part(0, halves[0][0]), bot, "NONE")
    second = fake.shapes.issue_comment(NUMBER, state_part(0, halves[1][0]), bot, "NONE")
    fake.state.issue_comments.extend([summary, first, second])
    before = second["body"]

    assert run(fake, tmp_path / "run", "pull_request", event("pull_request.opened")).code == 0

    comments = {c["id"]: c["body"] for c in fake.bot_issue_comments()}
    assert comments[second["id"]] == before, "the later duplicate is left as it was"
    assert comments[first["id"]] != state_part(0, halves[0][0]), "the first holds the state's rest now"
    remembered = set().union(*(_summary_prefixes(b) if read_state(b) else prefixes_in(b) for b in comments.values()))
    assert {fp[:PREFIX_HEX] for fp in many} <= remembered
