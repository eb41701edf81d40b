# want: PY-SQL-INPUT
from masonite.controllers import Controller
from masonite.request import Request
from masoniteorm.query import QueryBuilder


class ReportController(Controller):
    def index(self, request: Request):
        column = request.input("sort", "created_at")
        rows = QueryBuilder().table("orders").statement(f"SELECT * FROM orders ORDER BY {column}")
        return rows
