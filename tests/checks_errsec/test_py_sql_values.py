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
