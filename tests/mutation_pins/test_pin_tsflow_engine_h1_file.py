"""What the tree-sitter data-flow engine (`checks/_tsflow/engine.py`: `FileFlow`, `analyse`,
`_run_private`) records for a whole file: the lines a call spans, calls of a method in file order, the
types of fields, whether request data was seen, and what a file-private helper's parameters are bound to
(what this file's calls pass it, once every caller has run)."""

from __future__ import annotations

import textwrap

from persona_review.checks import java_flow_security
from persona_review.checks._tsflow import FileFlow, Value, flows
from persona_review.contexts import context_for_text


def java(source: str) -> FileFlow:
    [flow] = flows(context_for_text("A.java", textwrap.dedent(source)))
    return flow


def shown(v: Value) -> str:
    return ("T" if v.tainted else "-") + (f" {v.const!r}" if v.known else "")


def sinks_by_function(flow: FileFlow) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {}
    for site in flow.calls_named("sink"):
        assert site.function is not None
        seen.setdefault(site.function.name, []).append(shown(site.args[0]))
    return seen


def receiver_types(flow: FileFlow) -> dict[str, str | None]:
    return {site.call.method: site.receiver.type for site in flow.calls if site.receiver is not None}


def test_a_call_spanning_lines_gives_its_first_and_last_line() -> None:
    flow = java("""\
        class A {
          void run() {
            sink(
              "a",
              "b");
          }
        }
        """)
    assert [(site.line, site.end_line) for site in flow.calls] == [(3, 5)]


def test_calls_of_one_method_are_listed_in_file_order_though_a_private_helper_above_runs_last() -> None:
    flow = java("""\
        class A {
          private void helper(Statement s) { s.executeQuery("b"); }
          void run(Statement s) { s.executeQuery("a"); helper(s); }
        }
        """)
    assert [site.line for site in flow.calls_named("executeQuery")] == [2, 3]
    assert [site.line for site in flow.calls_named("executeQuery", "helper")] == [2, 3, 3]


def test_fields_have_their_declared_type_unless_a_constant_s_value_says_more() -> None:
    flow = java("""\
        class A {
          static final Foo MADE = make();
          static final Object BUILT = new StringBuilder();
          private Statement stmt;
          private Object plain = new StringBuilder();
          void run() { MADE.a(); BUILT.b(); stmt.c(); plain.d(); }
        }
        """)
    assert receiver_types(flow) == {"a": "Foo", "b": "StringBuilder", "c": "Statement", "d": "Object"}


def test_a_parameter_the_framework_fills_from_the_request_counts_as_request_data() -> None:
    annotated = java("class A {\n  void get(@RequestParam String name) { }\n}\n")
    uploaded = java("class A {\n  void upload(MultipartFile file) { sink(file); }\n}\n")
    plain = java("class A {\n  void run(String name) { sink(name); }\n}\n")
    assert (annotated.has_sources, uploaded.has_sources, plain.has_sources) == (True, True, False)
    [site] = uploaded.calls_named("sink")
    assert (site.args[0].tainted, site.args[0].source, site.args[0].type) == (
        True, "parameter `file`", "MultipartFile")


def test_an_xml_factory_field_is_reported_where_a_private_helper_first_builds_a_parser_from_it() -> None:
    # the factory is made by a field initializer, and the two helpers that use it run after the rest
    source = textwrap.dedent("""\
        import javax.xml.parsers.*;
        class A {
          private final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
          private Document first(InputStream in) throws Exception { return f.newDocumentBuilder().parse(in); }
          private Document second(InputStream in) throws Exception { return f.newDocumentBuilder().parse(in); }
        }
        """)
    assert [hit.line for hit in java_flow_security.xxe(context_for_text("A.java", source))] == [4]


# --- file-private helpers ------------------------------------------------------------------------------


def test_a_helper_waits_for_every_caller_even_one_that_is_reached_only_later() -> None:
    # `helper` is called by `a` ("k") and by `b` (request data); `b` can run only after `a` and `c`
    flow = java("""\
        class A {
          void run(HttpServletRequest request) { a(request.getParameter("p")); }
          private void a(String v) { helper("k"); c(v); }
          private void c(String v) { b(v); }
          private void b(String v) { helper(v); }
          private void helper(String s) { sink(s); }
        }
        """)
    assert sinks_by_function(flow) == {"helper": ["T"]}


def test_a_helper_is_bound_to_its_calls_on_this_and_not_to_a_same_named_method_of_another_object() -> None:
    flow = java("""\
        class A {
          void run(HttpServletRequest request, Other other) {
            this.helper("k");
            other.helper(request.getParameter("p"));
          }
          private void helper(String s) { sink(s); }
        }
        """)
    assert sinks_by_function(flow) == {"helper": ["- 'k'"]}


def test_an_overloaded_helper_is_bound_to_the_calls_with_its_number_of_arguments() -> None:
    flow = java("""\
        class A {
          void run(HttpServletRequest request) {
            log("x");
            log(request.getParameter("p"), "y");
          }
          private void log(String a) { sink(a); }
          private void log(String a, String b) { }
        }
        """)
    assert sinks_by_function(flow) == {"log": ["- 'x'"]}


def test_a_helper_s_parameters_keep_the_type_of_what_is_passed_else_their_declared_type() -> None:
    flow = java("""\
        class A {
          void run() { helper(make(), new StringBuilder()); }
          private void helper(Statement s, Object o) { s.execute("q"); o.append("x"); }
        }
        """)
    types = receiver_types(flow)
    assert (types["execute"], types["append"]) == ("Statement", "StringBuilder")


def test_of_helpers_that_only_call_each_other_the_first_runs_unbound_and_the_next_sees_what_it_passes() -> None:
    # `ping` waits for `pong` and `pong` for `ping`: `ping` (first in the file) runs with an unknown
    # parameter, then `pong`, whose only caller has run, is bound to "x"
    flow = java("""\
        class A {
          private void ping(String v) { sink(v); pong("x"); }
          private void pong(String v) { sink(v); ping("y"); }
        }
        """)
    assert sinks_by_function(flow) == {"ping": ["-"], "pong": ["- 'x'"]}
