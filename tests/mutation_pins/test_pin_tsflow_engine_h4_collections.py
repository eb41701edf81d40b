"""Builders, lists, maps and `concat` in the tree-sitter data-flow engine (`checks/_tsflow/engine.py`,
`_Run._collection`, `_appended_to` and `element_of`): each mutator changes the collection it is called on
and returns what the language returns, a read with an unknown key or index may give any element, and
every part `concat` or `append` adds is kept. Each test reads what `sink(...)` calls receive in a small
Java method (`p` is a request parameter, `u` and `k` unknown parameters) or an Express handler (`p` is
`req.query.p`)."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks._tsflow import Value, flows
from persona_review.contexts import context_for_text


def java(statements: str) -> list[Value]:
    body = textwrap.indent(textwrap.dedent(statements).strip(), " " * 4)
    source = ("class A {\n  void run(HttpServletRequest request, String u, int k) {\n"
              f'    String p = request.getParameter("p");\n{body}\n  }}\n}}\n')
    ctx = context_for_text("A.java", source)
    return [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]


def js(statements: str) -> list[Value]:
    body = textwrap.indent(textwrap.dedent(statements).strip(), " " * 2)
    source = f"app.get('/x', (req, res) => {{\n  const p = req.query.p;\n{body}\n}});\n"
    ctx = context_for_text("app.js", source)
    return [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]


def seen(values: list[Value]) -> list[str]:
    """`T` for request data, `-` for none, then the constant when one is known."""
    return [("T" if v.tainted else "-") + (repr(v.const) if v.known else "") for v in values]


def test_concat_on_text_keeps_the_literal_start_and_does_not_change_the_receiver() -> None:
    values = java("""
        sink("https://api.example.com/".concat(p));
        String a = u;
        a.concat(p);
        sink(a);
        """)
    assert [(v.tainted, v.prefix) for v in values] == [(True, "https://api.example.com/"), (False, None)]


def test_javascript_concat_joins_every_part_it_is_given() -> None:
    values = js("""
        sink("SELECT ".concat("name FROM t WHERE id = ", p));
        sink("a".concat("b", "c"));
        """)
    assert seen(values) == ["T", "-'abc'"]
    assert values[0].prefix == "SELECT name FROM t WHERE id = "


def test_concat_of_literal_parts_keeps_the_flags_of_its_parts() -> None:
    [value] = js("""
        const parts = ["t"];
        parts.push(Math.random());
        sink(["id"].concat(parts));
        """)
    assert value.fixed and any(flag.startswith("weak-random:Math.random") for flag in value.flags)


def test_append_of_part_of_a_text_adds_that_part_not_the_whole_text() -> None:
    values = java("""
        StringBuilder a = new StringBuilder();
        a.append("abcdef", 0, 2);
        sink(a.toString());
        StringBuilder b = new StringBuilder("q=");
        b.append(p, 0, 8);
        sink(b.toString());
        """)
    assert seen(values) == ["-", "T"]
    assert values[0].fixed and values[1].prefix == "q="


def test_an_insert_then_append_chain_grows_the_builder_it_starts_from() -> None:
    [value] = java("""
        StringBuilder sb = new StringBuilder();
        sb.insert(0, "SELECT * FROM t WHERE a = ").append(p);
        sink(sb.toString());
        """)
    assert (value.tainted, value.prefix) == (True, "SELECT * FROM t WHERE a = ")


def test_an_insert_anywhere_but_the_start_gives_no_constant_and_keeps_the_inserted_request_data() -> None:
    values = java("""
        StringBuilder a = new StringBuilder("ab");
        a.insert(1, "x");
        sink(a.toString());
        StringBuilder b = new StringBuilder("ab");
        b.insert(k, p);
        sink(b.toString());
        StringBuilder d = new StringBuilder("ab");
        d.insert(0, "x");
        sink(d.toString());
        """)
    assert seen(values) == ["-", "T", "-'xab'"]


def test_a_map_put_with_an_unknown_key_forgets_the_constant_entries() -> None:
    values = java("""
        java.util.Map<String, String> m = new java.util.HashMap<>();
        m.put("k", "v");
        m.put(u, "w");
        sink(m.get("k"));
        sink(m.get("other"));
        """)
    assert seen(values) == ["-", "-"]


def test_put_returns_the_previous_value_not_the_one_put() -> None:
    values = java("""
        java.util.Map<String, String> m = new java.util.HashMap<>();
        sink(m.put("k", p));
        sink(m.get("k"));
        """)
    assert seen(values) == ["-", "T"]


@pytest.mark.parametrize("first, second", [('"x"', "p"), ("p", '"x"')])
def test_a_map_read_with_an_unknown_key_may_give_any_of_its_values(first: str, second: str) -> None:
    [value] = java(f"""
        java.util.Map<String, String> m = new java.util.HashMap<>();
        m.put("a", {first});
        m.put("b", {second});
        sink(m.get(u));
        """)
    assert value.tainted and not value.known


def test_a_map_of_constants_read_with_an_unknown_key_is_no_single_constant() -> None:
    values = java("""
        java.util.Map<String, String> m = new java.util.HashMap<>();
        m.put("k", "v");
        sink(m.get(u));
        java.util.Map<String, String> one = new java.util.HashMap<>();
        one.put("k", p);
        sink(one.get(u));
        """)
    assert seen(values) == ["-", "T"]


def test_an_escaped_value_read_from_a_map_with_a_request_key_stays_escaped() -> None:
    """The key picks an entry; it is not part of what is read."""
    [value] = java("""
        java.util.Map<String, String> m = new java.util.HashMap<>();
        m.put(u, ESAPI.encoder().encodeForSQL(codec, p));
        sink(m.get(p));
        """)
    assert value.tainted and "sql" in value.safe_for


@pytest.mark.parametrize("kind, method", [("java.util.LinkedList", "addLast"), ("java.util.Stack", "push"),
                                          ("java.util.ArrayDeque", "offer"), ("java.util.Vector", "addElement"),
                                          ("java.util.ArrayList", "add")])
def test_each_way_of_adding_to_a_list_appends_the_element(kind: str, method: str) -> None:
    values = java(f"""
        {kind}<String> l = new {kind}<>();
        l.{method}("a");
        sink(l.get(0));
        sink(l.{method}(p));
        """)
    assert seen(values) == ["-'a'", "-True"]


def test_a_javascript_array_push_appends_the_element() -> None:
    assert seen(js("""
        const a = [];
        a.push("x");
        sink(a[0]);
        """)) == ["-'x'"]


@pytest.mark.parametrize("index", ["2", "-1"])
def test_removing_at_an_index_outside_the_list_gives_nothing_known_and_keeps_the_list(index: str) -> None:
    values = java(f"""
        java.util.List<String> l = new java.util.ArrayList<>();
        l.add("a");
        l.add("b");
        sink(l.remove({index}));
        sink(l.get(1));
        """)
    assert seen(values) == ["-", "-'b'"]


@pytest.mark.parametrize("statement", ["l.set(0, p);", "l.addFirst(p);"])
def test_replacing_or_prepending_request_data_taints_the_list(statement: str) -> None:
    values = java(f"""
        java.util.LinkedList<String> l = new java.util.LinkedList<>();
        l.add("a");
        {statement}
        sink(l.get(0));
        """)
    assert seen(values) == ["T"]


def test_set_returns_the_element_it_replaced_not_the_new_one() -> None:
    values = java("""
        java.util.List<String> l = new java.util.ArrayList<>();
        l.add("a");
        sink(l.set(0, p));
        """)
    assert seen(values) == ["-"]


def test_put_all_of_a_map_holding_request_data_taints_the_map() -> None:
    values = java("""
        java.util.Map<String, String> m = new java.util.HashMap<>();
        m.put("k", "v");
        java.util.Map<String, String> o = new java.util.HashMap<>();
        o.put("k", p);
        m.putAll(o);
        sink(m.get("k"));
        """)
    assert seen(values) == ["T"]


def test_a_javascript_unshift_of_request_data_taints_the_array() -> None:
    assert seen(js("""
        const a = ["x"];
        a.unshift(p);
        sink(a[0]);
        """)) == ["T"]


def test_inserting_one_of_two_literals_at_the_start_keeps_the_builder_built_from_literals() -> None:
    [value] = java("""
        StringBuilder sb = new StringBuilder("xy");
        sb.insert(0, k > 1 ? "a" : "b");
        sink(sb.toString());
        """)
    assert (value.known, value.fixed, value.tainted) == (False, True, False)


def test_adding_at_an_index_forgets_where_each_element_is() -> None:
    values = java("""
        java.util.List<String> l = new java.util.ArrayList<>();
        l.add("a");
        l.add(0, "b");
        sink(l.get(0));
        sink(l.get(1));
        """)
    assert [v.known for v in values] == [False, False]


def test_request_data_added_to_a_list_of_unknown_content_taints_it() -> None:
    values = java("""
        java.util.List<String> l = load();
        l.add(p);
        sink(l.get(0));
        """)
    assert seen(values) == ["T"]


def test_a_negative_index_reads_no_element_of_a_list() -> None:
    values = java("""
        java.util.List<String> l = new java.util.ArrayList<>();
        l.add("a");
        l.add("b");
        sink(l.get(-1));
        """)
    assert seen(values) == ["-"]
