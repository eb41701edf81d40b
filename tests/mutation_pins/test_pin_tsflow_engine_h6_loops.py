"""Loops in the tree-sitter data-flow engine (`checks/_tsflow/engine.py`, `_Run._loop`, `_carried`,
`_marks`, `_rewind`): the body runs again from what a pass leaves (at its end or at a `continue`) until the
state at its start stops changing, at most MAX_LOOP_PASSES times, and only the last pass stays recorded.

Most tests read what `sink(...)` calls receive in a Java method where `p` is a request parameter and `c`
and `k` are unknown parameters: `T` (request data) or `-`, then the constant when one is known."""

from __future__ import annotations

import textwrap

import pytest
from tests.checks_errsec.helpers import findings_of

from persona_review.checks._tsflow import FileFlow, Value, flows
from persona_review.checks._tsflow.engine import MAX_LOOP_PASSES
from persona_review.contexts import context_for_text

_HEAD = "class A {\n  String field;\n  void run(HttpServletRequest request, boolean c, int k, java.util.List<String> names) {\n"


def shown(v: Value) -> str:
    return ("T" if v.tainted else "-") + (repr(v.const) if v.known else "")


def java_flow(statements: str) -> FileFlow:
    body = textwrap.indent(textwrap.dedent(statements).strip(), " " * 4)
    source = f'{_HEAD}    String p = request.getParameter("p");\n{body}\n  }}\n}}\n'
    [flow] = flows(context_for_text("A.java", source))
    return flow


def run(statements: str) -> list[str]:
    return [shown(site.args[0]) for site in java_flow(statements).calls if site.call.method == "sink"]


CASES = {
    "a value assigned on a continue path reaches a break in a later pass": ("""
        String a = "x";
        while (c) { if (k > 1) { sink(a); break; } if (c) { a = p; continue; } }
        sink(a);
        """, ["T", "T"]),
    "a value assigned at the end of a pass reaches a use above it in the next": ("""
        String a = "x";
        for (String n : names) { sink(a); a = p; }
        """, ["T"]),
    "a flag cleared in the first pass no longer decides a branch": ("""
        boolean first = true;
        String e = "x";
        while (c) { if (!first) { sink(e); } e = p; first = false; }
        """, ["T"]),
    "an index counted up reads every element, not only the first": ("""
        String[] parts = {"a", "b"};
        for (int i = 0; i < 2; i++) { sink(parts[i]); }
        """, ["-"]),
    "a do-while loop carries its state too": ("""
        String a = "x";
        do { sink(a); a = p; } while (c);
        """, ["T"]),
    "a loop that changes nothing it started with runs as it did": ("""
        String a = "x";
        for (String n : names) { String t = n; sink(a); sink("y"); }
        """, ["-'x'", "-'y'"]),
    "a value two assignments away arrives in the third pass": ("""
        String b = "x";
        String d = "y";
        for (String n : names) { sink(b); b = d; d = p; }
        """, ["T"]),
    "a body that always leaves the loop runs once": ("""
        String a = "x";
        while (c) { sink(a); a = p; break; }
        sink(a);
        """, ["-'x'", "T"]),
    "a second loop of the function settles as the first did": ("""
        String a = "x";
        for (String n : names) { a = "y"; }
        String b = "x";
        for (String n : names) { sink(b); b = p; }
        """, ["T"]),
    "the update and a do-while condition run only after a pass that did not leave": ("""
        String a = "x";
        for (int i = 0; i < k; sink(a)) { a = p; break; }
        do { a = p; return; } while (sink(a));
        """, []),
    "the update runs after a pass that went on with continue": ("""
        String a = "x";
        for (int i = 0; i < k; sink(a)) { a = p; continue; }
        """, ["T"]),
    "a loop that never starts again after a throw runs once": ("""
        String a = "x";
        while (c) { sink(a); a = p; throw new IllegalStateException(); }
        """, ["-'x'"]),
}


@pytest.mark.parametrize("name", CASES)
def test_what_a_loop_leaves_in_its_variables(name: str) -> None:
    statements, expected = CASES[name]
    assert run(statements) == expected


