"""Request sources the Python data flow gained for generalisation: the page's own URL and its parts (the
caller's text, so reflecting it is cross-site scripting, but the same host, so a redirect or a fetch to it
goes nowhere else), the referrer, the user agent and the view arguments."""

from __future__ import annotations

import textwrap

import pytest
from tests.checks_errsec.helpers import findings_of

OWN_URL = ["request.url", "request.full_path", "request.path", "request.base_url", "request.url_root",
           "request.host_url", "request.script_root", "request.host", "request.path_info",
           "request.get_full_path()", "request.build_absolute_uri()", "request.get_host()"]
CALLERS_TEXT = ["request.referrer", "request.user_agent", "request.view_args"]


def _flask(body: str) -> set[tuple[int, str]]:
    text = textwrap.dedent("""\
        from flask import Flask, redirect, request

        app = Flask(__name__)


        @app.route("/page")
        def page():
        """) + textwrap.indent(textwrap.dedent(body), "    ")
    return findings_of("app/views.py", text)


@pytest.mark.parametrize("source", OWN_URL + CALLERS_TEXT)
def test_reflecting_the_callers_text_as_html_is_cross_site_scripting(source: str) -> None:
    assert _flask(f'return f"<p>{{{source}}}</p>"\n') == {(8, "PY-XSS")}


@pytest.mark.parametrize("source", OWN_URL)
def test_a_redirect_to_the_pages_own_url_stays_on_this_host(source: str) -> None:
    assert _flask(f"return redirect({source})\n") == set()


def test_a_redirect_to_the_referrer_goes_where_the_caller_says() -> None:
    assert _flask("return redirect(request.referrer)\n") == {(8, "PY-OPEN-REDIRECT")}
