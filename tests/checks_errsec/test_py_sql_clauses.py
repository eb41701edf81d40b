"""SQLAlchemy text clauses made from request data: every spelling of `text`/`TextClause`, by position or
keyword, and a clause that only quotes the input (`text("'{}'".format(name))`). A line marked `# <-` is
reported, every other line is not."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks.py_flow_security import sql_input
from persona_review.contexts import context_for_text


def _check(source: str) -> None:
    text = textwrap.dedent(source).lstrip("\n")
    got = sorted({hit.line for hit in sql_input(context_for_text("app/views.py", text)) if hit.line})
    want = [n for n, line in enumerate(text.splitlines(), start=1) if line.rstrip().endswith("# <-")]
    assert got == want


@pytest.mark.parametrize("clause", ["sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text",
                                    "sqlalchemy.sql.expression.TextClause", "sqlalchemy.sql.elements.TextClause"])
def test_every_spelling_of_a_text_clause_is_a_sql_sink(clause: str) -> None:
    _check(f"""
        import sqlalchemy
        from flask import request

        def view():
            name = request.args["name"]
            a = {clause}(name)  # <-
            b = {clause}(text=name)  # <-
            c = {clause}("SELECT 1")
            d = {clause}("SELECT * FROM users WHERE name = :name")
        """)


def test_a_clause_that_only_quotes_the_input_is_reported() -> None:
    _check("""
        import sqlalchemy
        from flask import request

        def view():
            name = request.args["name"]
            quoted = sqlalchemy.text("'{}'".format(name))  # <-
            wrapped = sqlalchemy.text("(" + name + ")")  # <-
            bound = sqlalchemy.text("name = :n").bindparams(n=name)
        """)


def test_a_quoted_value_given_to_execute_is_left_to_the_sql_string_check() -> None:
    _check("""
        from flask import request

        def view(cursor):
            name = request.args["name"]
            cursor.execute("'{}'".format(name))
            cursor.execute(name)  # <-
        """)
