"""Statements in the tree-sitter data-flow engine (`checks/_tsflow/engine.py`, `_Run.execute` and the
statements, branches, switches and loops it runs): what each leaves in its variables, which calls it
records and how deep it follows nesting.

Most tests read what `sink(...)` calls receive in a Java method where `p` is a request parameter and `c`
and `k` are unknown parameters: `T` (request data), `S` (request data made safe for every sink) or `-`,
then the constant when one is known."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks._tsflow import FileFlow, Value, flows
from persona_review.checks._tsflow.values import ALL_KINDS
from persona_review.contexts import context_for_text

_HEAD = "class A {\n  void run(HttpServletRequest request, boolean c, int k, java.util.List<String> names) {\n"


def shown(v: Value) -> str:
    taint = ("S" if v.safe_for == ALL_KINDS else "T") if v.tainted else "-"
    return taint + (repr(v.const) if v.known else "")


def java_flow(statements: str, helpers: str = "") -> FileFlow:
    body = textwrap.indent(textwrap.dedent(statements).strip(), " " * 4)
    source = f'{_HEAD}    String p = request.getParameter("p");\n{body}\n  }}\n{helpers}}}\n'
    [flow] = flows(context_for_text("A.java", source))
    return flow


def run(statements: str, helpers: str = "") -> list[str]:
    flow = java_flow(statements, helpers)
    return [shown(site.args[0]) for site in flow.calls if site.call.method == "sink"]


CASES = {
    "a break inside a try leaves the loop with the state it had": ("""
        String a = "x";
        while (c) { try { a = p; break; } catch (Exception e) { } }
        sink(a);
        """, ["T"]),
    "a continue goes on to the next pass with the state it had": ("""
        String a = "x";
        for (String n : names) { a = p; continue; }
        sink(a);
        String b = "x";
        while (c) { if (k > 1) { b = p; continue; } b = "y"; }
        sink(b);
        String d = "x";
        for (String n : names) { switch (k) { case 1: d = p; continue; default: d = "y"; } }
        sink(d);
        """, ["T", "T", "T"]),
    "a continue goes on with the innermost loop only": ("""
        String a = "x";
        for (String n : names) { for (String m : names) { a = p; continue; } a = "y"; }
        sink(a);
        """, ["-"]),
    "a break leaves the innermost loop only": ("""
        String a = "x";
        while (c) { while (c) { a = p; break; } a = "y"; }
        sink(a);
        """, ["-"]),
    "a throw inside a loop does not leave the loop as a break would": ("""
        String a = "x";
        while (c) { if (k > 0) { a = p; throw new IllegalStateException(); } }
        sink(a);
        """, ["-'x'"]),
    "a loop whose condition is false never runs its body": ("""
        String a = "x";
        while (false) { a = p; sink(p); }
        sink(a);
        """, ["-'x'"]),
    "a loop condition is recorded once, a do-while's with the state after the body": ("""
        String a = "x";
        do { a = p; } while (sink(a));
        while (sink("w")) { k = 1; }
        for (int i = 0; sink(i); i++) { k = 2; }
        """, ["T", "-'w'", "-0"]),
    "a synchronized block is run": ("""
        synchronized (this) { sink(p); }
        """, ["T"]),
    "every arm of a switch on an unknown value is run, even with no default": ("""
        switch (k) { case 1: sink(p); break; case 2: sink("two"); }
        """, ["T", "-'two'"]),
    "a validator that always says yes still makes its argument safe inside the if": ("""
        if (isValid(p)) { sink(p); }
        """, ["S"]),
    "a validator that always says yes still makes its argument safe after `if (!valid) return`": ("""
        if (!isValid(p)) { return; }
        sink(p);
        """, ["S"]),
}

_ALWAYS_VALID = "  private boolean isValid(String s) { return true; }\n"


@pytest.mark.parametrize("name", CASES)
def test_what_each_statement_leaves_in_its_variables(name: str) -> None:
    statements, expected = CASES[name]
    assert run(statements, _ALWAYS_VALID) == expected


def test_a_call_in_a_thrown_expression_is_recorded_with_its_request_data() -> None:
    flow = java_flow('throw new IllegalArgumentException("bad: " + p);')
    [site] = flow.calls_named("IllegalArgumentException")
    assert site.args[0].tainted


def test_a_try_with_resources_declares_its_resources_and_records_their_calls() -> None:
    flow = java_flow("try (Statement s = conn.createStatement(); Reader r = open()) { s.execute(p); r.read(); }")
    assert len(flow.calls_named("createStatement", "open")) == 2
    receivers = {site.call.method: site.receiver.type for site in flow.calls if site.receiver is not None}
    assert receivers["execute"] == "Statement"
    assert receivers["read"] == "Reader"


@pytest.mark.parametrize(("declaration", "expected"), [
    ("Foo x = make();", "Foo"),  # an unknown value takes the declared type
    ("Object x = new StringBuilder();", "StringBuilder"),  # a known class is kept over a wider declared one
    ("var x = new StringBuilder();", "StringBuilder"),
    ("Bar x;", "Bar"),
])
def test_a_local_variable_has_its_declared_type_unless_its_value_says_more(declaration: str, expected: str) -> None:
    flow = java_flow(f"{declaration}\nx.use();")
    [site] = flow.calls_named("use")
    assert site.receiver is not None and site.receiver.type == expected


def test_each_return_with_a_value_is_recorded_once_even_when_its_function_is_summarised_for_a_caller() -> None:
    helpers = '  String h() {\n    return "c";\n  }\n'
    flow = java_flow("sink(h());\nreturn;", helpers)
    assert [(r.line, r.value.const) for r in flow.returns] == [(8, "c")]
    assert run("sink(h());", helpers) == ["-'c'"]


def test_a_switch_on_a_constant_starts_at_the_first_arm_that_matches() -> None:
    source = textwrap.dedent("""\
        function run(req) {
          let v = req.query.x;
          switch ("a") {
            case "a": v = "first"; break;
            case "a": v = "second"; break;
          }
          sink(v);
        }
        """)
    [flow] = flows(context_for_text("a.js", source))
    assert [shown(site.args[0]) for site in flow.calls if site.call.method == "sink"] == ["-'first'"]


# --- how deep the engine follows nesting ------------------------------------------------------------


def test_an_expression_is_followed_up_to_the_nesting_limit_and_no_deeper() -> None:
    def chain(terms: int) -> list[str]:
        return run("sink(" + " + ".join(['"a"'] * terms) + ");")

    assert chain(198) == ["-" + repr("a" * 198)]
    assert chain(199) == ["-"]


def nested_blocks(depth: int, inner: str, after: str = "") -> FileFlow:
    """`inner` inside `depth` nested blocks, after a few plain statements (whose depth must not add up)."""
    plain = "".join(f'String v{i} = "v";\n' for i in range(5))
    return java_flow(plain + "{" * depth + f" {inner} " + "}" * depth + "\n" + after)


def test_statements_are_followed_up_to_the_nesting_limit_and_no_deeper() -> None:
    def sinks(depth: int) -> list[str]:
        flow = nested_blocks(depth, 'sink("a");')
        return [shown(site.args[0]) for site in flow.calls if site.call.method == "sink"]

    assert sinks(197) == ["-'a'"]
    assert sinks(198) == ["-"]  # the call is the last thing followed, its argument is too deep
    assert sinks(199) == []


def test_a_declaration_is_recorded_up_to_the_nesting_limit_and_no_deeper() -> None:
    def declared(depth: int) -> bool:
        return "z" in {a.name for a in nested_blocks(depth, "String z;").assignments}

    assert (declared(20), declared(199), declared(200), declared(260)) == (True, True, False, False)


def test_the_code_after_a_block_nested_too_deep_still_runs() -> None:
    flow = nested_blocks(260, 'sink("deep");', after='sink("after");')
    assert [shown(site.args[0]) for site in flow.calls if site.call.method == "sink"] == ["-'after'"]
