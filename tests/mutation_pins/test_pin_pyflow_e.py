"""The Python data-flow layer (`checks/_pyflow.py`), its second half: `match` on a constant, lists whose
elements are followed by position, dicts filled under literal keys, the constant folding that decides
which branch of an `if` can run (and its size bounds), the page's own URL under each name of the request,
and which decorated functions answer a request. Each snippet passes values to `sink(...)`; the layer's
record of that call is what the checks judge, and a few tests run the real checks to show the
consequence a reviewer sees."""

from __future__ import annotations

import textwrap

import pytest
from tests.checks_errsec.helpers import findings_of

from persona_review.checks._pyflow import URL, Value, flows
from persona_review.contexts import context_for_text


def sinks(source: str) -> list[Value]:
    """The value passed to each `sink(...)` call of `source`, in order."""
    ctx = context_for_text("app.py", textwrap.dedent(source))
    found = [call.args[0] for flow in flows(ctx) for call in flow.calls if call.name == "sink"]
    assert found, "no call of sink recorded"
    return found


def tainted(source: str) -> list[bool]:
    return [value.tainted for value in sinks(source)]


# --- match on a constant ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fallback", ["_", "other"])
def test_a_catch_all_case_runs_alone_when_no_earlier_case_fits_the_constant(fallback: str) -> None:
    source = f"""\
        mode = "b"
        name = request.args["name"]
        match mode:
            case "a":
                pass
            case {fallback}:
                name = "fixed"
        sink(name)
        """
    assert tainted(source) == [False], "only the catch-all runs, and it replaces the request value"


def test_an_or_pattern_that_holds_the_constant_runs_alone() -> None:
    source = """\
        mode = "b"
        name = request.args["name"]
        match mode:
            case "a" | "b":
                name = "fixed"
            case _:
                pass
        sink(name)
        """
    assert tainted(source) == [False]


def test_an_or_pattern_that_misses_the_constant_is_skipped() -> None:
    source = """\
        mode = "c"
        name = "fixed"
        match mode:
            case "a" | "b":
                name = request.args["name"]
            case _:
                pass
        sink(name)
        """
    assert tainted(source) == [False]


def test_an_or_pattern_ending_in_a_wildcard_fits_any_subject() -> None:
    source = """\
        name = request.args["name"]
        match request.args["mode"]:
            case "a" | _:
                name = "fixed"
        sink(name)
        """
    assert tainted(source) == [False], "the case always runs, so the request value is always replaced"


@pytest.mark.parametrize("pattern", ["str()", "[first, second]", "None", '"a" as chosen'])
def test_a_pattern_not_judged_on_a_constant_leaves_every_case_possible(pattern: str) -> None:
    """`"ab"` matches `str()` but not `[first, second]` (a string is not a sequence to `match`): the
    layer does not tell, so it follows every case, the catch-all's as well as the pattern's."""
    source = f"""\
        mode = "ab"
        name = request.args["name"]
        other = request.args["other"]
        match mode:
            case {pattern}:
                name = "fixed"
            case _:
                other = "fixed"
        sink(name)
        sink(other)
        """
    assert tainted(source) == [True, True]


# --- lists followed by position ---------------------------------------------------------------------------


def test_append_adds_the_value_at_the_end_and_taints_the_list() -> None:
    source = """\
        items = ["fixed"]
        items.append(request.args["x"])
        sink(items[0])
        sink(items[1])
        sink(items)
        """
    assert tainted(source) == [False, True, True]


def test_insert_puts_the_value_at_its_index() -> None:
    source = """\
        items = [request.args["x"]]
        items.insert(0, "fixed")
        sink(items[0])
        sink(items[1])
        """
    assert tainted(source) == [False, True]


def test_insert_in_the_middle_shifts_the_later_elements() -> None:
    source = """\
        items = ["a", request.args["x"]]
        items.insert(1, "b")
        sink(items[1])
        sink(items[2])
        sink(items)
        """
    assert tainted(source) == [False, True, True]


def test_insert_of_request_data_taints_the_list_and_that_position() -> None:
    source = """\
        items = ["a", "b"]
        items.insert(1, request.args["x"])
        sink(items[0])
        sink(items[1])
        sink(items[2])
        sink(items)
        """
    assert tainted(source) == [False, True, False, True]


def test_pop_without_an_index_takes_the_last_element_out() -> None:
    source = """\
        items = [request.args["x"], "fixed"]
        last = items.pop()
        sink(last)
        sink(items[0])
        sink(items.pop())
        """
    assert tainted(source) == [False, True, True]


@pytest.mark.parametrize(("index", "popped", "left"), [
    ("0", True, False), ("-2", True, False), ("1", False, True), ("-1", False, True)])
def test_pop_at_an_index_takes_that_element_out(index: str, popped: bool, left: bool) -> None:
    source = f"""\
        items = [request.args["x"], "fixed"]
        taken = items.pop({index})
        sink(taken)
        sink(items[0])
        """
    assert tainted(source) == [popped, left]


