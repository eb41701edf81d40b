"""GO-ROWS-ERR-UNCHECKED follows rows into helpers of the same file, and stays quiet when it cannot see them."""

from __future__ import annotations

from .helpers import findings_of

_STORE = """package catalog

import (
	"context"
	"database/sql"
)

func count(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM books")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	for rows.Next() {
		skip(rows)
	}
	return tally(rows), nil
}
"""

_SKIP = """
func skip(rows *sql.Rows) {
	rows.Close()
}
"""

_TALLY = """
func tally(rows *sql.Rows) int {
	n := 0
	for rows.Next() {
		n++
	}
	return n
}
"""

_TALLY_CHECKED = """
func tally(rows *sql.Rows) int {
	n := 0
	for rows.Next() {
		n++
	}
	if rows.Err() != nil {
		return -1
	}
	return n
}
"""


def _rules(text: str) -> set[tuple[int, str]]:
    return {hit for hit in findings_of("store.go", text) if hit[1] == "GO-ROWS-ERR-UNCHECKED"}


def test_helpers_that_only_iterate_or_close_do_not_excuse_the_caller() -> None:
    assert _rules(_STORE + _SKIP + _TALLY) == {(9, "GO-ROWS-ERR-UNCHECKED")}


def test_a_helper_that_checks_the_error_does() -> None:
    assert _rules(_STORE + _SKIP + _TALLY_CHECKED) == set()


def test_a_helper_it_cannot_read_may_check_the_error() -> None:
    assert _rules(_STORE + _SKIP) == set()


def test_rows_never_iterated_are_left_to_the_close_check() -> None:
    """Rows fetched and closed but never iterated hold no half-read result (GO-ROWS-UNCLOSED and the
    query's own error cover them); another function's loop is not theirs."""
    text = _STORE.replace("\tfor rows.Next() {\n\t\tskip(rows)\n\t}\n", "").replace("tally(rows)", "0")
    other = _TALLY.replace("func tally(rows *sql.Rows)", "func tally(rows *sql.Rows, db *sql.DB)")
    assert "rows.Next" not in text and _rules(text + other) == set()
    assert _rules(text.replace("\treturn 0, nil", "\tfor rows.Next() {\n\t}\n\treturn 0, nil") + other) == {
        (9, "GO-ROWS-ERR-UNCHECKED")
    }


_FETCH = """package catalog

import (
	"context"
	"database/sql"
)

func titles(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT title FROM books")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanTitles(rows)
}
"""

_SCAN = """
func scanTitles(rows *sql.Rows) ([]string, error) {
	var out []string
	for rows.Next() {
		var title string
		if err := rows.Scan(&title); err != nil {
			return nil, err
		}
		out = append(out, title)
	}
	return out, nil
}
"""


def test_rows_iterated_by_a_helper_of_the_same_file_count_as_iterated() -> None:
    """The loop may sit in a scanning helper: if no one on the way checks `Err`, the query is reported."""
    assert _rules(_FETCH + _SCAN) == {(9, "GO-ROWS-ERR-UNCHECKED")}
    checked = _SCAN.replace("\treturn out, nil\n", "\treturn out, rows.Err()\n")
    assert _rules(_FETCH + checked) == set()
    assert _rules(_FETCH) == set()  # the helper is not in view: it may check
