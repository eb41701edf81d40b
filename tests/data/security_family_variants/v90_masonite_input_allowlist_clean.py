# clean: PY-SQL-INPUT
from masonite.controllers import Controller
from masonite.request import Request
from masoniteorm.query import QueryBuilder

SORTABLE = {"created_at", "total", "status"}


class ReportController(Controller):
    def index(self, request: Request):
        column = request.input("sort", "created_at")
        if column not in SORTABLE:
            column = "created_at"
        rows = QueryBuilder().table("orders").statement(f"SELECT * FROM orders ORDER BY {column}")
        return rows
