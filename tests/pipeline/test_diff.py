from __future__ import annotations

import pytest

from persona_review.diff import FileStatus, parse_diff
from persona_review.errors import DiffError
from pipeline.conftest import SAMPLE_DIFF


def test_sample_diff_statuses_and_line_numbers() -> None:
    diff = parse_diff(SAMPLE_DIFF.read_bytes())
    files = diff.by_path()
    assert files["migrations/versions/20261123_add_order_region.py"].status is FileStatus.ADDED
    orders = files["app/api/orders.py"]
    assert orders.status is FileStatus.MODIFIED
    # The f-string query is line 19 of the new file and is an added line.
    assert 'f"SELECT id, total FROM orders' in orders.added[19]
    # Context lines are commentable too, deleted lines are not part of the new side.
    assert 12 in orders.commentable and 12 not in orders.added


def test_rename_delete_binary_and_no_newline_marker() -> None:
    text = (
        "diff --git a/old.py b/new.py\nsimilarity index 90%\nrename from old.py\nrename to new.py\n"
        "--- a/old.py\n+++ b/new.py\n@@ -1,2 +1,2 @@\n a = 1\n-b = 2\n+b = 3\n\\ No newline at end of file\n"
        "diff --git a/gone.py b/gone.py\ndeleted file mode 100644\n--- a/gone.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
        "diff --git a/logo.png b/logo.png\nnew file mode 100644\nindex 0000000..1111111\n"
        "Binary files /dev/null and b/logo.png differ\n"
    )
    files = parse_diff(text).by_path()
    renamed = files["new.py"]
    assert renamed.status is FileStatus.RENAMED and renamed.old_path == "old.py"
    assert renamed.added == {2: "b = 3"}
    assert files["gone.py"].status is FileStatus.DELETED and files["gone.py"].deleted_count == 1
    assert files["logo.png"].status is FileStatus.BINARY and files["logo.png"].is_binary


def test_crlf_and_non_utf8_bytes_are_decoded_not_fatal() -> None:
    raw = b"diff --git a/x.py b/x.py\r\n--- a/x.py\r\n+++ b/x.py\r\n@@ -1 +1,2 @@\r\n a\r\n+caf\xe9 = 1\r\n"
    f = parse_diff(raw).files[0]
    assert f.added[2] == "caf\ufffd = 1"


@pytest.mark.parametrize("text", ["", "   \n\n"])
def test_empty_input_is_an_empty_diff(text: str) -> None:
    assert len(parse_diff(text)) == 0


def test_garbage_is_a_clear_error() -> None:
    with pytest.raises(DiffError, match="not a unified diff"):
        parse_diff("hello, this is not a diff\n")


def test_truncated_hunk_is_a_clear_error() -> None:
    with pytest.raises(DiffError, match="malformed or cut short"):
        parse_diff("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,5 +1,6 @@\n a\n+b\n")


def test_many_files_parse_with_exact_numbers() -> None:
    chunks = []
    for i in range(300):
        chunks.append(
            f"diff --git a/svc/f{i}.py b/svc/f{i}.py\n--- a/svc/f{i}.py\n+++ b/svc/f{i}.py\n"
            f"@@ -10,2 +10,3 @@\n ctx\n+added_{i}\n ctx2\n"
        )
    diff = parse_diff("".join(chunks))
    assert len(diff) == 300
    assert all(f.added == {11: f"added_{i}"} for i, f in enumerate(diff))
    assert all(f.commentable == frozenset({10, 11, 12}) for f in diff)


def test_paths_git_quotes_are_read_back_as_their_names() -> None:
    """git quotes a path with a non-ASCII byte (by default), a control character, a quote or a backslash,
    writing its bytes as octal escapes; the review must see the real name, or the file's language and
    whole-file context are lost."""
    text = (
        'diff --git "a/app/caf\\303\\251.py" "b/app/caf\\303\\251.py"\n'
        "new file mode 100644\n--- /dev/null\n"
        '+++ "b/app/caf\\303\\251.py"\n@@ -0,0 +1 @@\n+x = 1\n'
        'diff --git "a/odd\\tname\\\\\\".py" "b/renamed\\nname.py"\n'
        'rename from "odd\\tname\\\\\\".py"\nrename to "renamed\\nname.py"\n'
        '--- "a/odd\\tname\\\\\\".py"\n+++ "b/renamed\\nname.py"\n@@ -1 +1 @@\n-x = 1\n+x = 2\n'
    )
    files = list(parse_diff(text))
    assert [(f.path, f.old_path) for f in files] == [
        ("app/café.py", None),
        ("renamed\nname.py", 'odd\tname\\".py'),
    ]


def test_every_c_escape_git_writes_in_a_quoted_path_is_read_back() -> None:
    names = {"\\a": "\a", "\\b": "\b", "\\t": "\t", "\\n": "\n", "\\v": "\v", "\\f": "\f", "\\r": "\r"}
    for written, char in names.items():
        text = (f'diff --git "a/x{written}y.py" "b/x{written}y.py"\nnew file mode 100644\n--- /dev/null\n'
                f'+++ "b/x{written}y.py"\n@@ -0,0 +1 @@\n+x = 1\n')
        assert [f.path for f in parse_diff(text)] == [f"x{char}y.py"], written


def test_a_name_that_only_ends_with_a_quote_is_not_unquoted() -> None:
    """Headers built from the files API are not quoted: a name may end with `"` and must stay whole."""
    text = 'diff --git a/x" b/x"\nnew file mode 100644\n--- /dev/null\n+++ b/x"\n@@ -0,0 +1 @@\n+x = 1\n'
    assert [f.path for f in parse_diff(text)] == ['x"']


def test_a_quoted_byte_that_is_not_utf8_becomes_a_replacement_character() -> None:
    text = ('diff --git "a/x\\377y.py" "b/x\\377y.py"\nnew file mode 100644\n--- /dev/null\n'
            '+++ "b/x\\377y.py"\n@@ -0,0 +1 @@\n+x = 1\n')
    assert [f.path for f in parse_diff(text)] == ["x\ufffdy.py"]
