"""Values the Python data flow shows to be constant are not reported by the line-based SQL, shell and
deserialization checks, and request data is still reported when a syntactic reading would call it
constant. Each case is a flagged view and its safe twin, shaped like a benchmark's one-file test case."""

from __future__ import annotations

import textwrap

from .helpers import findings_of

HEAD = '''import base64
import os
import pickle
import subprocess
import urllib.parse

import flask

app = flask.Flask(__name__)


@app.route("/case", methods=["POST"])
def case():
    param = flask.request.args.get("p")
'''


def _found(body: str, rule: str) -> set[int]:
    text = HEAD + textwrap.indent(textwrap.dedent(body).strip("\n"), "    ") + "\n    return 'ok'\n"
    return {line for line, found in findings_of("views.py", text) if found == rule}


def _lines(body: str, marker: str) -> int:
    """The file line of the body's line holding `marker`."""
    lines = textwrap.dedent(body).strip("\n").splitlines()
    return HEAD.count("\n") + next(n for n, line in enumerate(lines, start=1) if marker in line)


# --- SQL: request data behind an emptiness default, a list read by position ---------------------------------

SQL_DEFAULTED = '''
if not param:
    param = ""
sql = "SELECT * FROM users WHERE name='" + param + "'"
get_db().cursor().execute(sql)
'''


def test_a_name_set_to_a_literal_in_an_if_still_holds_the_request_value() -> None:
    assert _lines(SQL_DEFAULTED, "SELECT") in _found(SQL_DEFAULTED, "PY-SQL-STRING")


def test_the_same_query_with_a_literal_on_every_path_is_not_reported() -> None:
    body = SQL_DEFAULTED.replace('if not param:\n    param = ""', 'param = "fixed"')
    assert _found(body, "PY-SQL-STRING") == set()


SQL_LIST = '''
items = []
items.append("safe")
items.append(param)
items.pop(0)
bar = items[{index}]
sql = "SELECT * FROM users WHERE name='" + bar + "'"
get_db().cursor().execute(sql)
'''


def test_a_list_element_holding_request_data_is_reported_and_a_literal_one_is_not() -> None:
    assert _lines(SQL_LIST, "SELECT") in _found(SQL_LIST.format(index=0), "PY-SQL-STRING")
    assert _found(SQL_LIST.format(index=1), "PY-SQL-STRING") == set()


# --- shell commands built from constants ---------------------------------------------------------------------

SHELL = '''
num = 106
if 7 * 42 - num > {limit}:
    bar = "fixed"
else:
    bar = param
subprocess.run("echo " + bar, shell=True)
'''


def test_a_shell_command_from_a_dead_branch_constant_is_a_constant_command() -> None:
    safe = SHELL.format(limit=100)  # 188 > 100: `bar` is "fixed"
    line = _lines(safe, "subprocess.run")
    assert _found(safe, "PY-SHELL-INJECTION") == set()
    assert _found(safe, "PY-SHELL-CONSTANT") == {line}


def test_a_shell_command_from_the_live_branch_is_reported() -> None:
    bad = SHELL.format(limit=200)  # 188 > 200 is false: `bar` is the request's
    assert _found(bad, "PY-SHELL-INJECTION") == {_lines(bad, "subprocess.run")}


def test_a_shell_command_from_a_parameter_is_still_reported() -> None:
    text = "import os\n\n\ndef run(name):\n    os.system('ls ' + name)\n"
    assert (5, "PY-SHELL-INJECTION") in findings_of("tasks.py", text)


# --- helpers, dict literals and `.format` of constants --------------------------------------------------------

HELPER_TAIL = '''


def pick(value):
    result = {returned}
    return result
'''


