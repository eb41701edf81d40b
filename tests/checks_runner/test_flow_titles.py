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