def test_the_passes_are_bounded() -> None:
    """A value three assignments away would need a fourth pass: it is not followed that far."""
    assert MAX_LOOP_PASSES == 3
    assert run("""
        String b = "x"; String d = "y"; String e = "z";
        for (String n : names) { sink(b); b = d; d = e; e = p; }
        """) == ["-"]


def test_an_inner_loop_runs_once_per_pass_of_the_outer_one() -> None:
    """What an inner loop leaves at the end of its body reaches its next run through the outer loop; a
    loop that only leaves by `break` (nothing falls out of its body's end) is not run again by itself."""
    assert run("""
        String a = "x";
        for (String n : names) { for (String m : names) { sink(a); a = p; } }
        """) == ["T"]
    assert run("""
        String a = "x";
        for (String n : names) { while (true) { if (c) { sink(a); break; } a = p; } }
        """) == ["-'x'"]
    assert run("""
        String a = "x";
        while (true) { if (c) { sink(a); break; } a = p; }
        """) == ["T"]


def test_a_field_assigned_in_a_loop_reaches_the_next_pass() -> None:
    assert run("while (c) { sink(field); field = p; }") == ["T"]
    assert run("while (c) { sink(field); }") == ["-"]


def test_a_name_first_declared_in_the_body_starts_each_pass_afresh() -> None:
    """Locals of the body are declared anew each pass (a JavaScript `var` read above its declaration is
    not followed into the next pass)."""
    source = textwrap.dedent("""\
        function run(req, names) {
          for (const n of names) {
            if (n) { sink(v); }
            var v = req.query.v;
          }
        }
        """)
    [flow] = flows(context_for_text("a.js", source))
    assert [shown(site.args[0]) for site in flow.calls if site.call.method == "sink"] == ["-"]


def test_only_the_last_pass_is_recorded() -> None:
    flow = java_flow("""
        String a = "x";
        String b = "y";
        for (String n : names) { sink(a); a = b; b = p; }
        return;
        """)
    assert [shown(site.args[0]) for site in flow.calls if site.call.method == "sink"] == ["T"]
    assert [(site.name, shown(site.value)) for site in flow.assignments if site.name in {"a", "b"}] \
        == [("a", "-'x'"), ("b", "-'y'"), ("a", "T"), ("b", "T")]


def test_a_return_inside_a_loop_is_recorded_once_with_the_last_pass_value() -> None:
    source = textwrap.dedent("""\
        class A {
          String run(HttpServletRequest request, boolean c) {
            String a = "x";
            while (c) {
              if (c) { return a; }
              a = request.getParameter("p");
            }
            return "y";
          }
        }
        """)
    [flow] = flows(context_for_text("A.java", source))
    assert [(site.line, shown(site.value)) for site in flow.returns] == [(5, "T"), (8, "-'y'")]


def test_a_helper_returning_from_a_loop_is_summarised_from_every_pass() -> None:
    source = textwrap.dedent("""\
        class A {
          void run(HttpServletRequest request) {
            sink(pick(request.getParameter("p")));
          }
          private String pick(String s) {
            String a = "x";
            for (int i = 0; i < 3; i++) {
              if (i > 1) { return a; }
              a = s;
            }
            return "y";
          }
        }
        """)
    [flow] = flows(context_for_text("A.java", source))
    assert [shown(site.args[0]) for site in flow.calls if site.call.method == "sink"] == ["T"]


def test_a_request_value_carried_to_a_later_pass_is_reported_at_its_sink() -> None:
    source = textwrap.dedent("""\
        class A {
          void run(HttpServletRequest request, java.sql.Statement stmt, boolean more) throws Exception {
            String sql = "SELECT 1";
            while (more) {
              stmt.executeQuery(sql);
              sql = "SELECT * FROM t WHERE a = '" + request.getParameter("a") + "'";
            }
          }
        }
        """)
    assert (5, "JAVA-SQL-STRING") in findings_of("A.java", source)