def test_a_same_file_helper_returning_a_literal_gives_a_constant() -> None:
    body = 'bar = pick(param)\nos.system("ls " + bar)'
    text = HEAD + textwrap.indent(body, "    ") + "\n    return 'ok'\n"
    safe = {r for _, r in findings_of("views.py", text + HELPER_TAIL.format(returned='"fixed"'))}
    bad = {r for _, r in findings_of("views.py", text + HELPER_TAIL.format(returned="value"))}
    assert "PY-SHELL-INJECTION" not in safe and "PY-SHELL-CONSTANT" in safe
    assert "PY-SHELL-INJECTION" in bad


DICT = '''
table = {{"keyA": "a_value", "keyB": param}}
bar = table.get("{key}")
os.system("ls " + bar)
'''


def test_a_dict_literal_is_read_by_its_literal_keys() -> None:
    assert _found(DICT.format(key="keyA"), "PY-SHELL-INJECTION") == set()
    assert _found(DICT.format(key="keyB"), "PY-SHELL-INJECTION") == {_lines(DICT, "os.system")}


def test_format_of_literals_is_literal_text() -> None:
    safe = 'bar = "item {0}".format("fixed")\nos.system("ls " + bar)'
    bad = 'bar = "item {0}".format(param)\nos.system("ls " + bar)'
    assert _found(safe, "PY-SHELL-INJECTION") == set()
    assert _found(bad, "PY-SHELL-INJECTION") == {_lines(bad, "os.system")}


# --- deserialization of decoded literal text ------------------------------------------------------------------

def test_unpickling_decoded_literal_text_is_not_reported_but_decoded_request_data_is() -> None:
    safe = 'bar = "gAN9cQAu"\nobj = pickle.loads(base64.urlsafe_b64decode(bar))'
    bad = 'bar = param\nobj = pickle.loads(base64.urlsafe_b64decode(bar))'
    assert _found(safe, "PY-UNSAFE-DESERIALIZATION") == set()
    assert _found(bad, "PY-UNSAFE-DESERIALIZATION") == {_lines(bad, "pickle.loads")}


# --- pieces of the page's own URL are the caller's text --------------------------------------------------------

def test_a_segment_of_the_request_path_is_a_redirect_target_and_a_session_value() -> None:
    body = '''
    parts = flask.request.path.split("/")
    bar = urllib.parse.unquote(parts[-1])
    flask.session["userid"] = bar
    return flask.redirect(bar)
    '''
    assert _found(body, "PY-OPEN-REDIRECT") == {_lines(body, "redirect")}
    assert _found(body, "PY-SESSION-TRUST") == {_lines(body, "session")}


def test_the_request_path_itself_stays_on_this_host() -> None:
    body = 'bar = flask.request.path\nreturn flask.redirect(bar)'
    assert _found(body, "PY-OPEN-REDIRECT") == set()


# --- text computed from literals, argument lists, parsers and config lookups ----------------------------------

def test_a_base64_round_trip_of_a_literal_is_literal_text() -> None:
    safe = ('bar = base64.b64decode(base64.b64encode("fixed".encode("utf-8"))).decode("utf-8")\n'
            'os.system("ls " + bar)')
    bad = safe.replace('"fixed".encode', "param.encode")
    assert _found(safe, "PY-SHELL-INJECTION") == set()
    assert _found(bad, "PY-SHELL-INJECTION") == {_lines(bad, "os.system")}


ARGV = '''
argv = ["sh", "-c"]
argv.append(f"echo {bar}")
subprocess.run(argv)
'''


def test_a_sh_c_list_of_literal_words_is_not_reported_but_one_with_request_data_is() -> None:
    safe = 'bar = "fixed"' + ARGV
    bad = "bar = param" + ARGV
    assert _found(safe, "PY-SHELL-INJECTION") == set()
    assert _found(bad, "PY-SHELL-INJECTION") == {_lines(bad, "subprocess.run")}


