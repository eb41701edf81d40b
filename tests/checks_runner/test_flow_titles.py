"""A finding's title names the call its message is about (the sink a data-flow check describes), not the
call wrapped around it, and shows a spliced value as written, string keys included."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

_VIEWS = """\
import requests
from django.http import HttpResponse

from .models import Order


def fetch(request):
    return HttpResponse(requests.get(request.GET["url"], timeout=5).text)


def orders(request):
    return Order.objects.extra(where=["state = '%s'" % request.GET["state"]])
"""


def test_titles_name_the_sink_and_show_the_value_as_written() -> None:
    found = run_checks([context_for_text("shop/views.py", _VIEWS)]).findings
    titles = {f.rule_id: f.title for f in found}
    assert titles["PY-SSRF"].startswith("`requests.get`: ")
    assert titles["PY-SQL-STRING"] == '`request.GET["state"]` reaches `Order.objects.extra`'


_GO_STORE = """\
package store

import "context"

func (h *Handler) list(ctx context.Context, order string) error {
\tquery := "SELECT id FROM items ORDER BY " + order
\trows, err := h.db.QueryContext(ctx, query)
\tif err != nil {
\t\treturn err
\t}
\tdefer rows.Close()
\treturn rows.Err()
}
"""


def test_a_go_context_passed_first_is_not_named_as_the_sql() -> None:
    found = run_checks([context_for_text("internal/store/items.go", _GO_STORE)]).findings
    titles = sorted((f.line, f.title) for f in found if f.rule_id == "GO-SQL-STRING")
    # one finding from the build down to the call: it names the spliced value and the query call, not `ctx`
    assert titles == [(6, "`order` reaches `h.db.QueryContext`")]


_SQLX_STORE = """\
package store

func (h *Handler) list(ctx context.Context, order string) ([]Item, error) {
\tquery := "SELECT id FROM items ORDER BY " + order
\tvar out []Item
\terr := h.db.SelectContext(ctx, &out, query)
\treturn out, err
}
"""


def test_sqlx_destination_passed_before_the_sql_is_not_named_as_the_sql() -> None:
    found = run_checks([context_for_text("internal/store/items.go", _SQLX_STORE)]).findings
    titles = sorted((f.line, f.title) for f in found if f.rule_id == "GO-SQL-STRING")
    assert titles == [(4, "`order` reaches `h.db.SelectContext`")]  # not `&out`
