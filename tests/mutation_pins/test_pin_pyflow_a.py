"""The Python data-flow layer (`checks/_pyflow.py`), first half: which request values are tainted, how
taint moves through each kind of statement, which calls clean it, and when the code, not the caller,
fixes a URL's host. Each test runs the real security checks on a small handler and asserts the lines
they report: a line marked `# <-` is reported, every other line is not."""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Callable, Iterator

import pytest

from persona_review.checks import py_flow_security as sec
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import FileContext, Hit
from persona_review.contexts import context_for_text

Check = Callable[[FileContext], Iterator[Hit]]
MARK = "# <-"


def _context(source: str) -> FileContext:
    return context_for_text("app/views.py", textwrap.dedent(source).lstrip("\n"))


def reported(check: Check, source: str) -> list[int]:
    """The lines `check` reports in `source` (a whole new file)."""
    return [hit.line for hit in check(_context(source))]


def marked(source: str) -> list[int]:
    """The lines of `source` marked `# <-`."""
    text = textwrap.dedent(source).lstrip("\n")
    return [n for n, line in enumerate(text.splitlines(), start=1) if line.rstrip().endswith(MARK)]


def messages(check: Check, source: str) -> list[str]:
    return [hit.message or "" for hit in check(_context(source))]


def assert_marked(check: Check, source: str) -> None:
    assert reported(check, source) == marked(source)


# --- request sources --------------------------------------------------------------------------------------

SOURCE_ATTRIBUTES = [
    "args", "form", "values", "json", "data", "files", "headers", "cookies", "GET", "POST", "body", "META",
    "FILES", "COOKIES", "query_params", "path_params", "query_string", "get_json", "get_data", "query",
    "match_info", "raw_post_data", "stream", "environ",
]


@pytest.mark.parametrize("attribute", SOURCE_ATTRIBUTES)
def test_every_request_attribute_that_carries_client_data_is_a_source(attribute: str) -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        def view():
            value = request.{attribute}
            return open(value)  {MARK}
        """)


@pytest.mark.parametrize("call", ["request.get_json()['path']", "request.get_data()",
                                  "request.get_json().get('path')", "request.stream.read()"])
def test_reading_the_body_through_a_call_is_a_source(call: str) -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        def view():
            return open({call})  {MARK}
        """)


@pytest.mark.parametrize("attribute", ["method", "user.email", "endpoint", "is_secure"])
def test_request_attributes_the_server_decides_are_not_sources(attribute: str) -> None:
    assert reported(sec.path_traversal, f"""
        from flask import request

        def view():
            return open(request.{attribute})
        """) == []


@pytest.mark.parametrize("request_name", ["request", "req", "self.request", "flask.request"])
def test_each_name_of_the_request_object_is_a_source(request_name: str) -> None:
    assert_marked(sec.path_traversal, f"""
        import flask

        class Download:
            def handle(self):
                return open({request_name}.args["name"])  {MARK}
        """)


@pytest.mark.parametrize("other", ["parser.args", "options.args", "requests.args", "self.form.data"])
def test_the_same_attribute_of_another_object_is_not_a_source(other: str) -> None:
    assert reported(sec.path_traversal, f"""
        import requests

        def load(parser, options):
            return open({other}["name"])
        """) == []


@pytest.mark.parametrize(("expression", "name"), [
    ("request", "request"),
    ("flask.request.args", "flask.request.args"),
    ("get_db().session.execute", "get_db().session.execute"),
    ("make_client()", "make_client"),
    ("app.test_client().get", "app.test_client().get"),
    ("handlers[kind]().run", ""),
    ("connections['default'].cursor", ""),
    ("(a or b).get", ""),
])
def test_a_call_is_named_by_its_dotted_chain_or_not_at_all(expression: str, name: str) -> None:
    node = ast.parse(expression, mode="eval").body
    assert dotted(node) == name


# --- route parameters -------------------------------------------------------------------------------------

ROUTE_DECORATORS = [
    '@app.route("/files/<name>")', '@bp.get("/files/{name}")', '@router.post("/files")', '@router.put("/f")',
    '@router.patch("/f")', '@router.delete("/f")', '@router.head("/f")', '@router.options("/f")',
    '@router.api_route("/f")', '@router.websocket("/f")', '@api_view(["GET"])', "@action(detail=True)",
]


