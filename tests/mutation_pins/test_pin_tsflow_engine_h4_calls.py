"""Calls in the tree-sitter data-flow engine (`checks/_tsflow/engine.py`, `_Run._on_request`, `_fill`,
`_request_object`, `_helper`, `_apply_summary`, `_summary` and `_fold_number`): which calls and fields
read the request, what a decoder fills, and what a call to a method of the same class returns (its
summary: a constant, the arguments it passes on, request data it reads itself). Each test reads what
`sink(...)` calls receive."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks._tsflow import FileFlow, Value, flows
from persona_review.contexts import context_for_text


def file_flows(path: str, source: str) -> list[FileFlow]:
    return flows(context_for_text(path, textwrap.dedent(source)))


def sinks(path: str, source: str, function: str | None = None) -> list[Value]:
    return [site.args[0] for flow in file_flows(path, source) for site in flow.calls
            if site.call.method == "sink"
            and (function is None or (site.function is not None and site.function.name == function))]


def seen(values: list[Value]) -> list[str]:
    """`T` for request data, `-` for none, then the constant when one is known."""
    return [("T" if v.tainted else "-") + (repr(v.const) if v.known else "") for v in values]


# --- what reads the request -------------------------------------------------------------------------

def test_a_function_named_like_a_request_getter_but_called_on_nothing_reads_no_request() -> None:
    go = sinks("main.go", """
        package main

        func serve(w http.ResponseWriter, r *http.Request) {
        \tsink(FormValue("q"))
        \tsink(r.FormValue("q"))
        }
        """)
    javascript = sinks("app.js", """
        app.get('/x', (req, res) => {
          sink(query("SELECT 1"));
          sink(req.query.q);
        });
        """)
    assert seen(go) == ["-", "T"]
    assert seen(javascript) == ["-", "T"]


def test_a_request_kept_in_a_struct_field_is_known_by_the_fields_last_name() -> None:
    values = sinks("main.go", """
        package main

        type H struct{ r *http.Request }

        func (h *H) serve() {
        \tsink(h.r.FormValue("q"))
        \tsink(h.r.Body)
        \tsink(h.x.FormValue("q"))
        \tsink(h.x.Body)
        }
        """)
    assert seen(values) == ["T", "T", "-", "-"]


@pytest.mark.parametrize("read", ["(req as any).body.name", "req!.body.name", "(req).body.name",
                                  "(<any>req).body"])
def test_request_fields_read_through_a_cast_or_parentheses_are_request_data(read: str) -> None:
    values = sinks("handler.ts", f"""
        import {{ Request, Response }} from 'express';
        export function handle(req: Request, res: Response) {{
          sink({read});
        }}
        """)
    assert seen(values) == ["T"]


def test_a_field_named_like_request_data_on_a_functions_result_is_not_request_data() -> None:
    values = sinks("app.js", """
        app.get('/x', (req, res) => {
          sink(loadConfig().url);
          sink(req.url);
        });
        """)
    assert seen(values) == ["-", "T"]


# --- what a decoder fills ---------------------------------------------------------------------------

def test_decoding_request_bytes_fills_the_target_named_last() -> None:
    values = sinks("main.go", """
        package main

        func decode(r *http.Request) {
        \tbody, _ := io.ReadAll(r.Body)
        \tvar v Item
        \tjson.Unmarshal(body, &v)
        \tsink(v.Name)
        \tsink(body)
        }
        """)
    assert seen(values) == ["T", "T"]


def test_binding_the_request_into_a_variable_makes_it_request_data_and_the_file_a_source() -> None:
    [flow] = file_flows("main.go", """
        package main

        func bind(c *gin.Context) {
        \tvar q Query
        \tc.ShouldBindJSON(&q)
        \tsink(q.Name)
        }
        """)
    assert flow.has_sources
    assert [site.args[0].tainted for site in flow.calls if site.call.method == "sink"] == [True]


def test_binding_the_request_into_a_temporary_fills_nothing_and_reads_no_request() -> None:
    [flow] = file_flows("main.go", """
        package main

        func bind(c *gin.Context) {
        \tc.ShouldBindJSON(newQuery())
        \tsink("x")
        }
        """)
    assert not flow.has_sources


def test_decoding_trusted_data_into_a_value_holding_request_data_keeps_the_request_data() -> None:
    """A decoder sets only the fields present in its input: the others keep what they held."""
    values = sinks("main.go", """
        package main

        func decode(r *http.Request, cfg []byte) {
        \tq := Item{Name: r.FormValue("n")}
        \tjson.Unmarshal(cfg, &q)
        \tsink(q)
        }
        """)
    assert seen(values) == ["T"]


# --- calls to methods of the same class ---------------------------------------------------------------

def java_class(members: str, body: str) -> list[Value]:
    source = ("class A {\n  private HttpServletRequest request;\n  private boolean flag;\n"
              + textwrap.indent(textwrap.dedent(members).strip(), "  ")
              + "\n  public void run(HttpServletRequest req, Repo other, String u, int k) {\n"
              + '    String p = req.getParameter("p");\n'
              + textwrap.indent(textwrap.dedent(body).strip(), "    ") + "\n  }\n}\n")
    return sinks("A.java", source, "run")


def test_a_method_of_this_class_returns_its_constant_and_another_objects_method_does_not() -> None:
    values = java_class("""
        String tableName() { return "users"; }
        """, """
        sink(tableName());
        sink(this.tableName());
        sink(other.tableName());
        """)
    assert seen(values) == ["-'users'", "-'users'", "-"]


def test_an_overloaded_method_is_matched_by_its_number_of_arguments() -> None:
    values = java_class("""
        String pick() { return "none"; }
        String pick(String s) { return "one"; }
        """, """
        sink(pick("x"));
        sink(pick());
        """)
    assert seen(values) == ["-'one'", "-'none'"]


def test_a_recursive_method_passes_on_the_request_data_it_is_given() -> None:
    values = java_class("""
        String strip(String s) { if (flag) { return s; } return strip(s.trim()); }
        """, """
        sink(strip(p));
        sink(strip("a"));
        """)
    assert seen(values) == ["T", "-"]


@pytest.mark.parametrize("call", ['both(p, "x")', 'both("x", p)'])
def test_a_method_passing_on_two_arguments_carries_request_data_from_either(call: str) -> None:
    values = java_class("""
        String both(String a, String b) { return a + b; }
        """, f"sink({call});")
    assert seen(values) == ["T"]


def test_a_method_building_on_its_argument_does_not_return_the_argument_itself() -> None:
    values = java_class("""
        String decorate(String s) { return "<" + s + ">"; }
        """, """
        sink(decorate("abc"));
        sink(decorate(p));
        """)
    assert seen(values) == ["-", "T"]
    assert not values[1].host_fixed()  # request data passed through still picks where a URL goes


def test_request_data_a_method_reads_itself_still_picks_where_a_url_goes() -> None:
    values = java_class("""
        String target() { return request.getParameter("url"); }
        String relative() { return "/api/" + request.getParameter("id"); }
        """, """
        sink(target());
        sink(relative());
        """)
    assert seen(values) == ["T", "T"]
    assert [v.host_fixed() for v in values] == [False, True]


def test_a_method_returning_one_of_two_literals_gives_a_value_built_from_literals() -> None:
    [value] = java_class("""
        String choice() { if (flag) { return "a"; } return "b"; }
        """, "sink(choice());")
    assert (value.known, value.fixed, value.tainted) == (False, True, False)


def test_a_method_summarised_once_is_reused_however_deep_the_chain_that_calls_it_again() -> None:
    """`h2` .. `h9` (eight deep) are summarised by the first call; `h1` then finds `h2` done."""
    members = "".join(f"String h{i}() {{ return h{i + 1}(); }}\n" for i in range(1, 9)) \
        + 'String h9() { return "c"; }\n'
    values = java_class(members, "sink(h2());\nsink(h1());")
    assert seen(values) == ["-'c'", "-'c'"]


# --- numbers parsed from constants --------------------------------------------------------------------

def test_a_number_parsed_from_a_constant_is_that_number_in_the_radix_given() -> None:
    values = java_class("", """
        sink(Integer.parseInt("12"));
        sink(Integer.parseInt("12", 16));
        sink(Long.parseLong("7"));
        sink(Integer.parseInt("12", k));
        sink(Integer.parseInt(u, 36));
        sink(Integer.parseInt("zz"));
        """)
    assert seen(values) == ["-12", "-18", "-7", "-", "-", "-"]
