"""What the tree-sitter data-flow engine hands the checks (`checks/_tsflow/engine.py`, `FileFlow`): the
calls of some methods in file order, each call once, and code outside any function (a Go fragment's top
level) run too, with the request data it reads noticed."""

from __future__ import annotations

from persona_review.checks._tsflow import flows
from persona_review.contexts import context_for_text

_JAVA = "class A {\n  void run() {\n    beta(1);\n    alpha(2);\n    beta(3);\n  }\n  void other() { alpha(4); }\n}\n"


def test_the_calls_of_several_methods_come_in_file_order_each_once() -> None:
    [flow] = flows(context_for_text("A.java", _JAVA))
    assert [(s.call.method, s.line) for s in flow.calls_named("alpha", "beta")] == [
        ("beta", 3), ("alpha", 4), ("beta", 5), ("alpha", 7)]
    assert [s.line for s in flow.calls_named("beta")] == [3, 5]
    assert [s.line for s in flow.calls_named("beta", "beta")] == [3, 5]
    assert flow.calls_named("gamma") == []
    assert not flow.has_sources


def test_statements_outside_any_function_are_run() -> None:
    [flow] = flows(context_for_text("h.go", 'package h\n\nx := r.FormValue("a")\nsink(x)\n'))
    assert [(s.call.method, s.line) for s in flow.calls] == [("FormValue", 3), ("sink", 4)]
    assert flow.calls[1].args[0].tainted and flow.calls[1].function is None
    assert flow.has_sources


def _source_of(call: str) -> str:
    ctx = context_for_text("A.java", f"class A {{\n  void run(HttpServletRequest request) {{\n    sink({call});\n  }}\n}}\n")
    [value] = [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]
    return value.source


def test_a_source_is_named_on_one_line_and_cut_to_sixty_characters() -> None:
    exact = 'request.getParameter("' + "n" * 36 + '")'
    assert len(exact) == 60 and _source_of(exact) == exact
    longer = 'request.getParameter("' + "n" * 37 + '")'
    assert _source_of(longer) == longer[:59] + "…"
    assert _source_of('request.getParameter(\n        "id")') == 'request.getParameter( "id")'