@pytest.mark.parametrize("decorator", ROUTE_DECORATORS)
def test_the_parameters_of_a_route_handler_come_from_the_caller(decorator: str) -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        {decorator}
        def serve(name):
            return open(name)  {MARK}
        """)


@pytest.mark.parametrize("decorator", ["@lru_cache", "@login_required", "@app.errorhandler(404)",
                                       "@pytest.fixture"])
def test_the_parameters_of_other_decorated_functions_are_not_request_data(decorator: str) -> None:
    assert reported(sec.path_traversal, f"""
        from flask import request

        {decorator}
        def load(name):
            return open(name)
        """) == []


def test_a_route_parameter_is_named_in_the_message() -> None:
    [message] = messages(sec.path_traversal, """
        @app.route("/files/<name>")
        def serve(name):
            return open(name)
        """)
    assert "parameter `name` of a request handler" in message


# --- conversions and sanitizers ---------------------------------------------------------------------------

NUMERIC = ["int", "float", "bool", "len", "abs", "round", "uuid.UUID", "UUID", "Decimal", "decimal.Decimal",
           "hash", "ord", "datetime.fromisoformat", "date.fromisoformat"]


@pytest.mark.parametrize("convert", NUMERIC)
def test_a_value_converted_to_a_number_uuid_or_date_is_safe(convert: str) -> None:
    assert reported(sec.path_traversal, f"""
        from flask import request

        def page():
            return open(f"/srv/pages/{{{convert}(request.args['page'])}}.txt")
        """) == []


def test_the_same_value_unconverted_is_reported() -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        def page():
            return open(f"/srv/pages/{{request.args['page']}}.txt")  {MARK}
        """)


SANITIZED_SINKS = [  # (sanitizer, a sink of the kind it cleans for)
    *[(name, "open(os.path.join('/srv/reports', {}))", sec.path_traversal)
      for name in ("secure_filename", "werkzeug.utils.secure_filename", "os.path.basename",
                   "posixpath.basename")],
    *[(name, "subprocess.run({}, shell=True)", sec.command_input) for name in ("shlex.quote", "pipes.quote")],
    *[(name, "Markup({})", sec.template_injection)
      for name in ("html.escape", "escape", "markupsafe.escape", "cgi.escape", "bleach.clean",
                   "django.utils.html.escape", "conditional_escape")],
    *[(name, "conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, '(uid=' + {} + ')')", sec.ldap_injection)
      for name in ("escape_filter_chars", "ldap.filter.escape_filter_chars",
                   "ldap3.utils.conv.escape_filter_chars")],
]


@pytest.mark.parametrize(("sanitizer", "sink", "check"), SANITIZED_SINKS)
def test_a_sanitizer_makes_the_value_safe_for_its_kind_of_sink(sanitizer: str, sink: str, check: Check) -> None:
    header = """
        import ldap, os, subprocess
        from flask import request

        def view(conn):
        """
    raw = sink.format("request.args['value']")
    assert_marked(check, header + f"    return {raw}  {MARK}\n")
    clean = sink.format(f"{sanitizer}(request.args['value'])")
    assert reported(check, header + f"    return {clean}\n") == []


@pytest.mark.parametrize(("sanitizer", "sink", "check"), [
    ("secure_filename", "Markup({})", sec.template_injection),
    ("html.escape", "open({})", sec.path_traversal),
    ("shlex.quote", "conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, {})", sec.ldap_injection),
    ("escape_filter_chars", "subprocess.run({}, shell=True)", sec.command_input),
])
def test_a_sanitizer_does_not_clean_for_other_kinds_of_sink(sanitizer: str, sink: str, check: Check) -> None:
    source = f"""
        import ldap, subprocess
        from flask import request

        def view(conn):
            return {sink.format(f"{sanitizer}(request.args['value'])")}  {MARK}
        """
    assert_marked(check, source)


