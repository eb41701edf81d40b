"""Python SQL text that splices only what the code fixes is not reported (issue 9: real-PR false alarms on
class-generated table names and identifiers checked just above); anything a caller can choose still is."""

from __future__ import annotations

from .helpers import findings_of

_FIXED = '''\
ALLOWED_SORTS = {"name", "created_at"}


class OrderRepo:
    table = "orders"

    def count(self, cursor):
        cursor.execute(f"SELECT COUNT(*) FROM {self.model._meta.db_table}")
        cursor.execute(f"SELECT COUNT(*) FROM {self.table}")

    def sorted_rows(self, cursor, column):
        if column not in ALLOWED_SORTS:
            raise ValueError(column)
        cursor.execute(f"SELECT * FROM orders ORDER BY {column}")

    def by_ids(self, cursor, ids, name):
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(f"SELECT * FROM orders WHERE id IN ({marks})", ids)
        ident = connection.ops.quote_name(name)
        cursor.execute(f"SELECT * FROM {ident}")
        cursor.execute("SELECT * FROM orders LIMIT %d" % int(name))
'''


def test_values_the_code_fixes_are_not_reported() -> None:
    assert {rule for _line, rule in findings_of("app/repo.py", _FIXED)} & {"PY-SQL-STRING"} == set()


_CHOSEN = '''\
def search(cursor, request, name, column):
    cursor.execute(f"SELECT * FROM users WHERE name = '{name}'")
    params = request.args
    cursor.execute(f"SELECT * FROM {params.table}")
    if column in ("name", "email"):
        cursor.execute(f"SELECT {column} FROM users")
    cursor.execute(f"SELECT {column} FROM users")
    sql = "SELECT * FROM users WHERE id = " + request.args["id"]
    cursor.execute(sql)
'''


def test_values_a_caller_chooses_are_still_reported() -> None:
    lines = {line for line, rule in findings_of("app/search.py", _CHOSEN) if rule == "PY-SQL-STRING"}
    assert lines == {2, 4, 7, 8, 9}


_LOOKED_UP = '''\
from psycopg import sql

ORDERINGS = {"new": "created_at DESC", "old": "created_at ASC"}


def newest(conn, request):
    order = ORDERINGS.get(request.args.get("sort"), "created_at DESC")
    conn.execute("SELECT id FROM items ORDER BY " + order)


def pick(conn, request):
    columns = {"a": "alpha", "b": "beta"}
    column = columns[request.args.get("c", "a")]
    conn.execute(f"SELECT {column} FROM t")


def count(conn, table):
    stmt = sql.SQL("SELECT count(*) FROM {} WHERE id = {}").format(sql.Identifier(table), sql.Placeholder())
    conn.execute(stmt)
'''


def test_lookups_in_constant_tables_and_psycopg_composition_are_not_reported() -> None:
    assert [f for f in findings_of("app/listing.py", _LOOKED_UP) if f[1] == "PY-SQL-STRING"] == []


_LOOKED_UP_BADLY = '''\
ORDERINGS = {"new": "created_at DESC"}


def newest(conn, request):
    order = ORDERINGS.get(request.GET.get("sort"), request.GET.get("fallback"))
    conn.execute("SELECT id FROM items ORDER BY " + order)
    conn.execute("SELECT id FROM items ORDER BY " + request.GET["sort"])
    choices = {"a": request.GET.get("raw")}
    conn.execute(f"SELECT {choices['a']} FROM t")
'''


def test_a_default_or_a_table_value_the_caller_chooses_is_still_reported() -> None:
    lines = {line for line, rule in findings_of("app/listing.py", _LOOKED_UP_BADLY) if rule == "PY-SQL-STRING"}
    assert lines == {6, 7, 9}


_RUN_THROUGH_TEXT = '''\
def search(session, name):
    sql = f"SELECT id FROM users WHERE name = '{name}'"
    log.debug("searching users")
    return session.execute(text(sql)).all()
'''


def test_a_built_name_run_through_sqlalchemy_text_is_reported_where_it_runs_too() -> None:
    lines = {line for line, rule in findings_of("app/search.py", _RUN_THROUGH_TEXT) if rule == "PY-SQL-STRING"}
    assert lines == {2, 4}


_FRAGMENTS = '''\
from django.db.models.expressions import RawSQL


def with_attribute(qs, request):
    attr = request.GET.get("attr", "")
    qs = qs.annotate(picked=RawSQL(f"payload ->> '{attr}'", []))
    qs = qs.annotate(scaled=RawSQL("weight * %s", [request.GET["factor"]]))
    qs = qs.annotate(ranked=RawSQL(f"weight * {WEIGHT}", []))
    return qs.annotate(label=text(f"label {attr}"))
'''


def test_a_dynamic_fragment_passed_to_rawsql_is_sql_even_without_a_keyword() -> None:
    found = {(line, rule) for line, rule in findings_of("app/views.py", _FRAGMENTS) if rule == "PY-SQL-STRING"}
    assert found == {(6, "PY-SQL-STRING")}
