"""Same-file helpers that always return one literal (`checks/_pyflow.py`, `Flow._summary`, `_function` and
the helper branch of the call evaluation): the helper is a constant whatever it holds (a nested function,
class or lambda, whose own returns are not the helper's) and whatever it is called with."""

from __future__ import annotations

import ast

import pytest

from persona_review.checks import _pyflow
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category

VIEW = '''import os
import flask

app = flask.Flask(__name__)


@app.route("/case")
def case():
    bar = pick({argument})
    os.system("ls " + bar)
    return "ok"
'''

NESTED = {
    "plain": "",
    "a nested function": "    def inner():\n        return value\n",
    "a nested class": "    class Inner:\n        def get(self):\n            return value\n",
    "a lambda": "    inner = lambda: value\n",
}


def _shell_rules(argument: str, helper: str) -> set[str]:
    text = VIEW.format(argument=argument) + "\n\n" + helper
    outcome = run_checks([context_for_text("views.py", text)], categories=(Category.SECURITY,))
    return {f.rule_id or "" for f in outcome.findings if (f.rule_id or "").startswith("PY-SHELL")}


@pytest.mark.parametrize("holds", sorted(NESTED))
@pytest.mark.parametrize("argument", ['flask.request.args["p"]', "1"])
def test_a_helper_returning_one_literal_is_a_constant_whatever_it_holds(holds: str, argument: str) -> None:
    helper = f'def pick(value):\n{NESTED[holds]}    return "a"\n'
    assert _shell_rules(argument, helper) == {"PY-SHELL-CONSTANT"}


@pytest.mark.parametrize("holds", sorted(NESTED))
def test_a_helper_returning_its_argument_still_passes_request_data(holds: str) -> None:
    helper = f"def pick(value):\n{NESTED[holds]}    return value\n"
    assert _shell_rules('flask.request.args["p"]', helper) == {"PY-SHELL-INJECTION"}


def test_a_nested_function_returning_the_argument_does_not_make_the_helper_pass_it() -> None:
    flow = _pyflow.Flow(ast.parse('def pick(value):\n    def inner():\n        return value\n    return "a"\n'))
    flow.calls  # noqa: B018 - the flow runs on first use
    assert flow._summary("pick") is None
    assert flow._constant_returns == {"pick": "a"}


def test_a_nested_function_outside_a_summary_still_enters_the_functions_it_calls() -> None:
    """Outside a summary nothing collects returns, so a nested function may walk a same-file function
    it passes request data to (as its enclosing handler may) and its handler's returns stay recorded."""
    text = """import os
import flask

app = flask.Flask(__name__)


@app.route("/case")
def case():
    def inner():
        run(flask.request.args["p"])
        return "inner"
    inner()
    return "ok"


def run(name):
    return open(name).read()
"""
    outcome = run_checks([context_for_text("views.py", text)], categories=(Category.SECURITY,))
    assert {(f.line, f.rule_id) for f in outcome.findings} == {(17, "PY-PATH-TRAVERSAL")}
    flow = _pyflow.Flow(ast.parse(text))
    assert [stmt.lineno for stmt, _ in flow.handler_returns] == [13]


def test_a_helper_with_two_literals_called_without_request_data_is_not_a_constant() -> None:
    helper = 'def pick(value):\n    if value:\n        return "a"\n    return "b"\n'
    assert _shell_rules("1", helper) == {"PY-SHELL-INJECTION"}


def test_a_helper_called_without_request_data_inside_a_request_helper_keeps_its_source() -> None:
    helper = 'def pick(value):\n    return flask.request.args["q"]\n'
    assert _shell_rules("1", helper) == {"PY-SHELL-INJECTION"}