@pytest.mark.parametrize("index", ["2", "-3", "i"])
def test_pop_at_an_index_outside_the_list_or_unknown_forgets_the_positions(index: str) -> None:
    source = f"""\
        items = ["fixed", request.args["x"]]
        items.pop({index})
        sink(items[0])
        """
    assert tainted(source) == [True]


def test_pop_at_an_unknown_index_may_return_any_element() -> None:
    source = """\
        names = ["default", request.args["name"]]
        sink(names.pop(int(request.args["i"])))
        """
    assert tainted(source) == [True]
    assert [line for line, rule in findings_of("app/files.py", textwrap.dedent("""\
        from flask import request


        def download():
            names = ["default", request.args["name"]]
            name = names.pop(int(request.args["i"]))
            return open(name).read()
        """)) if rule != "PY-REQUEST-PARSE-UNGUARDED"] == [7]


@pytest.mark.parametrize("change", ["items.reverse()", "items.sort()", "items.clear()", "items.extend([])"])
def test_a_list_method_that_returns_nothing_gives_an_untainted_value(change: str) -> None:
    source = f"""\
        items = ["fixed", request.args["x"]]
        sink({change})
        """
    assert tainted(source) == [False]


@pytest.mark.parametrize("change", ["items.reverse()", "items.sort()", 'items.remove("fixed")',
                                    "items.sort(key=len)"])
def test_a_method_that_moves_elements_forgets_their_positions(change: str) -> None:
    source = f"""\
        items = ["fixed", request.args["x"]]
        {change}
        sink(items[0])
        """
    assert tainted(source) == [True], "the request value may now be first"


def test_extend_forgets_the_positions_and_taints_the_list() -> None:
    source = """\
        items = ["fixed"]
        items.extend(request.args.getlist("x"))
        sink(items[1])
        sink(items)
        """
    assert tainted(source) == [True, True]


def test_clear_forgets_the_old_elements() -> None:
    source = """\
        items = ["fixed"]
        items.clear()
        items.append(request.args["x"])
        sink(items[0])
        """
    assert tainted(source) == [True], "after clear, the appended request value is the first element"


# --- dicts filled under literal keys ----------------------------------------------------------------------


def test_an_entry_under_a_key_from_the_request_may_overwrite_any_literal_key() -> None:
    source = """\
        d = {}
        d["a"] = "fixed"
        d[request.args["k"]] = request.args["v"]
        sink(d["a"])
        """
    assert tainted(source) == [True]


def test_an_entry_under_an_unknown_key_of_an_empty_dict_may_be_read_under_any_key() -> None:
    source = """\
        d = {}
        d[key] = request.args["v"]
        sink(d["a"])
        """
    assert tainted(source) == [True]


def test_each_literal_key_keeps_its_own_value_after_request_data_went_in() -> None:
    source = """\
        d = {}
        d["a"] = request.args["v"]
        d["b"] = "fixed"
        sink(d["a"])
        sink(d["b"])
        sink(d["c"])
        """
    assert tainted(source) == [True, False, False]


def test_reading_a_dict_under_an_unknown_key_may_read_any_entry() -> None:
    source = """\
        d = {}
        d["a"] = request.args["v"]
        sink(d[key])
        """
    assert tainted(source) == [True]


def test_a_negative_index_counts_from_the_end_of_a_list_only() -> None:
    source = """\
        items = ["fixed", request.args["x"]]
        sink(items[-1])
        sink(items[-2])
        flags = {}
        flags[False] = "off"
        flags[True] = request.args["x"]
        sink(flags[-1])
        mixed = {}
        mixed[0] = "zero"
        mixed["a"] = request.args["x"]
        sink(mixed[-1])
        """
    assert tainted(source) == [True, False, False, False], "a dict has no key -1: reading it raises"


def test_a_walrus_replaces_what_was_known_of_a_list_or_dict() -> None:
    source = """\
        items = ["fixed"]
        if (items := request.args.getlist("x")):
            sink(items[0])
        d = {}
        d["a"] = "fixed"
        if (d := request.get_json()):
            sink(d["a"])
        """
    assert tainted(source) == [True, True]


# --- constant folding: which branch of an `if` can run ----------------------------------------------------


def decided(condition: str, setup: str = "") -> bool | None:
    """Which branch of `if condition:` the layer follows: True (the body only), False (the else only) or
    None (both, the condition not being a constant)."""
    source = f"""\
{setup}
a = request.args["a"]
b = request.args["b"]
if {condition}:
    a = "fixed"
else:
    b = "fixed"
sink(a)
sink(b)
"""
    a, b = tainted(source)
    assert a or b, "the request value of a branch that may not run was lost"
    return None if a and b else b


