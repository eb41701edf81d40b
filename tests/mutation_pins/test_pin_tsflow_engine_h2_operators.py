"""Operators and element reads in the tree-sitter data-flow engine (`checks/_tsflow/engine.py`,
`_Run._binary`, `_Run.eval` and the index read of `_Run._eval`): `&&` and `||` of constants fold,
a comparison of request data is a boolean the caller cannot turn into text, arithmetic on request data
gives a number (safe for every sink) while `+` with text stays request data, an array read past its
known elements is any of them, and expressions are followed down to the engine's depth limit.

Each sink is described as `T` (request data; `ALL` when it is safe for every sink) or `-`, then its
constant when one is known."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks._tsflow import FileFlow, Value, flows
from persona_review.checks._tsflow.values import ALL_KINDS
from persona_review.contexts import context_for_text


def describe(value: Value) -> str:
    out = ("T" + (" ALL" if value.safe_for == ALL_KINDS else "")) if value.tainted else "-"
    return out + (repr(value.const) if value.known else "")


def sinks(found: list[FileFlow]) -> list[str]:
    return [describe(site.args[0]) for flow in found for site in flow.calls if site.call.method == "sink"]


def java(statements: str) -> list[FileFlow]:
    body = textwrap.indent(textwrap.dedent(statements).strip(), " " * 4)
    source = ("class A {\n  void run(HttpServletRequest request, boolean c, int k, String q) {\n"
              f'    String p = request.getParameter("p");\n{body}\n  }}\n}}\n')
    return flows(context_for_text("A.java", source))


def javascript(statements: str) -> list[FileFlow]:
    body = textwrap.indent(textwrap.dedent(statements).strip(), " " * 2)
    source = ('app.get("/x", (req, res) => {\n  const t = req.query.t;\n  const u = req.query.u;\n'
              f"{body}\n}});\n")
    return flows(context_for_text("app.js", source))


def test_and_and_or_of_two_constants_fold_to_a_constant_that_decides_a_branch() -> None:
    found = java("""
        sink(true && true);
        sink(false || false);
        sink(true && false);
        sink(false || true);
        String a = p;
        if (1 < 2 && 2 < 3) { a = "x"; }
        sink(a);
        """)
    assert sinks(found) == ["-True", "-False", "-False", "-True", "-'x'"]


@pytest.mark.parametrize("op", ["==", "!=", "<", ">", "<=", ">="])
def test_a_comparison_of_request_data_is_not_request_data(op: str) -> None:
    assert sinks(javascript(f"sink(t {op} u);\nsink(t {op} 1);")) == ["-", "-"]


@pytest.mark.parametrize("op", ["*", "-", "/", "%"])
def test_arithmetic_on_request_data_gives_a_number_safe_for_every_sink(op: str) -> None:
    assert sinks(javascript(f"sink(t {op} 2);\nsink(t {op} u);")) == ["T ALL", "T ALL"]


def test_text_plus_a_number_stays_request_data() -> None:
    assert sinks(java("sink(p + 1);\nsink(1 + p);\nsink(k * 2);")) == ["T", "T", "-"]


def test_an_array_read_outside_its_known_elements_is_any_element() -> None:
    # Java throws and JavaScript gives `undefined` for these reads; neither is "the last element", and
    # the engine must not fail on them.
    assert sinks(java('String[] a = {p, "x"};\nsink(a[2]);\nsink(a[1]);')) == ["T", "-'x'"]
    assert sinks(javascript('const a = [t, "x"];\nsink(a[-1]);\nsink(a[1]);')) == ["T", "-'x'"]


def nested(depth: int, parentheses: int = 0) -> Value:
    expression = '"a"'
    for _ in range(depth):
        expression = f'"a" + ({expression})'
    expression = "(" * parentheses + expression + ")" * parentheses
    [value] = [site.args[0] for flow in java(f"sink({expression});") for site in flow.calls
               if site.call.method == "sink"]
    return value


def test_an_expression_is_followed_down_to_the_depth_limit_and_no_further() -> None:
    # MAX_DEPTH is 200 levels of statements and expressions, and a level deeper is cut: each
    # `"a" + (...)` takes two (the sum and its parentheses), each extra pair of parentheses one, and
    # the innermost "a" of 98 sums in one pair sits at the 200th.
    assert (nested(98, 1).known, nested(98, 1).const) == (True, "a" * 99)
    assert nested(98, 2).known is False
    assert nested(99).known is False