@pytest.mark.parametrize(("sink", "check"), [
    ("open(request.args['f'].strip())", sec.path_traversal),
    ("subprocess.run(request.args['cmd'].strip(), shell=True)", sec.command_input),
    ("Markup(request.args['t'].strip())", sec.template_injection),
    ("conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, request.args['q'].strip())", sec.ldap_injection),
    ("requests.get(request.args['u'].strip())", sec.ssrf),
])
def test_a_string_method_on_a_request_item_keeps_the_taint(sink: str, check: Check) -> None:
    """The call's name here is not a dotted name (`request.args['f'].strip`): no table of conversions,
    sanitizers, pass-through functions or clients may take it for one of theirs."""
    assert_marked(check, f"""
        import ldap, requests, subprocess
        from flask import request

        def view(conn):
            return {sink}  {MARK}
        """)


# --- functions that pass text through ---------------------------------------------------------------------

PASS_TO_A_PATH = ["str", "os.path.join", "posixpath.join", "os.path.normpath", "os.path.abspath",
                  "os.path.realpath", "os.path.expanduser", "unquote", "urllib.parse.unquote", "Path",
                  "pathlib.Path", "PurePath"]
PASS_TO_CODE = ["json.loads", "base64.b64decode", "base64.urlsafe_b64decode", "format", "str.format", "bytes",
                "io.BytesIO", "io.StringIO", "compile"]
PASS_AS_ARGV = ["list", "tuple", "sorted", "reversed", "dict"]
PASS_TO_A_URL = ["urljoin", "urllib.parse.urljoin", "parse.urljoin", "urlparse", "urllib.parse.urlparse"]


@pytest.mark.parametrize("function", PASS_TO_A_PATH)
def test_path_functions_pass_the_name_through(function: str) -> None:
    assert_marked(sec.path_traversal, f"""
        import os
        from flask import request

        def view():
            return open({function}(request.args["name"]))  {MARK}
        """)


@pytest.mark.parametrize("function", PASS_TO_CODE)
def test_decoders_and_wrappers_pass_the_text_through(function: str) -> None:
    assert_marked(sec.code_injection, f"""
        import base64, io, json
        from flask import request

        def view():
            return eval({function}(request.form["expression"]))  {MARK}
        """)


@pytest.mark.parametrize("function", PASS_AS_ARGV)
def test_containers_built_from_request_data_pass_it_through(function: str) -> None:
    assert_marked(sec.command_input, f"""
        import subprocess
        from flask import request

        def view():
            return subprocess.run({function}(request.json["argv"]))  {MARK}
        """)


@pytest.mark.parametrize("function", PASS_TO_A_URL)
def test_url_functions_pass_the_url_through(function: str) -> None:
    assert_marked(sec.open_redirect, f"""
        from urllib import parse
        from settings import BASE_URL
        from flask import redirect, request

        def view():
            return redirect({function}(request.args["next"]))  {MARK}
        """)


def test_a_call_to_an_unknown_function_gives_an_untainted_value() -> None:
    assert reported(sec.path_traversal, """
        from flask import request

        def view():
            return open(lookup_report(request.args["name"]))
        """) == []


# --- HTTP clients -----------------------------------------------------------------------------------------

HTTP_CLIENTS = ["requests.Session", "requests.session", "Session", "httpx.Client", "httpx.AsyncClient",
                "aiohttp.ClientSession", "urllib3.PoolManager"]


@pytest.mark.parametrize("client", HTTP_CLIENTS)
def test_a_request_sent_through_a_client_object_is_checked_for_ssrf(client: str) -> None:
    assert_marked(sec.ssrf, f"""
        import aiohttp, httpx, requests, urllib3
        from flask import request

        def view():
            http = {client}()
            return http.request("GET", request.args["url"])  {MARK}
        """)


def test_a_client_keeps_sending_requests_after_its_headers_are_set() -> None:
    assert_marked(sec.ssrf, f"""
        import requests
        from flask import request

        def view():
            session = requests.Session()
            session.headers["User-Agent"] = "report-bot"
            return session.get(request.args["url"])  {MARK}
        """)


def test_a_client_stays_a_client_when_an_attribute_is_set_on_it() -> None:
    assert_marked(sec.ssrf, f"""
        import requests
        from flask import request

        def view():
            session = requests.Session()
            session.auth = (USER, PASSWORD)
            return session.get(request.args["url"])  {MARK}
        """)


