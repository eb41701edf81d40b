"""The hidden markers: what counts as a fingerprint or a summary state, and whose comments are believed."""

from __future__ import annotations

from persona_review.action.markers import (
    SummaryState,
    fingerprint_marker,
    fingerprints_in,
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


def test_the_summary_state_round_trips() -> None:
    state = SummaryState(head="abcdef1", reported={"1" * 16, "2" * 16})
    marker = state.marker()
    assert marker.startswith("<!-- persona-review:summary {") and marker.endswith("} -->")
    assert read_state(f"# Summary\n\ntext\n{marker}\n") == state


def test_a_state_with_wrong_types_keeps_what_is_valid() -> None:
    text = '<!-- persona-review:summary {"head": "not-a-sha", "fps": ["a", 3, null]} -->'
    assert read_state(text) == SummaryState(head=None, reported={"a"})
    short = '<!-- persona-review:summary {"head": "abcdef", "fps": "a"} -->'
    assert read_state(short) == SummaryState(head=None, reported=set())


def test_text_without_a_state_is_not_a_summary() -> None:
    assert read_state("just a comment") is None
    assert read_state(None) is None
    assert read_state("<!-- persona-review:summary -->") is None
