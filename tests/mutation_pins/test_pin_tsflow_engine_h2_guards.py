"""More guards in the tree-sitter data-flow engine (`checks/_tsflow/engine.py`, `_Run._index_found`,
`_matched`, `_compared` and `_guard_call`), in Java and JavaScript: which conditions make request data
safe in which branch, and which look alike but prove nothing (a search from a later position, a prefix
check at an offset, a truthy `indexOf`, equality with other request data). Each row gives what `p` (a
request parameter) is in the `then` and the `else` branch: `ALL` (safe for every sink), the kinds it is
safe for, `-` (still unsafe), or the literal it equals."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks._tsflow import FileFlow, Value, flows
from persona_review.checks._tsflow.values import ALL_KINDS
from persona_review.contexts import context_for_text


def describe(value: Value) -> str:
    if not value.tainted:
        return "-" + (repr(value.const) if value.known else "")
    if value.safe_for == ALL_KINDS:
        return "ALL"
    return ",".join(sorted(value.safe_for)) or "T"


def sinks(found: list[FileFlow]) -> list[str]:
    return [describe(site.args[0]) for flow in found for site in flow.calls if site.call.method == "sink"]


def java(statements: str) -> list[FileFlow]:
    body = textwrap.indent(textwrap.dedent(statements).strip(), " " * 4)
    source = ("class A {\n  void run(HttpServletRequest request, String other, int k) {\n"
              f'    String p = request.getParameter("p");\n{body}\n  }}\n}}\n')
    return flows(context_for_text("A.java", source))


def javascript(statements: str) -> list[FileFlow]:
    body = textwrap.indent(textwrap.dedent(statements).strip(), " " * 2)
    source = ('app.get("/x", (req, res) => {\n  const p = req.query.p;\n  const other = req.query.other;\n'
              f"{body}\n}});\n")
    return flows(context_for_text("app.js", source))


JAVA = [
    ('p.indexOf("..") == -1.0', "path", "T"),
    ('p.indexOf("..") >= 0.0', "T", "path"),
    ('p.startsWith("/srv/", 4)', "T", "T"),
    ('p.startsWith("/srv/")', "path,url", "T"),
    ("equals(p)", "T", "T"),
    ('Objects.equals(p, "users")', "T", "T"),
]
JAVASCRIPT = [
    ('p.search("..") === -1', "path", "T"),
    ('p.search("..") !== -1', "T", "path"),
    ('p.includes("..")', "T", "path"),
    ('p.includes("..", 3)', "T", "T"),
    ('p.indexOf("..")', "T", "T"),
    ("p === other", "T", "T"),
    ("other === p", "T", "T"),
    ('p === "a"', "-'a'", "T"),
    ('p !== "a"', "T", "-'a'"),
]


@pytest.mark.parametrize(("language", "condition", "then", "orelse"), [
    *[("java", *row) for row in JAVA], *[("javascript", *row) for row in JAVASCRIPT]])
def test_what_a_condition_makes_of_request_data_in_each_branch(
        language: str, condition: str, then: str, orelse: str) -> None:
    # `!p.includes("..", 3)` leaves `../` at the start possible; so does `p.startsWith("/srv/", 4)`,
    # which checks the text from the fifth character on. In JavaScript `if (p.indexOf(".."))` is true
    # when `..` is missing (-1) and false when `p` starts with it.
    run = java if language == "java" else javascript
    statement = f"if ({condition}) {{ sink(p); }} else {{ sink(p); }}"
    assert sinks(run(statement)) == [then, orelse]


def test_a_number_compared_equal_to_a_literal_is_that_number_and_an_ordering_tells_nothing() -> None:
    assert sinks(java("if (k == -1) { sink(k); } else { sink(k); }")) == ["--1", "-"]
    assert sinks(java("if (k < 3) { sink(k); } else { sink(k); }")) == ["-", "-"]
    assert sinks(java("if (k >= 3) { sink(k); } else { sink(k); }")) == ["-", "-"]


def test_a_two_argument_objects_equals_tells_nothing_about_the_class_objects() -> None:
    # The class name is not a variable: no call on `Objects` inside the branch sees it as "users".
    found = java('if (Objects.equals(p, "users")) { sink(Objects.toString(p)); }')
    assert sinks(found) == ["T"]
    [call] = [site for flow in found for site in flow.calls if site.call.method == "toString"]
    assert call.receiver is not None and not call.receiver.known


def test_a_prefix_check_on_a_member_of_request_data_leaves_that_member_request_data() -> None:
    found = java("""
        String form = p;
        if (form.path.startsWith("/srv/")) { sink(form.path); }
        """)
    assert sinks(found) == ["T"]


def test_a_validator_vouches_for_a_value_it_cannot_see_into_not_for_a_list_of_known_elements() -> None:
    found = java("""
        String[] names = {"a", other};
        if (isValid(names)) { sink(names); }
        if (isValid(other)) { sink(other); }
        """)
    fixed = [site.args[0].fixed for flow in found for site in flow.calls if site.call.method == "sink"]
    assert fixed == [False, True]


def test_a_call_inside_a_condition_is_recorded_once() -> None:
    # The condition is evaluated once for the record, then again, quietly, to narrow the branches.
    found = java('if (p.equals(expected()) || p.startsWith(base())) { sink(p); }')
    assert [site.call.method for flow in found for site in flow.calls] == [
        "getParameter", "expected", "equals", "base", "startsWith", "sink"]