def test_an_object_the_code_did_not_create_as_a_client_does_not_send_requests() -> None:
    assert reported(sec.ssrf, """
        from flask import request

        def view():
            price = PRICES.get(request.args["plan"])
            client = make_client()
            return client.get(request.args["url"])
        """) == []


# --- path objects -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("build", "method"), [
    ("Path", "read_text"), ("pathlib.Path", "unlink"), ("Path", "write_bytes"),
])
def test_a_path_object_built_from_request_data_is_reported_where_it_touches_files(build: str,
                                                                                    method: str) -> None:
    assert_marked(sec.path_traversal, f"""
        import pathlib
        from pathlib import Path
        from flask import request

        def view():
            target = {build}(request.args["name"])
            return target.{method}()  {MARK}
        """)


def test_a_path_reported_once_where_it_is_opened() -> None:
    assert_marked(sec.path_traversal, f"""
        from pathlib import Path
        from flask import request

        def view():
            return Path(request.args["name"]).read_text()  {MARK}
        """)


def test_a_path_chosen_between_two_values_is_still_a_path() -> None:
    assert_marked(sec.path_traversal, f"""
        from pathlib import Path
        from flask import request

        def view():
            target = Path(request.args["name"]) or DEFAULT_REPORT
            return target.read_text()  {MARK}
        """)


def test_string_methods_on_request_text_are_not_file_operations() -> None:
    assert reported(sec.path_traversal, """
        from flask import request

        def view():
            name = request.args.get("q")
            return name.replace("-", "_").lower()
        """) == []


def test_replace_on_a_joined_path_string_is_a_string_replace_not_a_rename() -> None:
    """`os.path.join` and friends return a `str`: its `.replace` rewrites text (a real rename is
    `Path.replace` or `os.replace`)."""
    assert reported(sec.path_traversal, """
        import os
        from flask import request

        def view():
            shown = os.path.join("/srv/reports", request.args["name"]).replace(os.sep, "/")
            absolute = os.path.abspath(request.args["name"]).replace("\\\\", "/")
            return shown + absolute
        """) == []


# --- which URLs keep their host ---------------------------------------------------------------------------

FIXED_HOST = [
    'BASE_URL + request.args["page"]',
    'f"https://api.example.com/{request.args[\'page\']}"',
    'f"https://api.example.com?page={request.args[\'page\']}"',
    'f"https://api.example.com#{request.args[\'page\']}"',
    '"https://api.example.com" + "/v1/" + request.args["page"]',
    '"https://" + HOST + request.args["page"]',
    'f"/orders/{request.args[\'page\']}"',
    '"/?" + request.query_string.decode()',
    '"https://files.example.com://" + request.args["page"]',
    'f"https://eu.example.com/{page}" if eu else f"https://us.example.com/{page}"',
]
CALLERS_HOST = [
    'request.args["next"]',
    'request.args["next"] + "/done"',
    'f"https://{request.args[\'host\']}/status"',
    'f"https://api.example.com{request.args[\'suffix\']}"',
    '"https:" + request.args["rest"]',
    'f"//{request.args[\'next\']}"',
    '"/\\\\" + request.args["next"]',
    'f"/{request.args[\'next\']}"',
    '"orders/" + request.args["next"]',
    'f"https://api.example.com/{page}" if eu else request.args["next"]',
    'request.args["next"] if eu else f"https://api.example.com/{page}"',
]


def _redirect_to(url: str) -> str:
    return f"""
        from settings import BASE_URL, HOST
        from flask import redirect, request

        def view(eu):
            page = request.args["page"]
            return redirect({url})  {MARK}
        """


@pytest.mark.parametrize("url", FIXED_HOST)
def test_a_url_whose_host_the_code_fixes_is_not_a_redirect_to_anywhere(url: str) -> None:
    assert reported(sec.open_redirect, _redirect_to(url)) == []


@pytest.mark.parametrize("url", CALLERS_HOST)
def test_a_url_whose_host_the_caller_can_choose_is_reported(url: str) -> None:
    assert_marked(sec.open_redirect, _redirect_to(url))


def test_ssrf_judges_the_host_the_same_way() -> None:
    assert_marked(sec.ssrf, f"""
        import requests
        from flask import request

        def view():
            requests.get(f"https://api.example.com/v1/{{request.args['id']}}")
            return requests.get(f"https://{{request.args['host']}}/v1/")  {MARK}
        """)


