"""Values the code fixes without the engine knowing them (`checks/_tsflow/engine.py`: `_PURE`,
`element_of`, `sequence`): a string method applied to a name the code writes (a class's simple name) with
fixed arguments gives a fixed result; the elements of a fixed value are fixed; an array literal is fixed
when its elements are, and starts with request data when it holds some; the elements of a map of equal
constants are that constant; a JavaScript `&&` on a number is not read as a boolean."""

from __future__ import annotations

import pytest

from persona_review.checks._tsflow import Value, flows
from persona_review.contexts import context_for_text


def java_sinks(statements: str) -> list[Value]:
    source = ("class A {\n  void run(HttpServletRequest request, String u) {\n"
              '    String p = request.getParameter("p");\n    String NAME = getClass().getSimpleName();\n'
              f"{statements}\n  }}\n}}\n")
    ctx = context_for_text("A.java", source)
    return [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]


PURE_CALLS = [
    'split(",")', "substring(1)", "trim()", "strip()", 'replace("a", "b")', 'replaceAll("a", "b")',
    'replaceFirst("a", "b")', "toLowerCase()", "toUpperCase()", 'concat("x")', "charAt(0)", 'format("x")',
    'formatted("x")', "repeat(2)", "toString()", "intern()", "stripLeading()", "stripTrailing()",
    "toCharArray()", "getBytes()", "valueOf(1)", 'join(",")', "lines()",
]


@pytest.mark.parametrize("call", PURE_CALLS)
def test_a_string_method_on_a_name_the_code_writes_gives_a_fixed_value(call: str) -> None:
    [value] = java_sinks(f"    sink(NAME.{call});")
    assert (value.fixed, value.known, value.tainted) == (True, False, False)


def test_the_same_method_on_an_unknown_string_is_not_fixed() -> None:
    [value] = java_sinks('    sink(u.split(","));')
    assert not value.fixed


def test_the_elements_of_a_fixed_value_are_fixed() -> None:
    [value] = java_sinks('    String[] parts = NAME.split(",");\n    sink(parts[0]);')
    assert (value.fixed, value.known) == (True, False)


def test_an_array_literal_is_fixed_when_its_elements_are_and_starts_with_its_request_data() -> None:
    fixed, empty, mixed = java_sinks(
        '    sink(new String[]{"a", "b"});\n    sink(new String[]{});\n    sink(new String[]{p, "b"});')
    assert (fixed.fixed, fixed.tainted, fixed.prefix) == (True, False, None)
    assert empty.fixed
    assert (mixed.fixed, mixed.tainted, mixed.prefix) == (False, True, "")


def test_the_elements_of_a_map_of_equal_constants_are_that_constant() -> None:
    [value] = java_sinks("""
    java.util.Map<String, String> m = new java.util.HashMap<>();
    m.put("a", "x");
    m.put("b", "x");
    for (String v : m) { sink(v); }""")
    assert (value.known, value.const) == (True, "x")


def test_a_helper_called_twice_gives_its_constant_both_times() -> None:
    ctx = context_for_text("A.java", 'class A {\n  void run() {\n    sink(h());\n    sink(h());\n  }\n'
                                     '  String h() { return "c"; }\n}\n')
    values = [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]
    assert [(v.known, v.const) for v in values] == [(True, "c"), (True, "c")]


@pytest.mark.parametrize("expression", ["1 && true", "0 || false", '"s" && true'])
def test_javascript_and_or_on_a_non_boolean_constant_is_not_folded(expression: str) -> None:
    ctx = context_for_text("app.js", f"function run() {{\n  sink({expression});\n}}\n")
    [value] = [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]
    assert not value.known
