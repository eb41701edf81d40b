"""The records an adapter gives the engine (`checks/_tsflow/ir.py`), through what their defaults mean on
Go, JavaScript and Java: a `case` is not the default unless marked so, a loop may run no pass unless it is
a `do ... while`, a Go or JavaScript function is callable from other files (its parameters are not bound
to this file's calls), and Java neither trusts `==` on strings nor counts a parsed number as fixed. Each
test reads the values `sink(...)` calls receive."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks import go_flow_security
from persona_review.checks._tsflow import Value, flows
from persona_review.checks._tsflow.ir import Function
from persona_review.contexts import context_for_text


def sinks(path: str, source: str) -> list[Value]:
    ctx = context_for_text(path, textwrap.dedent(source).lstrip("\n"))
    return [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]


def enclosing(path: str, source: str) -> list[Function | None]:
    """The function around each `sink(...)` call."""
    ctx = context_for_text(path, textwrap.dedent(source).lstrip("\n"))
    return [site.function for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]


_GO_SWITCH = """
    package h

    func h(r *http.Request) {
        x := "safe"
        switch "b" {
        case "a":
            x = r.FormValue("x")
        }
        sink(x)
    }
    """
_JS_SWITCH = """
    function h(req) {
      let x = "safe";
      switch ("b") {
        case "a":
          x = req.query.x;
      }
      sink(x);
    }
    """


@pytest.mark.parametrize(("path", "source"), [("h.go", _GO_SWITCH), ("h.js", _JS_SWITCH)], ids=["go", "js"])
def test_a_switch_on_a_constant_that_matches_no_case_and_has_no_default_runs_nothing(
    path: str, source: str
) -> None:
    [value] = sinks(path, source)
    assert (value.known, value.const, value.tainted) == (True, "safe", False)


_GO_LOOPS = """
    package h

    func h(r *http.Request, names []string) {
        y := r.FormValue("y")
        for more() {
            y = "safe"
        }
        sink(y)
        z := r.FormValue("z")
        for _, name := range names {
            z = name
        }
        sink(z)
    }
    """
_JS_LOOPS = """
    function h(req, names) {
      let y = req.query.y;
      while (more()) {
        y = "safe";
      }
      sink(y);
      let z = req.query.z;
      for (const name of names) {
        z = name;
      }
      sink(z);
    }
    """
_JAVA_LOOPS = """
    class H {
      void run(HttpServletRequest request, java.util.List<String> names) {
        String y = request.getParameter("y");
        for (String name : names) {
          y = name;
        }
        sink(y);
        String z = request.getParameter("z");
        while (more()) {
          z = "safe";
        }
        sink(z);
      }
    }
    """


@pytest.mark.parametrize(("path", "source"), [("h.go", _GO_LOOPS), ("h.js", _JS_LOOPS), ("H.java", _JAVA_LOOPS)],
                         ids=["go", "js", "java"])
def test_a_loop_that_may_run_no_pass_leaves_request_data_assigned_before_it(path: str, source: str) -> None:
    assert [value.tainted for value in sinks(path, source)] == [True, True]


_GO_HELPER = """
    package h

    func show(v string) {
        sink(v)
    }

    func caller() {
        show("ls")
    }
    """
_JS_HELPER = """
    function show(v) {
      sink(v);
    }
    show("ls");
    """


@pytest.mark.parametrize(("path", "source"), [("h.go", _GO_HELPER), ("h.js", _JS_HELPER)], ids=["go", "js"])
def test_a_go_or_javascript_function_may_be_called_from_other_files(path: str, source: str) -> None:
    [value] = sinks(path, source)
    [function] = enclosing(path, source)
    assert function is not None and function.name == "show" and not function.private
    assert (value.known, value.fixed) == (False, False)


def test_java_string_identity_with_an_unknown_value_does_not_make_request_data_safe() -> None:
    [value] = sinks("H.java", """
        class H {
          void run(HttpServletRequest request, String expected) {
            String p = request.getParameter("p");
            if (p == expected) { sink(p); }
          }
        }
        """)
    assert value.tainted and value.safe_for == frozenset()


def test_a_java_number_parsed_from_an_unknown_value_is_fixed() -> None:
    # a number holds digits only, whoever chose it (`numeric_fixed`, as Go's): spliced into SQL it cannot
    # change the statement
    [value] = sinks("H.java", """
        class H {
          void run(String given) {
            int n = Integer.parseInt(given);
            sink(n);
          }
        }
        """)
    assert (value.tainted, value.known, value.fixed) == (False, False, True)


def test_a_go_loop_with_only_a_condition_may_run_no_pass_so_the_path_check_sees_the_request_value() -> None:
    # Its body used to be run once before the loop as well (read as part of the condition), so the
    # assignment inside hid the request value from every check.
    source = textwrap.dedent("""
        package h

        func h(w http.ResponseWriter, r *http.Request) {
            name := r.URL.Query().Get("file")
            for strings.HasPrefix(name, "/") {
                name = "default.txt"
            }
            os.Open(filepath.Join("/srv/files", name))
        }
        """).lstrip("\n")
    assert [hit.line for hit in go_flow_security.path_traversal(context_for_text("h.go", source))] == [8]
