"""The limits of the tree-sitter data-flow engine (`checks/_tsflow/engine.py`): a chain of helpers is
summarised eight deep (what a ninth returns stays unknown), and an expression nested deeper than the
engine follows gives an unknown value instead of exhausting the stack (a generated file)."""

from __future__ import annotations

from persona_review.checks._tsflow import Value, flows
from persona_review.contexts import context_for_text


def sink_in_run(source: str) -> Value:
    ctx = context_for_text("A.java", source)
    [value] = [site.args[0] for flow in flows(ctx) for site in flow.calls
               if site.call.method == "sink" and site.function is not None and site.function.name == "run"]
    return value


def chain_of_helpers(length: int) -> Value:
    """`sink(h1())` where `h1` returns `h2()`, ... and the last returns "c"."""
    helpers = "".join(f"  String h{i}() {{ return h{i + 1}(); }}\n" for i in range(1, length))
    helpers += f'  String h{length}() {{ return "c"; }}\n'
    return sink_in_run("class A {\n  void run() {\n    sink(h1());\n  }\n" + helpers + "}\n")


def test_a_chain_of_eight_helpers_is_followed_and_a_ninth_is_not() -> None:
    assert (chain_of_helpers(8).known, chain_of_helpers(8).const) == (True, "c")
    assert chain_of_helpers(9).known is False


def nested(depth: int) -> Value:
    expression = '"a"'
    for _ in range(depth):
        expression = f'"a" + ({expression})'
    return sink_in_run("class A {\n  void run() {\n    sink(" + expression + ");\n  }\n}\n")


def test_a_deeply_nested_expression_gives_an_unknown_value_instead_of_failing() -> None:
    shallow = nested(40)
    assert (shallow.known, shallow.const) == (True, "a" * 41)
    assert nested(150).known is False


def test_the_depth_limit_counts_nesting_not_how_many_helpers_a_function_calls() -> None:
    helpers = "".join(f'  String h{i}() {{ return "c{i}"; }}\n' for i in range(12))
    calls = "".join(f"    sink(h{i}());\n" for i in range(12))
    ctx = context_for_text("A.java", "class A {\n  void run() {\n" + calls + "  }\n" + helpers + "}\n")
    values = [site.args[0] for flow in flows(ctx) for site in flow.calls
              if site.call.method == "sink" and site.function is not None and site.function.name == "run"]
    assert [v.const for v in values] == [f"c{i}" for i in range(12)]
