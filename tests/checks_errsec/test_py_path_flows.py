"""Python path traversal through the ways real handlers reach a file: a helper that reads the request, a
prefix check on a path whose `..` is still in it, and a sink inside a same-file function or method that
the handler calls with request data. Each test has the flagged case and its safe twin; a line marked
`# <-` is reported, every other line is not."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator

import pytest

from persona_review.checks import py_flow_security as sec
from persona_review.checks._pyflow import MAX_ENTERED, flows
from persona_review.checks.base import FileContext, Hit
from persona_review.contexts import context_for_text

Check = Callable[[FileContext], Iterator[Hit]]
MARK = "# <-"


def _context(source: str) -> FileContext:
    return context_for_text("app/views.py", textwrap.dedent(source).lstrip("\n"))


def reported(check: Check, source: str) -> list[int]:
    return sorted({hit.line for hit in check(_context(source)) if hit.line is not None})


def marked(source: str) -> list[int]:
    text = textwrap.dedent(source).lstrip("\n")
    return [n for n, line in enumerate(text.splitlines(), start=1) if line.rstrip().endswith(MARK)]


def assert_marked(check: Check, source: str) -> None:
    assert reported(check, source) == marked(source)


# --- helpers that read the request ------------------------------------------------------------------------

def test_a_helper_that_returns_request_data_is_a_source() -> None:
    assert_marked(sec.path_traversal, """
        from flask import request

        def wanted_name():
            return request.args.get("name", "")

        def fixed_name():
            return "report.txt"

        def numbered():
            return int(request.args["n"])

        def view():
            open(wanted_name())  # <-
            open(fixed_name())
            return open(f"/srv/{numbered()}.txt")
        """)


def test_the_message_names_the_helper() -> None:
    [hit] = sec.path_traversal(_context("""
        from flask import request

        def wanted_name():
            return request.args["name"]

        def view():
            return open(wanted_name())
        """))
    assert "request.args (through `wanted_name()`)" in (hit.message or "")


# --- prefix checks ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("check", ["name.startswith('docs/')", "name.endswith('.txt')",
                                   "str(name).startswith('docs/')"])
def test_a_prefix_check_on_an_unresolved_path_does_not_protect_a_file_sink(check: str) -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        def view():
            name = request.args["name"]
            if {check}:
                return open(name)  # <-
        """)


@pytest.mark.parametrize("resolve", ["os.path.normpath", "os.path.abspath", "os.path.realpath",
                                     "posixpath.normpath", "posixpath.abspath", "posixpath.realpath"])
def test_a_prefix_check_on_a_resolved_path_protects_it(resolve: str) -> None:
    assert_marked(sec.path_traversal, f"""
        import os, posixpath
        from flask import request

        BASE = "/srv/files/"

        def view():
            name = {resolve}(os.path.join(BASE, request.args["name"]))
            if name.startswith(BASE):
                return open(name)
            return open(name)  # <-

        def inline():
            name = os.path.join(BASE, request.args["name"])
            if {resolve}(name).startswith(BASE):
                return open(name)
        """)


def test_a_pathlib_path_resolved_before_its_prefix_check_is_protected() -> None:
    assert_marked(sec.path_traversal, """
        from pathlib import Path
        from flask import request

        BASE = Path("/srv/files")

        def view():
            path = (BASE / request.args["name"]).resolve()
            if str(path).startswith(str(BASE)):
                return path.read_text()

        def unresolved():
            path = BASE / request.args["name"]
            if str(path).startswith(str(BASE)):
                return path.read_text()  # <-
        """)


def test_resolving_after_the_check_does_not_make_the_check_count() -> None:
    assert_marked(sec.path_traversal, """
        import os
        from flask import request

        def view():
            name = request.args["name"]
            if name.startswith("docs/"):
                return open(os.path.normpath(name))  # <-
        """)


def test_a_prefix_check_with_an_allow_list_is_a_check() -> None:
    assert_marked(sec.path_traversal, """
        from flask import request

        ALLOWED = {"docs/a.txt", "docs/b.txt"}

        def view():
            name = request.args["name"]
            if name.startswith("docs/") and name in ALLOWED:
                return open(name)
        """)


def test_a_prefix_check_still_protects_a_redirect() -> None:
    assert_marked(sec.open_redirect, """
        from flask import redirect, request

        def view():
            target = request.args["next"]
            if target.startswith("https://app.example.com/"):
                return redirect(target)
            return redirect(request.args["other"])  # <-
        """)


# --- sinks inside same-file functions and methods ---------------------------------------------------------

def test_a_sink_inside_a_helper_called_with_request_data_is_reported_there() -> None:
    assert_marked(sec.path_traversal, """
        import os
        from flask import request

        def read_report(name, mode="r"):
            with open(os.path.join("/srv/reports", name), mode) as fh:  # <-
                return fh.read()

        def view():
            return read_report(request.args["name"])

        def fixed():
            return read_report("summary.txt")
        """)


def test_a_helper_called_only_with_constants_or_checked_values_is_not_reported() -> None:
    assert_marked(sec.path_traversal, """
        from flask import request
        from werkzeug.utils import secure_filename

        def read_report(name):
            return open(name).read()

        def view():
            return read_report(secure_filename(request.args["name"]))

        def fixed():
            return read_report("summary.txt")
        """)


