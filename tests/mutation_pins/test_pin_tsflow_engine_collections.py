"""Builders, lists and maps in the tree-sitter data-flow engine (`checks/_tsflow/engine.py`): what the
code put in them with constant keys and indexes is read back exactly, request data put in them follows
them, and a chain of appends grows the builder it starts from. Each test reads what `sink(...)` calls
receive in a small Java method where `p` is a request parameter; the last one runs the real SQL check."""

from __future__ import annotations

import textwrap

from persona_review.checks import java_security
from persona_review.checks._tsflow import Value, flows
from persona_review.contexts import context_for_text


def sink_values(statements: str) -> list[Value]:
    body = textwrap.indent(textwrap.dedent(statements).strip(), " " * 4)
    source = ("class A {\n  void run(HttpServletRequest request, String u, java.util.List<String> given) {\n"
              f'    String p = request.getParameter("p");\n{body}\n  }}\n}}\n')
    ctx = context_for_text("A.java", source)
    return [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]


def consts(statements: str) -> list[tuple[bool, object]]:
    return [(v.known, v.const) for v in sink_values(statements)]


def test_a_list_of_constants_is_read_back_by_index_and_after_a_removal() -> None:
    assert consts("""
        java.util.List<String> l = new java.util.ArrayList<>();
        l.add("a");
        l.add("b");
        sink(l.get(1));
        sink(l.get(2));
        sink(l.remove(0));
        sink(l.get(0));
        sink(l.remove(5));
        """) == [(True, "b"), (False, None), (True, "a"), (True, "b"), (False, None)]


def test_a_list_made_with_a_capacity_starts_empty() -> None:
    assert consts("""
        java.util.List<String> l = new java.util.ArrayList<>(10);
        l.add("only");
        sink(l.get(0));
        """) == [(True, "only")]


def test_the_elements_of_a_list_of_equal_constants_are_that_constant() -> None:
    assert consts("""
        java.util.List<String> l = new java.util.ArrayList<>();
        l.add("x");
        l.add("x");
        for (String s : l) { sink(s); }
        java.util.List<String> mixed = new java.util.ArrayList<>();
        mixed.add("x");
        mixed.add("y");
        for (String s : mixed) { sink(s); }
        """) == [(True, "x"), (False, None)]


def test_a_list_grown_by_something_unknown_is_no_longer_known_element_by_element() -> None:
    values = sink_values("""
        java.util.List<String> l = new java.util.ArrayList<>();
        l.add("x");
        l.addAll(given);
        sink(l.get(0));
        java.util.List<String> t = new java.util.ArrayList<>();
        t.add("x");
        t.add(0, p);
        sink(t.get(1));
        """)
    assert [(v.known, v.tainted) for v in values] == [(False, False), (False, True)]


def test_request_data_added_to_a_list_is_read_back_from_it() -> None:
    values = sink_values("""
        java.util.List<String> t = new java.util.ArrayList<>();
        t.add(p);
        sink(t.get(0));
        for (String s : t) { sink(s); }
        """)
    assert [v.tainted for v in values] == [True, True]


def test_a_map_of_constants_is_read_back_by_key() -> None:
    assert consts("""
        java.util.Map<String, String> m = new java.util.HashMap<>();
        m.put("k", "v");
        m.putIfAbsent("k", "w");
        m.putIfAbsent("j", "x");
        sink(m.get("k"));
        sink(m.get("j"));
        sink(m.get("zz"));
        sink(m.getOrDefault("zz", "d"));
        sink(m.getOrDefault("k", "d"));
        java.util.Properties props = new java.util.Properties();
        props.setProperty("a", "1");
        sink(props.getProperty("a"));
        """) == [(True, "v"), (True, "x"), (True, None), (True, "d"), (True, "v"), (True, "1")]


def test_request_data_put_in_a_map_is_read_back_and_a_key_from_the_request_reads_stored_data() -> None:
    values = sink_values("""
        java.util.Map<String, String> m = new java.util.HashMap<>();
        m.put(u, p);
        sink(m.get("k"));
        java.util.Map<String, String> fixed = new java.util.HashMap<>();
        fixed.put("k", "v");
        sink(fixed.get(p));
        """)
    assert [v.tainted for v in values] == [True, False]


def test_builders_grow_by_append_insert_and_chains_of_appends() -> None:
    assert consts("""
        StringBuilder sb = new StringBuilder();
        sb.append("b").append("c");
        sb.insert(0, "a");
        sink(sb.toString());
        StringBuilder sized = new StringBuilder(16);
        sized.append("x");
        sink(sized.toString());
        StringBuilder seeded = new StringBuilder("s");
        seeded.append(1);
        sink(seeded.toString());
        sink("a".concat("b"));
        """) == [(True, "abc"), (True, "x"), (True, "s1"), (True, "ab")]


def test_request_data_inserted_or_appended_in_a_chain_taints_the_builder() -> None:
    values = sink_values("""
        StringBuilder mid = new StringBuilder("ab");
        mid.insert(1, p);
        sink(mid.toString());
        StringBuilder chain = new StringBuilder();
        chain.append("id=").append(p);
        sink(chain.toString());
        sink(new StringBuilder().append("x").append(p).toString());
        """)
    assert [(v.tainted, v.prefix) for v in values] == [(True, ""), (True, "id="), (True, "x")]


def test_sql_appended_to_a_builder_in_a_chain_is_reported_where_it_runs() -> None:
    source = textwrap.dedent("""\
        class A extends HttpServlet {
          void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
            String p = request.getParameter("p");
            StringBuilder sb = new StringBuilder();
            sb.append("SELECT * FROM users WHERE name = '").append(p).append("'");
            Statement st = conn.createStatement();
            st.executeQuery(sb.toString());
          }
        }
        """)
    assert [hit.line for hit in java_security.sql_string(context_for_text("A.java", source))] == [7]
