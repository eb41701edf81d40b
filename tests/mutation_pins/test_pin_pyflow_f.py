"""Pins for the Python data flow's path checks on resolved paths and its walks into same-file functions
(`checks/_pyflow.py`): a flagged case and its safe twin each. A line marked `# <-` is reported, every other
line is not."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator

import pytest

from persona_review.checks import py_flow_security as sec
from persona_review.checks._pyflow import flows
from persona_review.checks.base import FileContext, Hit
from persona_review.contexts import context_for_text

Check = Callable[[FileContext], Iterator[Hit]]
MARK = "# <-"


def _context(source: str) -> FileContext:
    return context_for_text("app/views.py", textwrap.dedent(source).lstrip("\n"))


def reported(check: Check, source: str) -> list[int]:
    return sorted({hit.line for hit in check(_context(source)) if hit.line is not None})


def assert_marked(check: Check, source: str) -> None:
    text = textwrap.dedent(source).lstrip("\n")
    want = [n for n, line in enumerate(text.splitlines(), start=1) if line.rstrip().endswith(MARK)]
    assert reported(check, source) == want


# --- a path resolved on one branch only ---------------------------------------------------------------------

def test_a_path_resolved_on_one_branch_only_is_not_resolved_after_it() -> None:
    assert_marked(sec.path_traversal, """
        import os
        from flask import request

        BASE = "/srv/files/"

        def sometimes(settings):
            name = os.path.join(BASE, request.args["name"])
            if settings.RESOLVE:
                name = os.path.realpath(name)
            if name.startswith(BASE):
                return open(name)  # <-

        def always(settings):
            name = os.path.join(BASE, request.args["name"])
            if settings.STRICT:
                name = os.path.realpath(name)
            else:
                name = os.path.abspath(name)
            if name.startswith(BASE):
                return open(name)  # the finding spans the join above down to here
        """)


# --- how many functions are walked again --------------------------------------------------------------------

def test_at_most_sixty_four_functions_are_walked_again_per_file() -> None:
    count = 65
    helpers = "\n".join(f"def h{i}(p):\n    open(p)\n" for i in range(count))
    calls = "\n".join(f"    h{i}(request.args['f'])" for i in range(count))
    text = f"from flask import request\n{helpers}\ndef view():\n{calls}\n"
    lines = sorted(hit.line for hit in sec.path_traversal(context_for_text("app.py", text)) if hit.line)
    assert lines == [3 * i + 3 for i in range(64)]  # h{i}'s `open` is on line 3i + 3; h64 is not walked


@pytest.mark.parametrize(("body", "walks"), [(11, 4), (7, 4)])
def test_the_lines_walked_again_fill_twice_the_file_and_no_more(body: int, walks: int) -> None:
    """A helper of 13 lines in a file of 26 is walked again 4 times (52 lines, exactly twice the file);
    one of 9 lines in a file of 22 is walked again 4 times (36 lines; a fifth would make 45 of 44)."""
    lines = "\n".join(f"    x{i} = p" for i in range(body))
    calls = "\n".join(f"    load('dir{i}/' + request.args['f'])" for i in range(10))
    text = f"from flask import request\ndef load(p):\n{lines}\n    open(p)\n\ndef view():\n{calls}\n"
    [flow] = flows(context_for_text("app.py", text))
    walked = [call for call in flow.calls if call.name == "open" and call.args[0].tainted]
    assert len(walked) == walks


# --- which calls reach a same-file method -------------------------------------------------------------------

def test_a_class_with_attributes_beside_its_methods_is_followed() -> None:
    assert_marked(sec.path_traversal, """
        from flask import request

        class Store:
            root = "/srv/reports"
            limit: int = 10

            class Meta:
                ordering = ["name"]

            def fetch_report(self, key):
                return open(key).read()  # <-

        def view(store):
            return store.fetch_report(request.args["key"])
        """)


@pytest.mark.parametrize(("imports", "lines"), [("import storage.backends", []),
                                                 ("import cache.backends", [6])])
def test_a_method_called_on_a_dotted_import_is_the_modules_not_the_files(imports: str, lines: list[int]) -> None:
    assert reported(sec.path_traversal, f"""
        {imports}
        from flask import request

        class Local:
            def fetch_report(self, key):
                return open(key).read()

        def view():
            return storage.fetch_report(request.args["key"])
        """) == lines


def test_a_method_called_on_a_submodule_of_an_import_is_the_modules() -> None:
    assert_marked(sec.path_traversal, """
        import storage
        from flask import request

        class Local:
            def fetch_report(self, key):
                return open(key).read()

        def view():
            return storage.backends.fetch_report(request.args["key"])
        """)


def test_functions_are_walked_again_one_level_deep() -> None:
    assert_marked(sec.path_traversal, """
        import os
        from flask import request

        def remove_all(path):
            os.remove(path)  # <-
            purge(path + ".bak")

        def purge(path):
            os.unlink(path)

        def view():
            remove_all(request.args["path"])
        """)


def test_a_handler_that_calls_a_function_with_request_data_still_answers_with_its_returns() -> None:
    assert_marked(sec.reflected_xss, """
        from flask import Flask, request

        app = Flask(__name__)

        def audit(name):
            print(name)

        @app.route("/hello")
        def hello():
            name = request.args["name"]
            audit(name)
            return f"<p>Hello {name}</p>"  # <-
        """)


# --- a check's result kept in a name ------------------------------------------------------------------------

@pytest.mark.parametrize("again", ["settings.ALLOW_ALL", "lookup(target)", "flag or settings.ALLOW_ALL"])
def test_a_name_given_another_value_no_longer_holds_the_checks_result(again: str) -> None:
    assert_marked(sec.open_redirect, f"""
        from django.http import HttpResponseRedirect
        from django.utils.http import url_has_allowed_host_and_scheme

        def view(request, settings, flag):
            target = request.GET.get("next")
            ok = url_has_allowed_host_and_scheme(url=target, allowed_hosts={{request.get_host()}})
            ok = {again}
            if ok:
                return HttpResponseRedirect(target)  # <-

        def kept(request):
            target = request.GET.get("next")
            ok = url_has_allowed_host_and_scheme(url=target, allowed_hosts={{request.get_host()}})
            if ok:
                return HttpResponseRedirect(target)
        """)


def test_a_class_method_binds_its_first_argument_after_cls() -> None:
    assert_marked(sec.path_traversal, """
        from flask import request

        class Reports:
            @classmethod
            def load_report(cls, key, mode="r"):
                return open(key, mode).read()  # <-

        def view():
            return Reports.load_report(request.args["key"])
        """)


def test_a_method_named_open_is_judged_as_a_file_sink_not_walked_into() -> None:
    assert_marked(sec.path_traversal, """
        import os
        from flask import request

        class Archive:
            def open(self, key):
                os.remove(key)

        def view(archive):
            return archive.open(request.args["key"])  # <-
        """)


# --- path objects ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["resolve()", "absolute()", "joinpath('data')", "with_name('a.txt')",
                                    "with_suffix('.txt')"])
def test_a_path_method_that_returns_a_path_keeps_its_file_methods(method: str) -> None:
    assert_marked(sec.path_traversal, f"""
        from pathlib import Path
        from flask import request

        BASE = Path("/srv/files")

        def view():
            path = (BASE / request.args["name"]).{method}
            return path.read_text()  # <-

        def text():
            name = (BASE / request.args["name"]).as_posix()
            return name.read_text()
        """)


# --- helpers that read the request --------------------------------------------------------------------------

def test_a_helper_that_passes_its_argument_through_is_a_source_only_when_given_request_data() -> None:
    assert_marked(sec.path_traversal, """
        from flask import request

        def tidy(name):
            return name.strip().lower()

        def view():
            open(tidy("Report.txt "))
            return open(tidy(request.args["name"]))  # <-
        """)


@pytest.mark.parametrize("spelled", ["str(path)", "os.fspath(path)", "str(os.fspath(path))"])
def test_a_resolved_path_spelled_as_text_keeps_its_prefix_check(spelled: str) -> None:
    assert_marked(sec.path_traversal, f"""
        import os
        from pathlib import Path
        from flask import request

        BASE = Path("/srv/files")

        def view():
            path = (BASE / request.args["name"]).resolve()
            if {spelled}.startswith(str(BASE)):
                return path.read_text()

        def unresolved():
            path = BASE / request.args["name"]
            if {spelled}.startswith(str(BASE)):
                return path.read_text()  # <-
        """)


# --- a test that the URL names no host ----------------------------------------------------------------------

def test_parts_of_another_url_say_nothing_of_the_target() -> None:
    assert_marked(sec.open_redirect, """
        from urllib.parse import urlparse
        from flask import redirect, request

        def view(settings):
            target = request.args.get("next", "").replace("\\\\", "/")
            parts = urlparse(target)
            parts = urlparse(settings.HOME)
            if not parts.netloc:
                return redirect(target)  # <-

        def same(settings):
            target = request.args.get("next", "").replace("\\\\", "/")
            parts = urlparse(target)
            if not parts.netloc:
                return redirect(target)
        """)


@pytest.mark.parametrize("parse", ["urlparse(target)", "urlsplit(target)", "parse.urlparse(target)",
                                   "urllib.parse.urlsplit(target)", 'urlparse(target, "https")',
                                   "urlparse(target, scheme)"])
def test_each_spelling_of_parsing_the_url_counts(parse: str) -> None:
    assert_marked(sec.open_redirect, f"""
        import urllib.parse
        from urllib import parse
        from urllib.parse import urlparse, urlsplit
        from flask import redirect, request

        def view(scheme):
            target = request.args.get("next", "").replace("\\\\", "/")
            parts = {parse}
            if not parts.netloc:
                return redirect(target)
            return redirect(target)  # <-
        """)


@pytest.mark.parametrize(("replace", "safe"), [('"\\\\", "/"', True), ('"\\\\", sep', True),
                                               ('"http:", ""', False), ('old, "/"', False)])
def test_only_replacing_backslashes_makes_the_host_test_count(replace: str, safe: bool) -> None:
    source = f"""
        from urllib.parse import urlparse
        from flask import redirect, request

        def view(sep, old):
            target = request.args.get("next", "")
            target = target.replace({replace})
            if not urlparse(target).netloc:
                return redirect(target)
        """
    assert reported(sec.open_redirect, source) == ([] if safe else [8])


def test_a_loop_on_the_host_is_not_a_host_test_and_its_body_is_walked() -> None:
    assert_marked(sec.open_redirect, """
        from urllib.parse import urlparse
        from flask import redirect, request

        def view():
            target = request.args.get("next", "").replace("\\\\", "/")
            while not urlparse(target).netloc:
                return redirect(target)  # <-

        def retried(retries):
            while retries:
                return redirect(request.args["next"])  # <-
        """)


def test_both_branches_of_a_host_test_are_walked_and_merged() -> None:
    assert_marked(sec.open_redirect, """
        from urllib.parse import urlparse
        from flask import redirect, request

        def branches():
            target = request.args.get("next", "").replace("\\\\", "/")
            if not urlparse(target).netloc:
                return redirect(target)
            else:
                return redirect(target)  # <-

        def replaced():
            target = request.args.get("next", "").replace("\\\\", "/")
            if urlparse(target).netloc:
                target = "/"
            return redirect(target)

        def left_after_logging():
            target = request.args.get("next", "").replace("\\\\", "/")
            if urlparse(target).netloc:
                log("external")
                return redirect("/")
            return redirect(target)
        """)


@pytest.mark.parametrize("parse", ["urlparse(target)", "urlsplit(target)", "parse.urlparse(target)",
                                   "urllib.parse.urlsplit(target)", 'urlparse(target, "https")',
                                   "urlparse(target, scheme)"])
@pytest.mark.parametrize("part", ["netloc", "hostname"])
def test_each_spelling_of_a_host_test_written_inline_counts(parse: str, part: str) -> None:
    assert_marked(sec.open_redirect, f"""
        import urllib.parse
        from urllib import parse
        from urllib.parse import urlparse, urlsplit
        from flask import redirect, request

        def view(scheme):
            target = request.args.get("next", "").replace("\\\\", "/")
            if not {parse}.{part}:
                return redirect(target)
            return redirect(target)  # <-
        """)


def test_the_host_of_something_never_parsed_is_no_host_test() -> None:
    assert_marked(sec.open_redirect, """
        from flask import redirect, request

        def view(settings):
            target = request.args.get("next", "").replace("\\\\", "/")
            if not settings.netloc:
                return redirect(target)  # <-
            if not settings.load().hostname:
                return redirect(target)  # <-
        """)


def test_a_path_stays_resolved_through_str_and_path_only() -> None:
    assert_marked(sec.path_traversal, """
        import os
        from pathlib import Path
        from flask import request

        BASE = Path("/srv/files")

        def as_text():
            name = str((BASE / request.args["name"]).resolve())
            if name.startswith(str(BASE)):
                return open(name)

        def as_path():
            path = Path(os.path.realpath(os.path.join(BASE, request.args["name"])))
            if str(path).startswith(str(BASE)):
                return path.read_text()

        def never_resolved():
            path = Path(request.args["name"])
            if str(path).startswith(str(BASE)):
                return path.read_text()  # <-

        def joined_after_resolving():
            name = os.path.join(os.path.realpath(request.args["dir"]), request.args["name"])  # <-
            if name.startswith(str(BASE)):
                return open(name)
        """)


def test_a_prefix_check_beside_a_full_check_of_the_same_name_is_a_check() -> None:
    assert_marked(sec.path_traversal, """
        from flask import request

        ALLOWED = {"docs/a.txt", "docs/b.txt"}

        def validated():
            name = request.args["name"]
            if name.startswith("docs/") and validate_name(name):
                return open(name)

        def chained():
            name = request.args["name"]
            if name.startswith("docs/") and name in ALLOWED is not None:
                return open(name)

        def prefix_only():
            name = request.args["name"]
            if name.startswith("docs/") and len(name) < 100:
                return open(name)  # <-
        """)


def test_a_prefix_check_counts_on_what_resolve_returns_only() -> None:
    assert_marked(sec.path_traversal, """
        import os
        from pathlib import Path
        from flask import request

        BASE = Path("/srv/files")

        def resolved_inline():
            path = BASE / request.args["name"]
            if str(path.resolve()).startswith(str(BASE)):
                return path.read_text()

        def lowered():
            name = request.args["name"]
            if name.lower().startswith("docs/"):
                return open(name)  # <-

        def decoded():
            name = os.path.realpath(os.path.join(b"/srv/files/", request.get_data()))
            if str(name, "utf-8").startswith("/srv/files/"):
                return open(name)
        """)