def test_a_keyword_argument_reaches_its_parameter() -> None:
    assert_marked(sec.path_traversal, """
        from flask import request

        def remove(*, path, dry_run=False):
            import os
            os.remove(path)  # <-

        def view():
            remove(dry_run=True, path=request.form["p"])
        """)


def test_a_method_of_a_same_file_class_is_followed() -> None:
    assert_marked(sec.path_traversal, """
        from fastapi import FastAPI

        app = FastAPI()

        class Files:
            def get_data(self, filepath: str):
                with open(filepath) as f:  # <-
                    return f.read()

            @staticmethod
            def purge(path):
                import os
                os.unlink(path)  # <-

        files = Files()

        @app.get("/file/")
        async def read_item(path: str):
            files.purge(path)
            return files.get_data(path)
        """)


def test_a_method_on_an_imported_module_is_not_taken_for_a_same_file_method() -> None:
    assert_marked(sec.path_traversal, """
        import storage
        from flask import request

        class Local:
            def fetch(self, key):
                return open(key).read()

        def view():
            return storage.fetch(request.args["key"])
        """)


def test_a_method_with_an_uncommon_name_is_followed() -> None:
    assert_marked(sec.path_traversal, """
        from flask import request

        class Store:
            def fetch_report(self, key):
                return open(key).read()  # <-

        def view(store):
            return store.fetch_report(request.args["key"])
        """)


def test_a_method_name_defined_twice_is_not_guessed() -> None:
    assert_marked(sec.path_traversal, """
        from flask import request

        class A:
            def fetch(self, key):
                return open(key).read()

        class B:
            def fetch(self, key):
                return key

        def view(thing):
            return thing.fetch(request.args["key"])
        """)


@pytest.mark.parametrize("method", [
    "get", "set", "pop", "update", "append", "extend", "insert", "remove", "add", "discard", "clear",
    "copy", "keys", "values", "items", "setdefault", "format", "join", "split", "replace", "strip",
    "encode", "decode", "read", "write", "close", "send", "run", "call", "execute", "save",
    "delete", "filter", "exclude", "create", "render", "__call__",
])  # `open` is itself a file sink by name
def test_common_method_names_are_not_resolved_to_a_same_file_class(method: str) -> None:
    assert_marked(sec.path_traversal, f"""
        from flask import request

        class Store:
            def {method}(self, key):
                return open(key).read()

        def view(store):
            return store.{method}(request.args["key"])
        """)


def test_what_a_followed_helper_returns_is_not_the_handler_response() -> None:
    source = """
        from flask import Flask, request

        app = Flask(__name__)

        def greet(name):
            return "<p>Hello " + name + "</p>"

        @app.route("/")
        def view():
            greet(request.args["name"])
            return "ok"
        """
    assert reported(sec.reflected_xss, source) == []


def test_helpers_are_walked_again_at_most_a_bounded_number_of_times() -> None:
    helpers = "\n".join(f"def h{i}(p):\n    open(p)\n" for i in range(MAX_ENTERED + 1))
    calls = "\n".join(f"    h{i}(request.args['f'])" for i in range(MAX_ENTERED + 1))
    text = f"from flask import request\n{helpers}\ndef view():\n{calls}\n"
    lines = sorted(hit.line for hit in sec.path_traversal(context_for_text("app.py", text)) if hit.line)
    assert len(lines) == MAX_ENTERED
    assert lines[-1] == 3 * MAX_ENTERED  # h{i}'s `open` is on line 3i + 3: the last helper is not followed


def test_the_same_helper_and_values_are_walked_once() -> None:
    text = textwrap.dedent("""
        from flask import request

        def load(p):
            return open(p)

        def view():
            load(request.args["a"])
            load(request.args["a"])
            load(request.args["b"])
        """)
    [flow] = flows(context_for_text("app.py", text))
    opens = [call for call in flow.calls if call.name == "open" and call.args[0].tainted]
    assert len(opens) == 1


# --- send_from_directory ----------------------------------------------------------------------------------

def test_send_from_directory_is_reported_for_its_directory_not_its_file_name() -> None:
    assert_marked(sec.path_traversal, """
        from flask import request, send_from_directory

        def view():
            return send_from_directory(request.args["dir"], "index.html")  # <-

        def safe():
            return send_from_directory("/srv/static", request.args["name"])

        def keywords():
            return send_from_directory(directory="/srv/static", path=request.args["name"])
        """)


def test_the_lines_walked_again_are_bounded_by_the_file_size() -> None:
    """A long helper called with many different values is walked again only while the lines walked stay
    within ENTERED_LINES_PER_LINE times the file's length."""
    from persona_review.checks._pyflow import ENTERED_LINES_PER_LINE

    body = "\n".join(f"    x{i} = p" for i in range(100))
    calls = "\n".join(f"    load('dir{i}/' + request.args['f'])" for i in range(10))  # ten different values
    text = f"from flask import request\ndef load(p):\n{body}\n    open(p)\n\ndef view():\n{calls}\n"
    [flow] = flows(context_for_text("app.py", text))
    walked = [call for call in flow.calls if call.name == "open" and call.args[0].tainted]
    lines = len(text.splitlines())
    helper = 102
    assert len(walked) == ENTERED_LINES_PER_LINE * lines // helper == 2