def test_the_message_names_the_first_source_of_a_value_built_from_two() -> None:
    [message] = messages(sec.open_redirect, """
        from flask import redirect, request

        def view():
            return redirect(request.args.get("next") or request.form.get("next"))
        """)
    assert "which comes from request.args.get:" in message


# --- constants and checks ---------------------------------------------------------------------------------

def test_a_constant_path_is_not_reported() -> None:
    assert reported(sec.path_traversal, """
        from flask import request

        def view():
            return open("/srv/static/logo.png").read() + request.args["name"]
        """) == []


@pytest.mark.parametrize("condition", [
    "name.isalnum()", "name.isdigit()", "re.fullmatch(r'[a-z]+', name)", "NAME.match(name)",
    "validate_name(name)", "is_valid_report(name)", "name in ALLOWED",
    "os.path.commonpath([ROOT, name]) == ROOT",
])
def test_a_name_checked_in_an_if_is_safe_inside_it_and_not_after(condition: str) -> None:
    assert_marked(sec.path_traversal, f"""
        import os, re
        from flask import request

        def view():
            name = request.args["name"]
            if {condition}:
                open(name)
            return open(name)  {MARK}
        """)


@pytest.mark.parametrize("condition", [
    "not name.isalnum()", "not re.fullmatch(r'[a-z]+', name)", "name not in ALLOWED",
    "not (name in ALLOWED)", "os.path.commonpath([ROOT, name]) != ROOT", "NAME.fullmatch(name) is None",
    "not url_has_allowed_host_and_scheme(name, allowed_hosts=HOSTS)",
])
def test_a_failed_check_that_leaves_makes_the_name_safe_after_it(condition: str) -> None:
    assert reported(sec.path_traversal, f"""
        import os, re
        from flask import abort, request

        def view():
            name = request.args["name"]
            if {condition}:
                abort(400)
            return open(name)
        """) == []


@pytest.mark.parametrize("condition", ["not name.isalnum()", "name not in ALLOWED",
                                       "NAME.fullmatch(name) is None"])
def test_inside_a_failed_check_the_name_is_unchecked_and_in_its_else_checked(condition: str) -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        def view():
            name = request.args["name"]
            if {condition}:
                open(name)  {MARK}
            else:
                open(name)
        """)


def test_the_else_of_a_failed_check_is_walked() -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import abort, request

        def view():
            name, folder = request.args["name"], request.args["folder"]
            if not name.isalnum():
                abort(400)
            else:
                open(folder)  {MARK}
        """)


def test_a_check_compared_to_none_is_read_the_right_way_round() -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        def view():
            name = request.args["name"]
            if NAME.fullmatch(name) is not None:
                open(name)
            return open(name)  {MARK}
        """)


def test_the_else_of_a_passed_check_is_unchecked() -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        def view():
            name = request.args["name"]
            if name.isalnum():
                open(name)
            else:
                open(name)  {MARK}
        """)


def test_a_not_in_that_is_only_part_of_the_condition_does_not_guard_what_follows() -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import abort, request

        def view(strict):
            name = request.args["name"]
            if name not in ALLOWED and strict:
                abort(404)
            return open(name)  {MARK}
        """)


@pytest.mark.parametrize("condition", ["len(name) < 100", "name", "log(name)", "0 < len(name) in LIMITS",
                                       "name == DEFAULT"])
def test_a_condition_that_checks_nothing_does_not_clean(condition: str) -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        def view():
            name = request.args["name"]
            if {condition}:
                open(name)  {MARK}
            return open(name)  {MARK}
        """)


def test_only_the_names_the_check_reads_are_checked() -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        def view():
            name, folder = request.args["name"], request.args["folder"]
            if not name.isalnum():
                abort(400)
            open(name)
            return open(folder)  {MARK}
        """)


def test_a_while_loop_condition_checks_like_an_if() -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        def view():
            name = request.args["name"]
            while name.isalnum():
                open(name)
            return open(name)  {MARK}
        """)


