"""The hidden markers: what counts as a fingerprint or a summary state, and whose comments are believed."""

from __future__ import annotations

from persona_review.action.markers import (
    PREFIX_HEX,
    SummaryState,
    fingerprint_marker,
    fingerprints_in,
    fps_blobs,
    prefixes_in,
    read_state,
    trusted_author,
)


def test_a_bot_or_a_writer_is_trusted_and_nobody_else() -> None:
    assert trusted_author("Bot", "NONE") and trusted_author("Bot", None)
    for association in ("OWNER", "MEMBER", "COLLABORATOR"):
        assert trusted_author("User", association), association
    for association in ("CONTRIBUTOR", "FIRST_TIME_CONTRIBUTOR", "FIRST_TIMER", "NONE", "MANNEQUIN", None, ""):
        assert not trusted_author("User", association), association
    assert not trusted_author(None, None)


def test_fingerprints_are_read_from_markers_only() -> None:
    fp = "0123456789abcdef"
    text = f"body {fingerprint_marker(fp)}\n{fingerprint_marker('a' * 8)} persona-review:fp={'b' * 16}"
    assert fingerprints_in(text) == {fp, "a" * 8}
    assert fingerprints_in(fingerprint_marker("a" * 7)) == set()
    assert fingerprints_in(fingerprint_marker("A" * 16)) == set()
    assert fingerprints_in(None) == set() and fingerprints_in("") == set()


def test_the_summary_state_round_trips_its_head_and_keeps_fingerprints_in_separate_markers() -> None:
    marker = SummaryState(head="abcdef1", reported={"1" * 16}).marker()
    assert marker.startswith("<!-- persona-review:summary {") and marker.endswith("} -->")
    assert read_state(f"# Summary\n\ntext\n{marker}\n") == SummaryState(head="abcdef1")
    fps = {"1" * 16, "2" * 16, "0123456789abcdef"}
    blobs = fps_blobs([*fps, "abc"], 200)
    assert len(blobs) == 1 and len(blobs[0]) <= 200
    assert prefixes_in(f"{marker}\n{blobs[0]}") == {f[:PREFIX_HEX] for f in fps}


def test_a_version_one_state_still_lists_its_fingerprints() -> None:
    text = '<!-- persona-review:summary {"head": "abcdef1", "fps": ["1111111111111111"]} -->'
    assert read_state(text) == SummaryState(head="abcdef1", reported={"1" * 16})


def test_a_state_with_wrong_types_keeps_what_is_valid() -> None:
    text = '<!-- persona-review:summary {"head": "not-a-sha", "fps": ["a", 3, null]} -->'
    assert read_state(text) == SummaryState(head=None, reported={"a"})
    short = '<!-- persona-review:summary {"head": "abcdef", "fps": "a"} -->'
    assert read_state(short) == SummaryState(head=None, reported=set())


def test_text_without_a_state_is_not_a_summary() -> None:
    assert read_state("just a comment") is None
    assert read_state(None) is None
    assert read_state("<!-- persona-review:summary -->") is None
