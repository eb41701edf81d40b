"""The summary's compressed state: fingerprints as 48-bit prefixes in markers of bounded size, state parts
and rank markers, read back exactly."""

from __future__ import annotations

import base64
import hashlib
import zlib

from persona_review.action.markers import (
    PREFIX_HEX,
    Known,
    SummaryState,
    fingerprint_marker,
    fps_blobs,
    part_index,
    prefixes_in,
    rank_marker,
    split_blobs,
    state_part,
)

FPS = [hashlib.sha256(str(i).encode()).hexdigest()[:16] for i in range(300)]


def test_the_state_marker_names_its_version() -> None:
    assert SummaryState(head="abcdef1").marker() == '<!-- persona-review:summary {"head":"abcdef1","v":2} -->'


def test_many_fingerprints_split_into_markers_each_within_the_limit_and_read_back_whole() -> None:
    blobs = fps_blobs(FPS, 300)
    assert len(blobs) > 1 and all(len(b) <= 300 for b in blobs)
    assert prefixes_in("\n".join(blobs)) == {f[:PREFIX_HEX] for f in FPS}
    first, rest = split_blobs(FPS, 200, 300)
    assert len(first) <= 200 and all(len(b) <= 300 for b in rest)
    assert prefixes_in(first) and prefixes_in(first).isdisjoint(prefixes_in("".join(rest)))
    assert prefixes_in(first + "".join(rest)) == {f[:PREFIX_HEX] for f in FPS}


def test_no_room_means_no_marker_rather_than_one_too_long() -> None:
    assert fps_blobs(FPS, 30) == []
    first, rest = split_blobs(FPS[:3], 10, 300)
    assert first == "" and prefixes_in("".join(rest)) == {f[:PREFIX_HEX] for f in FPS[:3]}


def test_a_fingerprint_of_exactly_the_prefix_length_is_kept_and_a_shorter_one_is_not() -> None:
    exact, short = "a" * PREFIX_HEX, "b" * (PREFIX_HEX - 1)
    assert prefixes_in("".join(fps_blobs([exact, short], 500))) == {exact}
    first, _ = split_blobs([exact, short], 500, 500)
    assert prefixes_in(first) == {exact}


def test_a_truncated_prefix_at_the_end_of_a_marker_is_not_read() -> None:
    raw = bytes.fromhex("a" * PREFIX_HEX) + bytes(5)  # one whole prefix and five stray bytes
    marker = f"<!-- persona-review:fps {base64.b64encode(zlib.compress(raw)).decode()} -->"
    assert prefixes_in(marker) == {"a" * PREFIX_HEX}


def test_rank_markers_count_as_known_but_not_as_identities() -> None:
    fp, old = "0123456789abcdef", "fedcba9876543210"
    assert rank_marker(old) == f"<!-- persona-review:rank={old} -->"
    known = Known()
    known.add_text(f"{fingerprint_marker(fp)} {rank_marker(old)}")
    known.add_text(None)
    assert known.identities == {fp}
    assert known.full == {fp, old}
    assert old in known and fp in known and "1111111111111111" not in known


def test_a_state_part_is_found_by_its_index() -> None:
    part = state_part(3, "blob")
    assert part_index(part) == 3 and part_index(state_part(12, "")) == 12
    assert part.startswith("<!-- persona-review:state-part 3 -->")
    assert part == ("<!-- persona-review:state-part 3 -->\n_persona-review bookkeeping (4): the fingerprints of "
                    "the findings already reported on this pull request, kept so reruns repeat none._\nblob")
    assert part_index("<!-- persona-review:summary {} -->") is None and part_index(None) is None


def test_a_marker_holds_as_many_fingerprints_as_fit_so_the_state_takes_the_fewest_comments() -> None:
    many = [hashlib.sha256(f"n{i}".encode()).hexdigest() for i in range(2_000)]
    prefixes = sorted({f[:PREFIX_HEX] for f in many})
    for room in (60, 101, 300, 1_000, 4_000):
        first, rest = split_blobs(many, room, room)
        markers = [first, *rest]
        assert all(len(m) <= room for m in markers)
        assert set().union(*(prefixes_in(m) for m in markers)) == set(prefixes)
        start = 0
        for marker in markers[:-1]:  # every marker but the last is full: the next prefix would not fit
            held = len(prefixes_in(marker))
            (one_more,) = fps_blobs(prefixes[start:start + held + 1], 10**6)
            assert len(one_more) > room, (room, held)
            start += held


def test_a_marker_with_anything_after_its_padding_is_not_read_at_all() -> None:
    prefix = next(p for p in (f"{i:012x}" for i in range(1, 500))
                  if base64.b64encode(zlib.compress(bytes.fromhex(p), 9)).endswith(b"="))
    packed = base64.b64encode(zlib.compress(bytes.fromhex(prefix), 9)).decode()
    assert prefixes_in(f"<!-- persona-review:fps {packed} -->") == {prefix}
    assert prefixes_in(f"<!-- persona-review:fps {packed}AAAA -->") == set()
