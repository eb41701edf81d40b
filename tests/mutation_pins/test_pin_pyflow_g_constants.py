"""Pins for the constant and request-text tables added to the Python data flow (`checks/_pyflow.py`) and
the Python security checks that read it (`checks/py_security.py`): one case per table entry, each with a
flagged twin, so that dropping an entry fails a test."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks import _pyflow
from persona_review.checks import py_flow_security as pyflowsec
from persona_review.checks import py_security as pysec
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category

HEAD = """import base64
import binascii
import codecs
import html
import os
import pickle
import subprocess
import urllib.parse
import zlib
from urllib.parse import unquote, unquote_plus
from base64 import b64decode

import flask

app = flask.Flask(__name__)


@app.route("/case")
def case():
"""


def _rules(body: str) -> set[tuple[int, str]]:
    text = HEAD + textwrap.indent(textwrap.dedent(body).strip("\n"), "    ") + "\n    return 'ok'\n"
    outcome = run_checks([context_for_text("views.py", text)], categories=(Category.SECURITY,))
    return {(f.line or 0, f.rule_id) for f in outcome.findings}


def _ids(body: str) -> set[str]:
    return {rule for _, rule in _rules(body)}


_SPLIT_CALLS = {"split": 'split("/")[0]', "rsplit": 'rsplit("/")[0]', "partition": 'partition("/")[0]',
                "rpartition": 'rpartition("/")[2]', "splitlines": "splitlines()[0]"}


def test_every_splitter_is_pinned() -> None:
    assert set(_SPLIT_CALLS) == _pyflow._SPLITTERS


@pytest.mark.parametrize("method", sorted(_SPLIT_CALLS))
def test_a_piece_of_the_request_path_is_caller_text(method: str) -> None:
    direct = f'flask.session["v"] = flask.request.path.{_SPLIT_CALLS[method]}'
    through = f'own = flask.request.path\nflask.session["v"] = own.{_SPLIT_CALLS[method]}'
    assert "PY-SESSION-TRUST" in _ids(direct)
    assert "PY-SESSION-TRUST" in _ids(through)


def test_the_request_path_whole_is_not_session_trust() -> None:
    assert "PY-SESSION-TRUST" not in _ids('flask.session["v"] = flask.request.path')
    assert "PY-SESSION-TRUST" not in _ids('own = flask.request.path\nflask.session["v"] = own.strip()')


@pytest.mark.parametrize("decoder", sorted(_pyflow._DECODERS))
def test_decoded_request_path_is_caller_text(decoder: str) -> None:
    assert decoder in _pyflow._PASS_THROUGH
    assert "PY-SESSION-TRUST" in _ids(f'flask.session["v"] = {decoder}(flask.request.path)')


@pytest.mark.parametrize("decoder", sorted(pysec._DECODERS))
def test_unpickling_decoded_literal_text_is_not_reported(decoder: str) -> None:
    assert "PY-UNSAFE-DESERIALIZATION" not in _ids(f'obj = pickle.loads(codec.{decoder}("gAN9cQAu"))')
    assert "PY-UNSAFE-DESERIALIZATION" in _ids(f'obj = pickle.loads(codec.{decoder}(flask.request.data))')


_SHELL_LINES = {
    "system": 'os.system("ls " + bar)', "popen": 'os.popen("ls " + bar)', "popen2": 'os.popen2("ls " + bar)',
    "popen3": 'os.popen3("ls " + bar)', "popen4": 'os.popen4("ls " + bar)',
    **{name: f'subprocess.{name}("ls " + bar, shell=True)'
       for name in ("run", "call", "Popen", "check_output", "check_call")},
    "getoutput": 'subprocess.getoutput("ls " + bar)', "getstatusoutput": 'subprocess.getstatusoutput("ls " + bar)',
    "create_subprocess_shell": 'asyncio.create_subprocess_shell("ls " + bar)',
}


def test_every_shell_runner_is_pinned() -> None:
    assert set(_SHELL_LINES) == pysec._SHELL_RUNNERS


@pytest.mark.parametrize("runner", sorted(_SHELL_LINES))
def test_a_command_the_flow_knows_as_literal_is_a_constant(runner: str) -> None:
    safe = _ids(f'bar = "fixed"\n{_SHELL_LINES[runner]}')
    bad = _ids(f'bar = flask.request.args["p"]\n{_SHELL_LINES[runner]}')
    assert "PY-SHELL-INJECTION" not in safe and "PY-SHELL-CONSTANT" in safe
    assert "PY-SHELL-INJECTION" in bad


@pytest.mark.parametrize(("limit", "reported"), [(100, True), (200, False)])
def test_true_division_is_folded_in_a_branch_test(limit: int, reported: bool) -> None:
    body = f'''
    if 500 / 4 > {limit}:
        bar = flask.request.args["p"]
    else:
        bar = "fixed"
    os.system("ls " + bar)
    '''
    assert ("PY-SHELL-INJECTION" in _ids(body)) is reported


def test_format_with_a_missing_field_is_not_literal() -> None:
    assert "PY-SQL-STRING" in _ids(f'bar = "{{0}} {{1}}".format("x")\n{_SQL_PROBE}')
    assert "PY-SQL-STRING" not in _ids(f'bar = "{{0}} {{1}}".format("x", "y")\n{_SQL_PROBE}')


def test_a_helper_with_two_different_literal_returns_is_not_one_constant() -> None:
    tail = '''


def pick(value):
    if value:
        return "a"
    return {other}
'''
    body = '    bar = pick(flask.request.args["p"])\n    os.system("ls " + bar)\n    return "ok"\n'
    for other, constant in (('"b"', False), ('"a"', True)):
        text = HEAD + body + tail.format(other=other)
        found = {f.rule_id for f in run_checks([context_for_text("views.py", text)],
                                               categories=(Category.SECURITY,)).findings}
        assert ("PY-SHELL-CONSTANT" in found) is constant
        assert ("PY-SHELL-INJECTION" in found) is not constant


def test_a_dict_literal_with_a_call_value_is_not_read_by_key() -> None:
    called = 'table = {"a": "x", "b": str(flask.request.args["p"])}\nbar = table["a"]\nos.system("ls " + bar)'
    plain = 'table = {"a": "x", "b": flask.request.args["p"]}\nbar = table["a"]\nos.system("ls " + bar)'
    assert "PY-SHELL-INJECTION" in _ids(called)
    assert "PY-SHELL-INJECTION" not in _ids(plain)


_TEXT_CALLS = {
    "str": ('str("fixed")', 'str(flask.request.args["p"])'),
    **{name: (f'{name}("Zml4ZWQ=")', f'{name}(flask.request.args["p"])') for name in _pyflow._TEXT_FUNCTIONS
       if name != "str"},
}


@pytest.mark.parametrize("name", sorted(_pyflow._TEXT_FUNCTIONS))
def test_a_text_function_of_a_literal_is_literal_text(name: str) -> None:
    safe, bad = _TEXT_CALLS[name]
    prefix = "import io\nfrom io import StringIO, BytesIO\nfrom urllib.parse import quote, quote_plus\n"
    assert "PY-SHELL-INJECTION" not in _ids(f'{prefix}bar = {safe}\nos.system("ls " + bar)')
    assert "PY-SHELL-INJECTION" in _ids(f'{prefix}bar = {bad}\nos.system("ls " + bar)')


def test_a_text_function_that_fails_on_its_literal_is_not_literal() -> None:
    assert "PY-SHELL-INJECTION" in _ids('bar = base64.b64decode("abc")\nos.system("ls " + bar)')


@pytest.mark.parametrize("method", sorted(_pyflow._TEXT_METHODS | {"encode", "decode"}))
def test_a_text_method_of_a_literal_is_literal_text(method: str) -> None:
    args = '"a", "b"' if method == "replace" else '"x"' if method.startswith("remove") else ""
    safe = f'bar = "Fixed-x".{method}({args})\nos.system("ls " + bar)'
    assert "PY-SHELL-INJECTION" not in _ids(safe)
    assert "PY-SHELL-INJECTION" in _ids(safe.replace('"Fixed-x"', 'flask.request.args["p"]'))


def test_a_replace_that_would_grow_past_the_bound_is_not_computed() -> None:
    long_text = "y" * 100
    body = f'bar = "{"x" * 100}".replace("x", "{long_text}")\nos.system("ls " + bar)'
    assert "PY-SHELL-INJECTION" in _ids(body)


@pytest.mark.parametrize("method", sorted(pyflowsec._PARSE_METHODS))
def test_a_parser_method_on_literal_text_clears_the_parser(method: str) -> None:
    body = f'''
    import lxml.etree
    parser = lxml.etree.XMLParser(resolve_entities=True)
    parser.{method}({{doc}})
    '''
    assert "PY-XXE" not in _ids(body.format(doc='"<a/>"'))
    assert "PY-XXE" in _ids(body.format(doc='flask.request.data'))


_QUERY_READERS = {
    "parse_qs": 'parse_qs(flask.request.query_string.decode())["p"][0]',
    "urllib.parse.parse_qs": 'urllib.parse.parse_qs(flask.request.query_string.decode())["p"][0]',
    "parse_qsl": "parse_qsl(flask.request.query_string.decode())[0][1]",
    "urllib.parse.parse_qsl": "urllib.parse.parse_qsl(flask.request.query_string.decode())[0][1]",
    "iter": "list(iter(flask.request.form.values()))[0]",
    "next": "next(flask.request.form.values())",
}


@pytest.mark.parametrize("name", sorted(_QUERY_READERS))
def test_a_query_parsed_or_iterated_is_still_request_data(name: str) -> None:
    assert name in _pyflow._PASS_THROUGH
    prefix = "from urllib.parse import parse_qs, parse_qsl\n"
    assert "PY-SESSION-TRUST" in _ids(f'{prefix}flask.session["v"] = {_QUERY_READERS[name]}')
    assert "PY-SESSION-TRUST" not in _ids(f'{prefix}flask.session["v"] = {name}("a=b")')


_SQL_PROBE = 'cursor.execute("SELECT * FROM t WHERE a = " + bar)'
"""A sink that shows whether `bar` was computed: a string the data flow cannot compute is SQL built from
something else. (A shell command made only of literals is quiet whatever the flow computes, so the shell
sink no longer tells.)"""


@pytest.mark.parametrize("template", ['"{0:>999999999}"', '"{0!r}"', '"{0.upper}"', '"{0[0]}"'])
def test_format_with_a_spec_conversion_or_lookup_is_not_computed(template: str) -> None:
    assert "PY-SQL-STRING" in _ids(f'bar = {template}.format("x")\n{_SQL_PROBE}')


@pytest.mark.parametrize("template", ['"{0}"', '"{}"', '"{name}"'])
def test_format_with_plain_fields_is_computed(template: str) -> None:
    assert "PY-SHELL-INJECTION" not in _ids(f'bar = {template}.format("x", name="y")\nos.system("ls " + bar)')
