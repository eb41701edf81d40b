"""An `except` that only passes, after which the code uses what the `try` was to assign: the name is unbound
on the failure path (`UnboundLocalError`). A name the function bound before, or one a `with`/`for` header
binds again before its use, is left alone."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "PY-EXCEPT-LOGGED-CONTINUES"


def _lines(code: str) -> list[int]:
    return [f.line or 0 for f in run_checks([context_for_text("accounts/views.py", code)]).findings
            if f.rule_id == RULE]


_UNBOUND = """def settings(request):
    try:
        prefs = Preference.objects.get(user=request.user)
    except Preference.DoesNotExist:
        pass
    form = PreferenceForm(instance=prefs)
    return render(request, "settings.html", {"form": form})
"""

_NONE_FIRST = _UNBOUND.replace("    try:\n", "    prefs = None\n    try:\n", 1)

_REBOUND = """def unlock(path, password):
    try:
        with pdf_open(path) as pdf:
            return pdf.pages
    except PasswordError:
        pass
    with pdf_open(path, password=password) as pdf:
        return pdf.pages
"""

_HANDLER_NAME = """def load(query):
    try:
        data = query.results()
    except Exception as error:
        try:
            error = decode(error)
        except Exception:
            pass
        return None, error
    return data, None
"""


def test_a_name_the_failed_try_leaves_unbound_is_reported_after_a_handler_that_passes() -> None:
    assert _lines(_UNBOUND) == [4]


def test_none_set_before_the_try_is_the_fallback_the_code_chose() -> None:
    assert _lines(_NONE_FIRST) == []


def test_a_with_header_that_binds_the_name_again_ends_the_search() -> None:
    assert _lines(_REBOUND) == []


def test_a_name_an_enclosing_handler_bound_is_not_unbound() -> None:
    assert _lines(_HANDLER_NAME) == []
