"""Statements in the tree-sitter data-flow engine (`checks/_tsflow/engine.py`, `_Run._execute` and the
branches, switches and loops it runs): a branch or loop whose condition is a constant runs surely or
never, a `switch` on a constant runs the matching arm and falls through as Java does, `try` handlers
start from the state before the `try`, and code after a `return` or a loop that never ends is not run.
Each test reads what `sink(...)` calls receive in a Java method where `p` is a request parameter and
`c` and `k` are unknown parameters: `T` (request data) or `-`, then the constant when one is known."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks import java_flow_security
from persona_review.checks._tsflow import flows
from persona_review.contexts import context_for_text


def run(statements: str) -> list[str]:
    body = textwrap.indent(textwrap.dedent(statements).strip(), " " * 4)
    source = ("class A {\n  void run(HttpServletRequest request, boolean c, int k, java.util.List<String> names) {\n"
              f'    String p = request.getParameter("p");\n{body}\n  }}\n}}\n')
    ctx = context_for_text("A.java", source)
    values = [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]
    return [("T" if v.tainted else "-") + (repr(v.const) if v.known else "") for v in values]


CASES = {
    "try": ("""
        String a = p;
        try { a = "t"; } catch (Exception e) { a = "h"; }
        sink(a);
        String b = p;
        try { b = "t"; } finally { b = "f"; }
        sink(b);
        String d = p;
        try { d = "t"; throw new IllegalStateException(); } catch (Exception e) { d = "h"; }
        sink(d);
        String e = "e";
        try { e = "t"; } catch (Exception ex) { sink(e); }
        """, ["-", "-'f'", "-'h'", "-'e'"]),
    "if on a constant or after a return": ("""
        String a = p;
        if (true) { a = "x"; }
        sink(a);
        String b = p;
        if (false) { b = "x"; } else { b = "y"; }
        sink(b);
        String d = p;
        if (c) { d = "x"; return; }
        sink(d);
        String e = "e";
        if (c) { e = p; } else { throw new IllegalStateException(); }
        sink(e);
        String f = p;
        if (1 < 2) { f = "x"; } else { sink(f); }
        sink(f);
        """, ["-'x'", "-'y'", "T", "T", "-'x'"]),
    "switch": ("""
        String a = p;
        switch (k) { case 1: a = "one"; case 2: a = "two"; break; default: a = "d"; }
        sink(a);
        String b = p;
        switch (2) { case 1: b = "one"; case 2: b = "two"; case 3: b = b + "!"; break; default: b = "d"; }
        sink(b);
        String d = p;
        switch (9) { case 1: d = "one"; break; default: d = "d"; }
        sink(d);
        String e = p;
        switch (9) { case 1: e = "one"; break; }
        sink(e);
        String f = p;
        switch (k) { case 1 -> f = "one"; default -> f = "d"; }
        sink(f);
        String g = p;
        switch (k) { case 1: g = "one"; break; }
        sink(g);
        String h = p;
        switch ("b") { case "a" -> h = "one"; case "b" -> h = "two"; default -> h = "d"; }
        sink(h);
        """, ["-", "-'two!'", "-'d'", "T", "-", "T", "-'two'"]),
    "loops": ("""
        String a = p;
        while (false) { a = "x"; }
        sink(a);
        String b = p;
        while (true) { b = "x"; break; }
        sink(b);
        String d = p;
        do { d = "x"; } while (c);
        sink(d);
        String e = p;
        for (int i = 0; i < 3; i++) { e = "x"; }
        sink(e);
        String f = "x";
        for (String n : names) { if (c) { f = p; break; } }
        sink(f);
        String g = p;
        do { g = "x"; } while (false);
        sink(g);
        String h = p;
        for (int i = 0; i < 0; i++) { h = "x"; }
        sink(h);
        String m = p;
        for (String n : names) { m = "x"; continue; }
        sink(m);
        """, ["T", "-'x'", "-'x'", "-'x'", "T", "-'x'", "T", "T"]),
    "a loop that never ends": ("""
        String a = "a";
        while (true) { a = p; }
        sink(a);
        """, []),
    "ternary": ("""
        sink(true ? "a" : p);
        sink(false ? p : "b");
        sink(c ? "a" : "a");
        sink(1 > 2 ? p : "z");
        sink(c ? "a" : p);
        """, ["-'a'", "-'b'", "-'a'", "-'z'", "T"]),
}


@pytest.mark.parametrize("name", CASES)
def test_what_each_statement_leaves_in_its_variables(name: str) -> None:
    statements, expected = CASES[name]
    assert run(statements) == expected


def test_a_counted_java_loop_ends_so_the_checks_see_the_code_after_it() -> None:
    # `i++` used to be read as leaving `i` at 0, so `i < 3` stayed true and the loop never ended: every
    # call after it went unrecorded and no flow check saw it.
    source = textwrap.dedent("""\
        class A extends HttpServlet {
          void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
            String p = request.getParameter("p");
            for (int i = 0; i < 3; i++) {
              response.getWriter().println(i);
            }
            new java.io.File(p).delete();
          }
        }
        """)
    assert [hit.line for hit in java_flow_security.path_traversal(context_for_text("A.java", source))] == [7]
