"""The Python data-flow layer after its generalisation: either-values (an `or`, a conditional, the
branches of an `if` or a `match`) and what survives their merge (the request's data, a path object, an
HTTP client, known constants and dict entries), bounded literal text, containers filled through their
methods, and tests that inspect a value before the code replaces it. Snippets pass a value to
`sink(...)` (the layer's record of that call is what the checks judge) or run the real checks."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks._pyflow import MAX_TEXT, PATH, SinkCall, Value, flows
from persona_review.checks.base import FileContext
from persona_review.checks.py_flow_security import (
    open_redirect,
    path_traversal,
    reflected_xss,
    ssrf,
)
from persona_review.contexts import context_for_text


def ctx_of(source: str) -> FileContext:
    return context_for_text("app.py", textwrap.dedent(source))


def sink_calls(source: str) -> list[SinkCall]:
    return [call for flow in flows(ctx_of(source)) for call in flow.calls if call.name == "sink"]


def sink_arg(source: str) -> Value:
    found = sink_calls(source)
    assert found, "no call of sink recorded"
    return found[-1].args[0]


def traversal_lines(source: str) -> list[int]:
    return [hit.line for hit in path_traversal(ctx_of(source))]


def ssrf_lines(source: str) -> list[int]:
    return [hit.line for hit in ssrf(ctx_of(source))]


def redirect_lines(source: str) -> list[int]:
    return [hit.line for hit in open_redirect(ctx_of(source))]


def xss_lines(source: str) -> list[int]:
    return [hit.line for hit in reflected_xss(ctx_of(source))]


# --- either-values: an `or`, a conditional expression ---------------------------------------------------


def test_request_data_with_a_path_object_as_fallback_is_a_path() -> None:
    source = """\
        root = request.args.get("root") or Path("/srv/files")
        sink(root)
        (root / "index.html").read_text()
        """
    value = sink_arg(source)
    assert value.tainted and value.pathlike and value.source == "request.args.get"
    assert traversal_lines(source) == [3]


def test_a_path_object_with_request_data_as_the_other_choice_is_a_path() -> None:
    source = """\
        root = Path("/srv/files") if request.args.get("default") else request.args["root"]
        sink(root)
        (root / "index.html").read_text()
        """
    value = sink_arg(source)
    assert value.tainted and value.pathlike
    assert traversal_lines(source) == [3]


def test_a_choice_between_two_fixed_paths_is_a_path_without_request_data() -> None:
    source = """\
        root = Path("/srv/a") if fast else Path("/srv/b")
        sink(root)
        (root / request.args["f"]).read_text()
        """
    value = sink_arg(source)
    assert not value.tainted and value.pathlike
    assert traversal_lines(source) == [3]


def test_a_choice_between_two_plain_values_is_not_a_path() -> None:
    value = sink_arg("""\
        root = first or second
        sink(root)
        """)
    assert not value.tainted and not value.pathlike and not value.http_client
    assert traversal_lines("""\
        root = first or second
        (root / request.args["f"]).read_text()
        """) == []


@pytest.mark.parametrize("choice", [
    'getattr(g, "http", None) or requests.Session()',
    'requests.Session() if pooled else None',
    'httpx.Client() if pooled else requests.Session()',
])
def test_a_client_session_chosen_among_others_still_sends_requests(choice: str) -> None:
    """A bug the mutants showed: merging two untainted values forgot that one was an HTTP client, so
    `session = session or requests.Session()` hid the request the handler then sent."""
    source = f"""\
        http = {choice}
        http.get(request.args["url"])
        """
    assert ssrf_lines(source) == [2]


def test_a_choice_between_unknown_objects_is_not_an_http_client() -> None:
    assert ssrf_lines("""\
        options = defaults or overrides
        options.get(request.args["url"])
        """) == []


# --- literal text is kept up to a bound ---------------------------------------------------------------


def test_literal_text_is_kept_up_to_the_bound_and_forgotten_past_it() -> None:
    host = "a" * (MAX_TEXT - len("https://"))
    at_bound = sink_arg(f'sink("https://" + "{host}" + request.args["p"])')
    assert at_bound.tainted and at_bound.start == "https://" + host
    assert ssrf_lines(f'requests.get("https://" + "{host}" + request.args["p"])') == [1], \
        "a host written in full, with no path after it, is still the caller's to extend"
    past = sink_arg(f'sink("https://" + "{host}a" + request.args["p"])')
    assert past.tainted and past.start is None


# --- branches merged after an `if` ---------------------------------------------------------------------


def test_a_constant_changed_in_one_branch_is_unknown_after_the_if() -> None:
    assert traversal_lines("""\
        mode = "safe"
        if request.args.get("raw"):
            mode = "raw"
        if mode == "safe":
            path = "/srv/static/index.html"
        else:
            path = request.args["f"]
        open(path)
        """) == [8]


def test_a_constant_set_in_one_branch_to_the_value_it_had_is_unknown_after_the_if() -> None:
    assert traversal_lines("""\
        mode = "raw"
        if request.args.get("plain"):
            mode = "safe"
        if mode == "safe":
            path = "/srv/static/index.html"
        else:
            path = request.args["f"]
        open(path)
        """) == [8]


def test_a_constant_no_branch_changes_is_still_known_after_the_if() -> None:
    assert traversal_lines("""\
        mode = "safe"
        if request.args.get("verbose"):
            print("verbose")
        if mode == "safe":
            path = "/srv/static/index.html"
        else:
            path = request.args["f"]
        open(path)
        """) == []


def test_a_constant_both_branches_set_alike_is_known_after_the_if() -> None:
    assert traversal_lines("""\
        if request.args.get("verbose"):
            mode = "safe"
        else:
            mode = "safe"
        if mode == "safe":
            path = "/srv/static/index.html"
        else:
            path = request.args["f"]
        open(path)
        """) == []


def test_a_dict_entry_changed_in_one_branch_may_hold_either_value() -> None:
    assert traversal_lines("""\
        files = {}
        files["path"] = "/srv/static/a.txt"
        if request.args.get("custom"):
            files["path"] = request.args["f"]
        open(files["path"])
        """) == [5]


def test_a_dict_entry_set_in_one_branch_only_is_read_from_the_other() -> None:
    assert traversal_lines("""\
        files = {}
        files["path"] = request.args["f"]
        if request.args.get("safe"):
            files["path"] = "/srv/static/a.txt"
        open(files["path"])
        """) == [5]


def test_a_dict_entry_no_branch_changes_is_still_known_after_the_if() -> None:
    assert traversal_lines("""\
        files = {}
        files["name"] = request.args["n"]
        files["path"] = "/srv/static/a.txt"
        if request.args.get("verbose"):
            print("verbose")
        open(files["path"])
        open(files["name"])
        """) == [7]


def test_a_negated_check_merges_what_its_body_assigned() -> None:
    assert traversal_lines("""\
        path = "/srv/default.txt"
        name = request.args["n"]
        if not name.isalnum():
            path = request.args["fallback"]
        open(path)
        open(name)
        """) == [5]


def test_a_value_checked_in_the_if_and_replaced_in_the_else_is_safe_after() -> None:
    """A bug the mutants showed: the value checked in the `if` was put back unchecked at the end of
    its body, so a name replaced by a default in the `else` was reported after the statement."""
    assert traversal_lines("""\
        name = request.args["n"]
        if name.isalnum():
            pass
        else:
            name = "default"
        open(name)
        """) == []
    assert traversal_lines("""\
        name = request.args["n"]
        if name.isalnum():
            open(name)
        open(name)
        """) == [4]


# --- `match` ----------------------------------------------------------------------------------------------


def test_a_match_whose_only_case_fits_anything_keeps_its_literal() -> None:
    source = """\
        match request.args.get("proto"):
            case _:
                base = "https://"
        sink(base + request.args["host"])
        requests.get(base + request.args["host"])
        """
    assert sink_arg(source).start == "https://"
    assert ssrf_lines(source) == [5]


def test_a_match_without_a_catch_all_may_run_no_case() -> None:
    assert traversal_lines("""\
        path = request.args["f"]
        match request.args.get("kind"):
            case "a":
                path = "/srv/a.txt"
            case "b":
                path = "/srv/b.txt"
        open(path)
        """) == [7]


@pytest.mark.parametrize("catch_all", ["case _:", "case other:"])
def test_a_match_with_a_catch_all_runs_one_of_its_cases(catch_all: str) -> None:
    assert traversal_lines(f"""\
        path = request.args["f"]
        match request.args.get("kind"):
            case "a":
                path = "/srv/a.txt"
            {catch_all}
                path = "/srv/default.txt"
        open(path)
        """) == []


def test_a_guarded_catch_all_may_not_run() -> None:
    assert traversal_lines("""\
        path = request.args["f"]
        match request.args.get("kind"):
            case "a":
                path = "/srv/a.txt"
            case _ if strict:
                path = "/srv/default.txt"
        open(path)
        """) == [7]


def test_a_match_on_a_constant_runs_the_case_that_fits() -> None:
    assert traversal_lines("""\
        kind = "csv"
        match kind:
            case "json":
                path = "/srv/export.json"
            case "csv" | "tsv":
                path = request.args["f"]
        open(path)
        """) == [7]
    assert traversal_lines("""\
        kind = "json"
        match kind:
            case "json":
                path = "/srv/export.json"
            case "csv":
                path = request.args["f"]
        open(path)
        """) == []


def test_a_match_on_a_constant_that_no_case_fits_runs_none() -> None:
    assert traversal_lines("""\
        path = "/srv/export.json"
        kind = "xml"
        match kind:
            case "csv":
                path = request.args["f"]
        open(path)
        """) == []


def test_a_nan_constant_is_unequal_to_itself_after_a_single_case_match() -> None:
    assert traversal_lines("""\
        ratio = 1e309 - 1e309
        match request.args.get("k"):
            case _:
                pass
        if ratio == ratio:
            path = request.args["f"]
        else:
            path = "/srv/export.json"
        open(path)
        """) == []


def test_a_guarded_case_on_a_constant_may_not_run() -> None:
    assert traversal_lines("""\
        kind = "csv"
        match kind:
            case "csv" if request.args.get("cached"):
                path = "/srv/export.csv"
            case _:
                path = request.args["f"]
        open(path)
        """) == [7]


def test_a_case_that_cannot_be_judged_on_a_constant_leaves_every_case_possible() -> None:
    assert traversal_lines("""\
        kind = "csv"
        match kind:
            case str():
                path = request.args["f"]
            case "csv":
                path = "/srv/export.csv"
        open(path)
        """) == [7]


# --- what a new binding forgets -------------------------------------------------------------------------


def test_a_name_rebound_to_request_data_is_no_longer_a_constant() -> None:
    assert traversal_lines("""\
        mode = "safe"
        mode = request.args.get("mode")
        if mode == "safe":
            path = "/srv/static/index.html"
        else:
            path = request.args["f"]
        open(path)
        """) == [7]


def test_a_dict_rebound_to_request_data_forgets_its_entries() -> None:
    assert traversal_lines("""\
        files = {}
        files["path"] = "/srv/static/a.txt"
        files = request.get_json()
        open(files["path"])
        """) == [4]


# --- checks in an `if` ------------------------------------------------------------------------------------


@pytest.mark.parametrize("keyword", ["url", "path", "value"])
def test_a_value_passed_by_keyword_to_a_check_is_checked(keyword: str) -> None:
    assert traversal_lines(f"""\
        name = request.args["n"]
        if validate_name({keyword}=name):
            open(name)
        """) == []


def test_a_value_passed_under_another_keyword_is_not_checked() -> None:
    assert traversal_lines("""\
        name = request.args["n"]
        if validate_name(other=name):
            open(name)
        """) == [3]


# --- calls: escaping, dict.get, format ------------------------------------------------------------------


def test_html_escaping_keeps_request_data_for_other_sinks() -> None:
    value = sink_arg('sink(escape_html(request.args["f"]))')
    assert value.tainted and value.unsafe_for(PATH) and not value.unsafe_for("html")
    assert traversal_lines('open(escape_html(request.args["f"]))') == [1]
    constant = sink_arg('sink(escape_html("title"))')
    assert not constant.tainted and constant.start is None and not constant.safe_for


def test_dict_get_with_a_default_reads_the_entry_under_its_key() -> None:
    source = """\
        opts = {}
        opts["path"] = "/srv/static/a.txt"
        opts["name"] = request.args["n"]
        open(opts.get("name", "path"))
        open(opts.get("path", "name"))
        """
    assert traversal_lines(source) == [4]


def test_a_translated_template_formatted_with_request_data_is_request_data() -> None:
    source = """\
        from flask import Flask, request
        app = Flask(__name__)

        @app.route("/hello")
        def hello():
            return _("<p>Hello {}</p>").format(request.args["name"])
        """
    assert xss_lines(source) == [6]
    value = sink_arg('sink(_("Hello {}").format(request.args["name"]))')
    assert value.tainted and value.start is None


# --- containers filled through their methods --------------------------------------------------------------

MUTATORS = ["append", "extend", "add", "update", "setdefault", "appendleft", "extendleft", "put",
            "put_nowait", "push"]


@pytest.mark.parametrize("method", MUTATORS)
def test_a_container_holds_what_its_methods_stored(method: str) -> None:
    assert traversal_lines(f"""\
        box = make_box()
        box.{method}(request.args["f"])
        for item in box:
            open(item)
        """) == [4]


def test_a_container_holds_what_insert_stored() -> None:
    assert traversal_lines("""\
        box = make_box()
        box.insert(0, request.args["f"])
        for item in box:
            open(item)
        """) == [4]


def test_another_method_stores_nothing() -> None:
    assert traversal_lines("""\
        box = make_box()
        box.count(request.args["f"])
        for item in box:
            open(item)
        """) == []


@pytest.mark.parametrize("fill", ['files.update(request.args)',
                                  'files.setdefault("path", request.args["p"])'])
def test_update_and_setdefault_forget_a_dicts_known_entries(fill: str) -> None:
    assert traversal_lines(f"""\
        files = {{}}
        files["mode"] = "r"
        {fill}
        open(files["path"])
        """) == [4]


def test_pushing_onto_a_container_keeps_its_known_entries() -> None:
    assert traversal_lines("""\
        registry = Registry()
        registry["default"] = "/srv/static/a.txt"
        registry.push(request.args["f"])
        open(registry["default"])
        for item in registry:
            open(item)
        """) == [6]


def test_what_a_storing_method_returns_is_not_request_data() -> None:
    value = sink_arg("""\
        queue = make_queue()
        sink(queue.put(request.args["job"]))
        """)
    assert not value.tainted


def test_a_list_literal_holding_request_data_taints_each_item() -> None:
    assert traversal_lines("""\
        paths = [request.args["a"], "/srv/static/b.txt"]
        for path in paths:
            open(path)
        """) == [3]


# --- a test that inspects a value, and a body that replaces it ------------------------------------------


def test_a_replaced_url_with_an_else_is_safe_after_the_if() -> None:
    """A bug the mutants showed: the `if` that replaces an absolute URL cleaned it only when the `if`
    had no `else`."""
    assert redirect_lines("""\
        target = request.args["next"]
        if urlparse(target).netloc:
            target = "/"
        else:
            log.info("relative")
        redirect(target)
        """) == []


def test_the_else_of_an_if_that_replaces_a_url_is_followed() -> None:
    assert redirect_lines("""\
        target = request.args["next"]
        if urlparse(target).netloc:
            target = "/"
        else:
            target = request.args["fallback"]
        redirect(target)
        """) == [6]


def test_a_loop_that_replaces_an_absolute_url_leaves_it_safe() -> None:
    assert redirect_lines("""\
        target = request.args["next"]
        while urlparse(target).netloc:
            target = "/"
        redirect(target)
        """) == []


@pytest.mark.parametrize("test", ['target == ""', "target is None", "target == 0", 'target != ""'])
def test_replacing_an_empty_value_leaves_the_others_unchecked(test: str) -> None:
    assert redirect_lines(f"""\
        target = request.args.get("next")
        if {test}:
            target = "/"
        redirect(target)
        """) == [4]


@pytest.mark.parametrize("test", ['target == "/home"', 'target.startswith("//")', "len(target) == 0",
                                  'target[0] == "/"'])
def test_replacing_an_inspected_value_leaves_what_passed_the_test(test: str) -> None:
    assert redirect_lines(f"""\
        target = request.args.get("next")
        if {test}:
            target = "/"
        redirect(target)
        """) == []


def test_replacing_a_value_without_request_data_does_not_undo_a_check() -> None:
    assert traversal_lines("""\
        config = load_config()
        name = request.args["n"]
        if name.isalnum() and config.get("strict"):
            config = {}
            open(name)
        """) == []


# --- handlers and their returns -------------------------------------------------------------------------


def test_a_handlers_returns_are_known_before_its_calls_are_asked_for() -> None:
    [flow] = flows(ctx_of("""\
        @app.route("/hello")
        def hello():
            return request.args["name"]
        """))
    [(ret, value)] = flow.handler_returns
    assert ret.lineno == 3 and value.tainted


def test_a_nested_function_does_not_end_its_handler() -> None:
    assert xss_lines("""\
        from flask import Flask, request
        app = Flask(__name__)

        @app.route("/hello")
        def hello():
            def plain():
                return 1
            name = request.args["name"]
            return "<p>" + name + "</p>"
        """) == [9]


def test_a_handler_inside_an_app_factory_returns_the_response() -> None:
    assert xss_lines("""\
        from flask import Flask, request

        def create_app():
            app = Flask(__name__)

            @app.route("/hello")
            def hello():
                return "<p>" + request.args["name"] + "</p>"

            return app
        """) == [8]


def test_a_helper_inside_a_handler_does_not_return_the_response() -> None:
    assert xss_lines("""\
        from flask import Flask, jsonify, request
        app = Flask(__name__)

        @app.route("/hello")
        def hello():
            name = request.args["name"]
            def render():
                return "<p>" + name + "</p>"
            return jsonify(html=render())
        """) == []


# --- request sources ------------------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["request.authorization.username", "request.remote_user"])
def test_the_callers_credentials_and_user_name_are_request_data(source: str) -> None:
    assert traversal_lines(f'open("/srv/homes/" + {source})') == [1]
