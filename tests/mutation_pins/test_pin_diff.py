"""The diff model: hunk boundaries, what each line is, and what is commentable."""

from __future__ import annotations

import pytest

from persona_review.diff import DiffLine, FileStatus, decode, parse_diff
from persona_review.errors import DiffError
from persona_review.model.chunking import pieces_of
from persona_review.model.prompt import render_piece

TWO_HUNKS = (
    "diff --git a/svc/a.py b/svc/a.py\nindex 1111111..2222222 100644\n--- a/svc/a.py\n+++ b/svc/a.py\n"
    "@@ -10,4 +10,5 @@ def first():\n a = 1\n-b = 2\n+b = 3\n+c = 4\n d = 5\n e = 6\n"
    "@@ -29,3 +30,3 @@ def second():\n x = 1\n-y = 2\n+y = 3\n z = 4\n"
)


def test_a_line_belongs_to_a_hunk_from_its_first_to_its_last_new_line() -> None:
    (f,) = parse_diff(TWO_HUNKS)
    first, second = f.hunks
    assert [f.hunk_for(n) for n in (9, 10, 14, 15)] == [None, first, first, None]
    assert [f.hunk_for(n) for n in (29, 30, 32, 33)] == [None, second, second, None]


def test_a_deletion_only_hunk_holds_exactly_the_line_it_starts_at() -> None:
    text = "diff --git a/svc/a.py b/svc/a.py\n--- a/svc/a.py\n+++ b/svc/a.py\n@@ -5,2 +4,0 @@\n-x = 1\n-y = 2\n"
    (f,) = parse_diff(text)
    (hunk,) = f.hunks
    assert (hunk.new_start, hunk.new_length, hunk.old_start, hunk.old_length) == (4, 0, 5, 2)
    assert [f.hunk_for(n) for n in (3, 4, 5)] == [None, hunk, None]
    assert f.commentable == frozenset() and f.deleted_count == 2 and f.added_count == 0


def test_every_line_of_a_hunk_has_its_kind_and_numbers() -> None:
    (f,) = parse_diff(TWO_HUNKS)
    first = f.hunks[0]
    assert first.section == "def first():"
    assert first.lines == (
        DiffLine(" ", 10, 10, "a = 1"),
        DiffLine("-", 11, None, "b = 2"),
        DiffLine("+", None, 11, "b = 3"),
        DiffLine("+", None, 12, "c = 4"),
        DiffLine(" ", 12, 13, "d = 5"),
        DiffLine(" ", 13, 14, "e = 6"),
    )
    assert list(first.new_side()) == [(10, "a = 1"), (11, "b = 3"), (12, "c = 4"), (13, "d = 5"), (14, "e = 6")]


def test_added_commentable_and_counts() -> None:
    (f,) = parse_diff(TWO_HUNKS)
    assert f.added == {11: "b = 3", 12: "c = 4", 31: "y = 3"}
    assert f.added_count == 3 and f.deleted_count == 2
    assert f.commentable == frozenset({10, 11, 12, 13, 14, 30, 31, 32})
    assert f.new_side_lines() == {10: "a = 1", 11: "b = 3", 12: "c = 4", 13: "d = 5", 14: "e = 6",
                                  30: "x = 1", 31: "y = 3", 32: "z = 4"}
    assert (f.status, f.old_path, f.is_binary) == (FileStatus.MODIFIED, None, False)


def test_carriage_returns_are_not_part_of_a_lines_text() -> None:
    text = "diff --git a/x.py b/x.py\r\n--- a/x.py\r\n+++ b/x.py\r\n@@ -1,2 +1,2 @@\r\n a = 1\r\n-b = 2\r\n+b = 3\r\n"
    (f,) = parse_diff(text)
    assert [(ln.kind, ln.text) for ln in f.hunks[0].lines] == [(" ", "a = 1"), ("-", "b = 2"), ("+", "b = 3")]


def test_paths_lose_their_a_b_prefixes_and_dev_null() -> None:
    added = "diff --git a/n.py b/n.py\nnew file mode 100644\n--- /dev/null\n+++ b/n.py\n@@ -0,0 +1 @@\n+x\n"
    deleted = "diff --git a/d.py b/d.py\ndeleted file mode 100644\n--- a/d.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
    bare = "--- src/p.py\n+++ src/p.py\n@@ -1 +1 @@\n-x\n+y\n"
    files = parse_diff(added + deleted + bare).by_path()
    assert (files["n.py"].status, files["n.py"].old_path) == (FileStatus.ADDED, None)
    assert (files["d.py"].status, files["d.py"].old_path) == (FileStatus.DELETED, None)
    assert (files["src/p.py"].status, files["src/p.py"].old_path) == (FileStatus.MODIFIED, None)


def test_a_diff_iterates_and_counts_its_files_in_order() -> None:
    text = TWO_HUNKS + TWO_HUNKS.replace("svc/a.py", "svc/b.py")
    diff = parse_diff(text)
    assert len(diff) == 2 and [f.path for f in diff] == ["svc/a.py", "svc/b.py"]


def test_decode_keeps_text_and_replaces_bad_bytes() -> None:
    assert decode("é") == "é"
    assert decode(b"caf\xc3\xa9 \xff") == "café \ufffd"


def test_a_diff_without_file_headers_says_how_to_make_one() -> None:
    with pytest.raises(DiffError, match=r"git diff BASE\.\.\.HEAD"):
        parse_diff("just some text\n")


def test_the_model_is_told_each_files_status_in_words() -> None:
    text = (
        "diff --git a/n.py b/n.py\nnew file mode 100644\n--- /dev/null\n+++ b/n.py\n@@ -0,0 +1 @@\n+x\n"
        "diff --git a/m.py b/m.py\n--- a/m.py\n+++ b/m.py\n@@ -1 +1 @@\n-x\n+y\n"
        "diff --git a/old.py b/new.py\nsimilarity index 90%\nrename from old.py\nrename to new.py\n"
        "--- a/old.py\n+++ b/new.py\n@@ -1 +1 @@\n-x\n+y\n"
        "diff --git a/d.py b/d.py\ndeleted file mode 100644\n--- a/d.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
    )
    headers = [render_piece(pieces_of(f)[0], None, ()).splitlines()[0] for f in parse_diff(text)]
    assert headers == ["### n.py (added)", "### m.py (modified)", "### new.py (renamed)", "### d.py (deleted)"]


def test_a_rename_without_path_prefixes_keeps_its_old_path() -> None:
    text = (
        "diff --git old.py new.py\nsimilarity index 90%\nrename from old.py\nrename to new.py\n"
        "--- old.py\n+++ new.py\n@@ -1 +1 @@\n-x\n+y\n"
    )
    (f,) = parse_diff(text)
    assert (f.path, f.old_path, f.status) == ("new.py", "old.py", FileStatus.RENAMED)


def test_a_no_newline_marker_is_neither_a_line_nor_a_deletion() -> None:
    text = (
        "diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1,2 +1,2 @@\n a = 1\n-b = 2\n"
        "\\ No newline at end of file\n+b = 3\n\\ No newline at end of file\n"
    )
    (f,) = parse_diff(text)
    assert [(ln.kind, ln.text) for ln in f.hunks[0].lines] == [(" ", "a = 1"), ("-", "b = 2"), ("+", "b = 3")]
    assert (f.deleted_count, f.added) == (1, {2: "b = 3"})