@pytest.mark.parametrize(("condition", "expected"), [
    ("LIMIT == 3", True), ("LIMIT == 4", False), ("LIMIT != 3", False), ("LIMIT != 4", True),
    ("LIMIT < 3", False), ("LIMIT < 4", True), ("LIMIT <= 3", True), ("LIMIT <= 2", False),
    ("LIMIT > 3", False), ("LIMIT > 2", True), ("LIMIT >= 3", True), ("LIMIT >= 4", False),
])
def test_a_comparison_of_constants_runs_only_the_branch_it_selects(condition: str, expected: bool) -> None:
    assert decided(condition, "LIMIT = 3") is expected


@pytest.mark.parametrize(("condition", "expected"), [
    ("not DEBUG", True), ("not VERBOSE", False), ("DEBUG and VERBOSE", False), ("DEBUG or VERBOSE", True),
    ("VERBOSE and VERBOSE", True), ("DEBUG or DEBUG", False), ("-LIMIT < 0", True), ("'rw'[1] == 'w'", True),
    ("'ab' + 'cd' == 'abcd'", True), ("LIMIT * 2 - 1 == 5", True),
])
def test_not_and_or_negation_indexing_and_arithmetic_fold(condition: str, expected: bool) -> None:
    assert decided(condition, "DEBUG = False\nVERBOSE = True\nLIMIT = 3") is expected


@pytest.mark.parametrize("condition", [
    "flag and True", "flag or False", "True and flag", "count + 1", "1 + count", "count - 1 == 0",
    "~0", "+LIMIT > 5", "'ab' * 2 == 'abab'", "2 * 'ab' == 'abab'", "'%s' % 'a' == 'a'", "'rw'[True] == 'w'",
])
def test_an_unknown_name_or_an_unfolded_operation_follows_both_branches(condition: str) -> None:
    """`~`, unary `+`, repeating or %-formatting text and indexing by a boolean are not folded (Python
    would give `~0` -1, which is true; text repeated by a constant could be huge)."""
    assert decided(condition, "LIMIT = 3") is None


def test_a_walrus_replaces_a_names_constant() -> None:
    source = """\
        path = "static"
        if (path := request.args.get("p")):
            pass
        if path == "static":
            pass
        else:
            sink(path)
        """
    assert tainted(source) == [True], "the else branch runs when the request gave another path"
    assert decided("n > 2", "(n := 3)") is True


@pytest.mark.parametrize(("length", "expected"), [(4096, True), (4097, None)])
def test_text_up_to_4096_characters_is_kept(length: int, expected: bool | None) -> None:
    assert decided("TEXT", f'TEXT = "{"x" * length}"') is expected


@pytest.mark.parametrize(("number", "expected"), [
    (2**64, True), (-2**64, True), (2**64 + 1, None), (-2**64 - 1, None)])
def test_numbers_up_to_two_to_the_64_are_kept(number: int, expected: bool | None) -> None:
    assert decided("NUMBER", f"NUMBER = {number}") is expected


# --- the page's own URL under each name of the request ----------------------------------------------------


@pytest.mark.parametrize("request_name", ["request", "req", "self.request", "flask.request"])
def test_the_pages_own_url_is_safe_for_a_redirect_under_each_request_name(request_name: str) -> None:
    own, caller = sinks(f"""\
        sink({request_name}.url)
        sink({request_name}.args)
        """)
    assert own.tainted and not own.unsafe_for(URL)
    assert caller.unsafe_for(URL)


@pytest.mark.parametrize("expression", [
    'request.url.replace("http://", "https://", 1)', 'request.path.rstrip("/")',
    'request.build_absolute_uri().replace("http://", "https://", 1)', "request.get_full_path().lower()",
])
def test_a_string_method_on_the_pages_own_url_keeps_it_on_this_host(expression: str) -> None:
    value = sinks(f"sink({expression})\n")[0]
    assert value.tainted and not value.unsafe_for(URL)
    text = textwrap.dedent(f"""\
        from flask import Flask, redirect, request

        app = Flask(__name__)


        @app.route("/page")
        def page():
            return redirect({expression})
        """)
    assert findings_of("app/views.py", text) == set()


# --- which functions answer a request ---------------------------------------------------------------------


def _flask_function(decorator: str) -> set[tuple[int, str]]:
    text = textwrap.dedent(f"""\
        import functools

        from flask import Flask, request

        app = Flask(__name__)


        {decorator}
        def page(error=None):
            return f"<p>{{request.args['name']}}</p>"
        """)
    return findings_of("app/views.py", text)


@pytest.mark.parametrize("decorator", ["@app.errorhandler(404)", "@bp.app_errorhandler(500)",
                                       "@errorhandler(ValueError)", '@app.route("/page")'])
def test_what_an_error_handler_or_a_route_returns_is_the_response(decorator: str) -> None:
    assert _flask_function(decorator) == {(10, "PY-XSS")}


@pytest.mark.parametrize("decorator", ["@functools.cache", "@login_required", "@app.errorhandlers",
                                       "@errorhandler_for(404)"])
def test_what_another_decorated_function_returns_is_not_a_response(decorator: str) -> None:
    assert _flask_function(decorator) == set()
