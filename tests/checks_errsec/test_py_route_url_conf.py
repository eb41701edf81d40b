"""PY-ROUTE-NO-AUTH in a Django URL conf: an entry whose view is not wrapped in the guard its siblings'
views are wrapped in, on snippets written for these tests."""

from __future__ import annotations

import textwrap

from .helpers import findings_of


def _lines(source: str) -> list[int]:
    text = textwrap.dedent(source).lstrip("\n")
    return sorted(line for line, rule in findings_of("shop/urls.py", text) if rule == "PY-ROUTE-NO-AUTH")


def test_a_view_without_the_wrapper_most_siblings_have_is_reported() -> None:
    assert _lines("""
        urlpatterns = [
            path("orders/", login_required(views.orders)),
            re_path(r"^orders/(?P<pk>\\d+)/$", permission_required("shop.view_order")(views.order)),
            path("orders/<int:pk>/cancel/", views.cancel_order),
            path("orders/<int:pk>/lines/", login_required(views.lines)),
        ]
        """) == [4]


def test_a_conf_where_few_views_are_wrapped_or_the_route_is_public_is_quiet() -> None:
    assert _lines("""
        urlpatterns = [
            path("", views.home),
            path("about/", views.about),
            path("prices/", views.prices),
            path("account/", login_required(views.account)),
            path("account/keys/", login_required(views.keys)),
        ]
        """) == []
    assert _lines("""
        urlpatterns = [
            path("account/", login_required(views.account)),
            path("account/keys/", login_required(views.keys)),
            path("healthz/", views.health),
            path("hooks/stripe/", views.stripe_webhook),
            path("reports/", ReportView.as_view()),
        ]
        """) == []


def test_a_local_wrapper_counts_only_when_its_body_guards() -> None:
    conf = """
        def {name}(view):
            return {body}(view)


        urlpatterns = [
            path("a/", {name}(views.a)),
            path("b/", {name}(views.b)),
            path("c/", views.c),
        ]
        """
    assert _lines(conf.format(name="staff", body="staff_member_required")) == [8]
    assert _lines(conf.format(name="cached", body="cache_page(60)")) == []
