"""A hunk that starts inside a docstring, multi-line string or block comment is lexed from that state.

Each case is a whole file and a hunk of it that starts inside such a construct. The hunk alone must give
the findings the whole file gives on the hunk's added lines, and must keep giving them. A hunk that starts
in code right before a docstring must not be read as starting inside one.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from persona_review.checks._lexing import lex
from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.languages import detect_language

from .helpers import CATEGORIES


@dataclass(frozen=True)
class Case:
    path: str
    text: str
    first: int
    """First line of the hunk (1-based); the hunk runs to the end of the file."""
    added: tuple[int, ...]
    expect: str


PY = '''import logging


def cancel(conn, order_id):
    """Cancel an order.

    The row is deleted; the caller learns whether it worked.
    Returns True when the row is gone.
    """
    try:
        conn.execute("DELETE FROM orders WHERE id = %s", (order_id,))
    except Exception:
        pass
    return True
'''

PY_SINGLE = """def render(rows):
    '''Render rows as text.

    Empty input gives an empty string, the caller's choice.'''
    try:
        return "\\n".join(rows)
    except Exception:
        pass
    return ""
"""

JS = """const db = require("./db");

/**
 * Publishes an event to the queue. Errors are
 * reported by the queue's own retry logic.
 */
async function publish(evt) {
  try {
    await queue.publish(evt);
  } catch (err) {}
}
"""

GO = """package store

import "database/sql"

const purge = `
DELETE FROM sessions
WHERE expires_at < now()
`

func Purge(db *sql.DB) {
	_, _ = db.Exec(purge)
	tx, _ := db.Begin()
	tx.Commit()
}
"""

JAVA = """package com.acme;

class Report {
    static final String QUERY = \"\"\"
        SELECT id, total
        FROM orders
        WHERE status = 'open'
        \"\"\";

    void run() {
        try {
            repo.refresh();
        } catch (IOException e) {
        }
    }
}
"""

CASES = [
    Case("app/orders.py", PY, 7, (10, 11, 12, 13), "PY-EXCEPT-PASS"),
    Case("app/orders.py", PY, 9, (10, 11, 12, 13), "PY-EXCEPT-PASS"),
    Case("app/render.py", PY_SINGLE, 3, (5, 6, 7, 8), "PY-EXCEPT-PASS"),
    Case("src/queue.js", JS, 4, (8, 9, 10, 11), "JS-EMPTY-CATCH"),
    Case("internal/store/purge.go", GO, 6, (11, 12, 13), "GO-ERR-UNCHECKED"),
    Case("src/main/java/com/acme/Report.java", JAVA, 5, (11, 12, 13, 14), "JAVA-EMPTY-CATCH"),
]


def _hunk(case: Case) -> FileContext:
    lines = case.text.splitlines()
    known = {no: lines[no - 1] for no in range(case.first, len(lines) + 1)}
    return FileContext(case.path, detect_language(case.path), known, frozenset(case.added), whole_file=False)


def _found(ctx: FileContext) -> set[tuple[int, str]]:
    return {(f.line, f.rule_id or "") for f in run_checks([ctx], categories=CATEGORIES).findings}


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.path}:{c.first}")
def test_hunk_inside_a_string_or_comment_keeps_its_findings(case: Case) -> None:
    whole = context_for_text(case.path, case.text)
    whole.added = frozenset(case.added)
    expected = _found(whole)
    assert case.expect in {rule for _, rule in expected}
    assert _found(_hunk(case)) == expected


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.path}:{c.first}")
def test_hunk_views_match_the_whole_file(case: Case) -> None:
    whole = lex(context_for_text(case.path, case.text))
    hunk = lex(_hunk(case))
    for no in hunk.bare:
        assert hunk.bare[no] == whole.bare[no], f"line {no}"


def test_hunk_starting_on_a_docstring_opener_stays_in_code() -> None:
    """The docstring quotes an example handler; read from a wrong start state it would be code."""
    text = '''def cancel(conn, order_id):
    """Cancel an order. Never write handlers like:

        try:
            conn.execute(query)
        except Exception:
            pass
    """
    return conn.execute("DELETE FROM orders WHERE id = %s", (order_id,))
'''
    lines = text.splitlines()
    known = {no: lines[no - 1] for no in range(2, len(lines) + 1)}
    ctx = FileContext("app/orders.py", "python", known, frozenset(range(2, 10)), whole_file=False)
    assert _found(ctx) == set()
    whole = lex(context_for_text("app/orders.py", text))
    assert lex(ctx).bare == {no: whole.bare[no] for no in known}


def test_hunk_with_a_regex_ending_in_star_slash_stays_in_code() -> None:
    text = """function split(list) {
  const parts = list.split(/,\\s*/)
  try {
    return parts.map(decode)
  } catch (err) {}
}
"""
    lines = text.splitlines()
    known = {no: lines[no - 1] for no in range(2, len(lines) + 1)}
    ctx = FileContext("src/split.js", "javascript", known, frozenset({5}), whole_file=False)
    assert "JS-EMPTY-CATCH" in {rule for _, rule in _found(ctx)}