def test_reassigning_inside_one_branch_leaves_either_value_after_the_if() -> None:
    """A literal assigned in one branch does not clean the name when the test is about something else: the
    other branch keeps the request's value. A test that inspects the name and a body that replaces it is
    read as a guard (what fails the test is replaced), so nothing is reported then."""
    for condition, lines in (("flag", [7]), ("name.isalnum()", [])):
        assert reported(sec.path_traversal, f"""
            from flask import request

            def view(flag):
                name = request.args["name"]
                if {condition}:
                    name = "default.txt"
                return open(name)
            """) == lines, condition
        assert reported(sec.path_traversal, f"""
            from flask import request

            def view(flag):
                name = request.args["name"]
                if {condition}:
                    name = "default.txt"
                else:
                    name = "other.txt"
                return open(name)
            """) == [], condition


# --- statements -------------------------------------------------------------------------------------------

def test_a_class_based_view_is_analysed() -> None:
    assert_marked(sec.path_traversal, f"""
        from django.views import View

        class Download(View):
            def get(self, request):
                return open(request.GET["name"])  {MARK}
        """)


def test_a_nested_function_sees_the_outer_functions_values() -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        def view():
            name = request.args["name"]

            def read():
                return open(name)  {MARK}
            return read()
        """)


def test_an_annotated_assignment_carries_the_taint() -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        def view():
            name: str = request.args["name"]
            size: int
            return open(name)  {MARK}
        """)


def test_augmented_assignments_add_taint_and_keep_it() -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        def view():
            path = "/srv/reports/"
            path += request.args["name"]
            name = request.args["name"]
            name += ".txt"
            count = 0
            count += 1
            open(path)  {MARK}
            return open(name)  {MARK}
        """)


def test_an_augmented_assignment_to_an_attribute_taints_the_object() -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        class Export:
            def run(self):
                self.target = "/srv/exports/"
                self.target += request.args["name"]
                return open(self.target)  {MARK}
        """)


def test_a_walrus_in_a_condition_binds_the_name() -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        def view():
            if (name := request.args.get("name")):
                return open(name)  {MARK}
        """)


def test_a_for_loop_binds_each_element_and_walks_its_else() -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        def view():
            for name in request.args.getlist("name"):
                open(name)  {MARK}
            else:
                open(request.args["last"])  {MARK}
        """)


def test_a_with_statement_evaluates_its_context_and_binds_its_target() -> None:
    assert_marked(sec.path_traversal, f"""
        import os
        from flask import request

        def view():
            with open(request.args["name"]) as fh:  {MARK}
                data = fh.read()
            with request.files["upload"] as upload:
                return open(os.path.join("/srv/uploads", upload.filename), "wb")  {MARK}
        """)


@pytest.mark.parametrize("where", ["body", "handler", "else", "finally"])
def test_every_part_of_a_try_statement_is_walked(where: str) -> None:
    sink = f'open(request.args["name"])  {MARK}'
    parts = {part: sink if part == where else "pass" for part in ("body", "handler", "else", "finally")}
    assert_marked(sec.path_traversal, f"""
        from flask import request

        def view():
            try:
                {parts["body"]}
            except OSError:
                {parts["handler"]}
            else:
                {parts["else"]}
            finally:
                {parts["finally"]}
        """)


def test_a_returned_call_is_walked() -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request, send_file

        def view():
            return send_file(request.args["name"])  {MARK}
        """)


def test_calls_in_raise_assert_and_del_are_walked() -> None:
    assert_marked(sec.code_injection, f"""
        from flask import request

        def view():
            assert eval(request.args["check"])  {MARK}
            del CACHE[eval(request.args["key"])]  {MARK}
            raise ValueError(eval(request.args["why"]))  {MARK}
        """)


def test_a_match_statement_walks_its_subject_and_its_cases() -> None:
    assert_marked(sec.ssrf, f"""
        import requests
        from flask import request

        def view(action):
            match requests.get(request.args["url"]).status_code:  {MARK}
                case 200:
                    return requests.get(request.args["next"])  {MARK}
                case _:
                    return None
        """)


def test_a_decorators_calls_are_listed_with_the_function() -> None:
    ctx = _context("""
        from flask import Flask

        app = Flask(__name__)

        @app.route("/health")
        def health():
            return "ok"
        """)
    [flow] = flows(ctx)
    assert [(call.name, call.line) for call in flow.calls] == [("Flask", 3), ("app.route", 5)]


# --- assignments to targets -------------------------------------------------------------------------------

def test_unpacking_taints_every_name_including_a_starred_one() -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        def view():
            folder, name = request.args["folder"], request.args["name"]
            first, *rest = request.args.getlist("name")
            label, size = "report", 10
            open(label)
            open(name)  {MARK}
            return open(rest[0])  {MARK}
        """)