def test_the_program_of_a_list_built_before_the_call_is_its_first_element() -> None:
    safe = 'argv = ["echo", param]\nsubprocess.run(argv)'
    bad = 'argv = [param, "-l"]\nsubprocess.run(argv)'
    assert _found(safe, "PY-COMMAND-INPUT") == set()
    assert _found(bad, "PY-COMMAND-INPUT") == {_lines(bad, "subprocess.run")}


def test_a_list_grown_with_plus_equals_is_no_longer_known() -> None:
    body = 'argv = ["sh"]\nargv += ["-c", "echo " + param]\nsubprocess.run(argv)'
    assert _found(body, "PY-SHELL-INJECTION") == {_lines(body, "subprocess.run")}


XXE = '''
import lxml.etree
parser = lxml.etree.XMLParser(resolve_entities=True)
doc = lxml.etree.fromstring({document}, parser)
'''


def test_an_entity_resolving_parser_used_only_on_literal_text_is_not_reported() -> None:
    assert _found(XXE.format(document='"<a>fixed</a>".encode("utf-8")'), "PY-XXE") == set()
    bad = XXE.format(document='param.encode("utf-8")')
    assert _found(bad, "PY-XXE") == {_lines(bad, "XMLParser")}


def test_an_entity_resolving_parser_never_used_here_is_reported() -> None:
    body = 'import lxml.etree\nparser = lxml.etree.XMLParser(resolve_entities=True)\nuse(parser)'
    assert _found(body, "PY-XXE") == {_lines(body, "XMLParser")}


CONFIG = '''
import configparser
conf = configparser.ConfigParser()
conf.add_section("section")
conf.set("section", "keyA", "a_value")
conf.set("section", "keyB", param)
bar = conf.get("section", "{key}")
os.system("ls " + bar)
'''


def test_a_config_parser_is_read_by_literal_section_and_key() -> None:
    assert _found(CONFIG.format(key="keyA"), "PY-SHELL-INJECTION") == set()
    bad = CONFIG.format(key="keyB")
    assert _found(bad, "PY-SHELL-INJECTION") == {_lines(bad, "os.system")}


SECTIONS = '''
import configparser
conf = configparser.ConfigParser()
conf["section"] = {{"keyA": "a_value", "keyB": param}}
bar = conf["section"]["{key}"]
os.system("ls " + bar)
'''


def test_a_config_section_written_as_a_dict_is_read_by_its_literal_keys() -> None:
    assert _found(SECTIONS.format(key="keyA"), "PY-SHELL-INJECTION") == set()
    bad = SECTIONS.format(key="keyB")
    assert _found(bad, "PY-SHELL-INJECTION") == {_lines(bad, "os.system")}
    evaluated = bad.replace('os.system("ls " + bar)', "eval(bar)")
    assert _found(evaluated, "PY-CODE-INJECTION") == {_lines(evaluated, "eval(bar)")}
    assert _found(evaluated.replace('"keyB"]', '"keyA"]'), "PY-CODE-INJECTION") == set()


def test_a_section_replaced_afterwards_is_no_longer_known() -> None:
    body = SECTIONS.format(key="keyA").replace('bar = conf', 'conf["section"] = param\nbar = conf')
    assert _found(body, "PY-SHELL-INJECTION") == {_lines(body, "os.system")}


def test_a_route_parameter_checked_against_an_allow_list_is_still_not_reported_in_sql() -> None:
    text = '''import flask
app = flask.Flask(__name__)
ALLOWED = {"name", "created"}


@app.route("/x/<column>")
def view(column):
    if column not in ALLOWED:
        raise ValueError("bad column")
    sql = f"SELECT * FROM users ORDER BY {column}"
    get_db().cursor().execute(sql)
    return "ok"
'''
    assert {rule for _, rule in findings_of("views.py", text)} & {"PY-SQL-STRING", "PY-SQL-INPUT"} == set()
    unchecked = text.replace("    if column not in ALLOWED:\n        raise ValueError(\"bad column\")\n", "")
    assert (10 - 2, "PY-SQL-STRING") in findings_of("views.py", unchecked)
