"""Following SQL text into variables and the query calls that run them (`checks/_taint.py`), as the Go,
JavaScript and Java SQL checks report it: a variable given a new value no longer holds the SQL built into
it, every query call on a line is judged (not only the first), and an append to a builder of SQL is
reported. A line marked `// <-` is reported, every other line is not."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator

import pytest

from persona_review.checks import go_security, java_security, js_security
from persona_review.checks.base import FileContext, Hit
from persona_review.contexts import context_for_text

Check = Callable[[FileContext], Iterator[Hit]]
MARK = "// <-"


RUN = "// ^"
"""A query call running text reported where it was built: the finding above stretches down to it."""


def assert_marked(check: Check, path: str, source: str) -> None:
    text = textwrap.dedent(source).lstrip("\n")
    lines = text.splitlines()
    marked = [n for n, line in enumerate(lines, start=1) if line.rstrip().endswith(MARK)]
    runs = [n for n, line in enumerate(lines, start=1) if line.rstrip().endswith(RUN)]
    hits = list(check(context_for_text(path, text)))
    assert [hit.line for hit in hits] == marked
    covered = {n for hit in hits for n in range(hit.line + 1, (hit.end_line or hit.line) + 1)}
    assert all(n in covered for n in runs)
    # only runs: a call after the variable was given a new value is not covered either
    assert not (covered - set(runs)) & {n for n, line in enumerate(lines, start=1) if "uery(q)" in line}


_GO = """
    package store

    func List(db *sql.DB, name string) {
        q := "SELECT * FROM users WHERE name = '" + name + "'"  // <-
        q = queries.Safe()
        db.Query(q)
    }

    func Count(db *sql.DB, name string) {
        q := "SELECT count(*) FROM users WHERE name = '" + name + "'"  // <-
        db.Query(q)  // ^
    }
    """

_JS = """
    async function list(db, name) {
      let q = "SELECT * FROM users WHERE name = '" + name + "'";  // <-
      q = queries.safe();
      await db.query(q);
    }

    async function count(db, name) {
      let q = "SELECT count(*) FROM users WHERE name = '" + name + "'";  // <-
      await db.query(q);  // ^
    }
    """


@pytest.mark.parametrize(("check", "path", "source"), [
    (go_security.sql_string, "store.go", _GO),
    (js_security.sql_string, "store.js", _JS),
], ids=["go", "javascript"])
def test_a_variable_given_a_new_value_no_longer_holds_the_sql_built_into_it(
    check: Check, path: str, source: str
) -> None:
    assert_marked(check, path, source)


def test_an_append_to_a_builder_of_sql_and_a_second_query_call_on_a_line_are_reported() -> None:
    assert_marked(java_security.sql_string, "Store.java", """
        class Store {
          void list(Connection conn, String name) throws Exception {
            StringBuilder sb = new StringBuilder("SELECT * FROM users WHERE name = '");
            sb.append(name);  // <-
            Statement st = conn.createStatement();
            st.execute("SELECT 1"); st.executeQuery(sb.toString());  // <-
            st.execute("SELECT 2");
          }
        }
        """)