def test_storing_request_data_in_a_container_taints_the_container() -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        def view():
            options = {{}}
            options["path"] = request.args["name"]
            settings = {{}}
            settings["path"] = "/srv/default"
            open(settings["path"])
            return open(options["path"])  {MARK}
        """)


def test_storing_request_data_in_an_attributes_item_does_not_stop_the_analysis() -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        class Export:
            def run(self):
                self.options["path"] = request.args["name"]
                self.cache[request.args["key"]] = "/srv/exports"
                return open(request.args["other"])  {MARK}
        """)


def test_calls_in_an_assignment_target_are_listed() -> None:
    ctx = _context("""
        from flask import request

        def view():
            registry.lookup(request.args["name"]).enabled = True
        """)
    [flow] = flows(ctx)
    [call] = flow.calls
    assert call.name == "registry.lookup" and call.line == 4
    assert call.args[0].tainted and call.args[0].source == "request.args"


def test_every_binding_is_listed_with_its_target_and_line() -> None:
    ctx = _context("""
        from flask import request

        def view(lock):
            with lock:
                name = request.args["name"]
            with open(name) as fh:
                data = fh.read()
        """)
    [flow] = flows(ctx)
    bound = [(ast.unparse(a.target), a.line, a.value.tainted) for a in flow.assignments]
    assert bound == [("name", 5, True), ("fh", 6, False), ("data", 7, False)]


def test_request_data_stored_in_the_session_is_reported() -> None:
    assert_marked(sec.session_trust, f"""
        from flask import request, session

        def login():
            session["role"] = request.form["role"]  {MARK}
            session["user_id"] = int(request.form["user_id"])
            session["theme"] = "dark"
        """)


# --- helpers in the same file -----------------------------------------------------------------------------

HELPERS = """
import os
from flask import request
from werkzeug.utils import secure_filename

ROOT = "/srv/reports"

def under_root(name):
    return os.path.join(ROOT, name)

def cleaned(name):
    return secure_filename(name)

def fixed_name(name):
    return "report.txt"

def stripped(path):
    if path.startswith("./"):
        return stripped(path[2:])
    return path
"""


def test_a_helper_that_builds_the_path_passes_the_taint_at_every_call() -> None:
    assert_marked(sec.path_traversal, HELPERS + f"""
def view():
    open(request.args["first"])  {MARK}
    open(under_root(request.args["name"]))  {MARK}
    return open(under_root(request.args["other"]))  {MARK}
""")


def test_a_helper_that_sanitizes_or_ignores_its_argument_gives_a_safe_value() -> None:
    assert reported(sec.path_traversal, HELPERS + """
def view():
    open(cleaned(request.args["name"]))
    return open(fixed_name(request.args["name"]))
""") == []


def test_a_recursive_helper_is_followed_without_looping() -> None:
    assert_marked(sec.path_traversal, HELPERS + f"""
def view():
    return open(stripped(request.args["name"]))  {MARK}
""")


def test_a_path_helper_returns_a_path_object() -> None:
    assert_marked(sec.path_traversal, f"""
        from pathlib import Path
        from flask import request

        def upload_path(name):
            return Path("/srv/uploads") / name

        def view():
            return upload_path(request.args["name"]).unlink()  {MARK}
        """)


# --- queries and commands ---------------------------------------------------------------------------------

def test_sql_run_on_a_connection_returned_by_a_call_is_reported_under_that_name() -> None:
    [message] = messages(sec.sql_input, """
        from flask import request

        def view():
            return get_db().execute(request.args["q"])
        """)
    assert "run as SQL by `get_db().execute`" in message


def test_an_xml_parser_resolving_entities_is_reported() -> None:
    assert_marked(sec.xxe, f"""
        from lxml import etree

        def parse(data):
            parser = etree.XMLParser(resolve_entities=True)  {MARK}
            safe = etree.XMLParser()
            return etree.fromstring(data, parser)
        """)
