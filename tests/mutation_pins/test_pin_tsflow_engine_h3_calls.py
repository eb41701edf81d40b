"""What a library call or a constructor gives in the tree-sitter data-flow engine
(`checks/_tsflow/engine.py`, `_Run._call`, `_Run._result` and `_Run._construct`): getters of an object
that wraps the request, methods that fill their last argument, predictable random generators, names the
code writes, the class a library call returns, printf-style formatting, string methods that keep the
literal start of request data, and new lists, builders, strings and other objects. Each test reads what
`sink(...)` calls receive in a method where `p` is request data and `u`, `k`, `lf` and `names` are
parameters the engine knows nothing about."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks import java_security
from persona_review.checks._tsflow import Value, flows
from persona_review.contexts import context_for_text


def java(statements: str) -> list[Value]:
    body = textwrap.indent(textwrap.dedent(statements).strip(), " " * 4)
    source = ("class A {\n  void run(HttpServletRequest request, HttpServletResponse response, String u, int k,"
              " float lf, java.util.List<String> names) {\n"
              f'    String p = request.getParameter("p");\n{body}\n  }}\n}}\n')
    return sink_values("A.java", source)


def go(statements: str) -> list[Value]:
    body = textwrap.indent(textwrap.dedent(statements).strip(), "\t")
    source = ("package main\n\nfunc run(w http.ResponseWriter, r *http.Request, u string) {\n"
              f'\tp := r.URL.Query().Get("p")\n{body}\n}}\n')
    return sink_values("a.go", source)


def sink_values(path: str, source: str) -> list[Value]:
    ctx = context_for_text(path, source)
    return [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]


def flag_names(value: Value) -> list[str]:
    return sorted(flag.split("@", 1)[0] for flag in value.flags)


# --- the request, read through an object that wraps it ------------------------------------------------

@pytest.mark.parametrize(("call", "tainted"), [
    ('w.getHeaderValue("X-User")', True),
    ('w.putHeaderValue("X-User")', False),
    ("w.getHeaderValue(1)", False),
    ("w.getHeaderValue(u)", False),
])
def test_a_getter_named_by_a_constant_on_an_object_wrapping_the_request_reads_request_data(
        call: str, tainted: bool) -> None:
    """Only getters, and only with a constant name, read the wrapped request; other methods do not."""
    [value] = java(f"Wrapper w = new Wrapper(request);\nsink({call});")
    assert value.tainted is tainted


def test_only_a_fill_method_copies_request_data_into_its_last_argument() -> None:
    decoded, passed = go("""
        var v Item
        json.NewDecoder(r.Body).Decode(&v)
        sink(v)
        var x Item
        process(p, &x)
        sink(x)
        """)
    assert (decoded.tainted, decoded.source, passed.tainted) == (True, "r.Body", False)


# --- predictable random values ------------------------------------------------------------------------

def test_only_the_next_methods_of_a_predictable_generator_give_predictable_values() -> None:
    number, code = java("""
        java.util.Random r = new java.util.Random();
        sink(r.nextInt());
        sink(r.hashCode());
        """)
    assert (flag_names(number), flag_names(code)) == (["weak-random:r.nextInt"], [])


def test_a_bound_passed_to_a_predictable_generator_is_not_itself_flagged() -> None:
    [bound] = java("""
        java.util.Random r = new java.util.Random();
        int n = 10;
        r.nextInt(n);
        sink(n);
        """)
    assert (bound.known, bound.const, bound.flags) == (True, 10, frozenset())


def test_next_bytes_flags_the_array_it_fills_and_nothing_else() -> None:
    filled, other, after = java("""
        java.util.Random r = new java.util.Random();
        byte[] token = new byte[16];
        byte[] spare = new byte[16];
        r.nextBytes(token, spare);
        sink(token);
        sink(spare);
        r.nextBytes(new byte[16]);
        sink(token);
        """)
    assert (flag_names(filled), flag_names(other), flag_names(after)) == (
        ["weak-random:r.nextBytes"], [], ["weak-random:r.nextBytes"])


# --- names the code writes ----------------------------------------------------------------------------

def test_a_code_name_read_off_request_data_is_still_request_data() -> None:
    from_request, from_code = java("sink(p.name());\nsink(u.name());")
    assert (from_request.tainted, from_request.fixed) == (True, False)
    assert (from_code.tainted, from_code.fixed) == (False, True)


# --- the class of what a library call returns -----------------------------------------------------------

@pytest.mark.parametrize(("call", "type_name"), [
    ("response.getWriter()", "PrintWriter"),
    ("Runtime.getRuntime()", "Runtime"),
    ("u.createStatement()", "Statement"),
])
def test_a_library_call_gives_its_result_the_class_the_library_returns(call: str, type_name: str) -> None:
    """By method name or by the dotted callee as written, so that the calls chained on it are recognised."""
    [value] = java(f"sink({call});")
    assert value.type == type_name


def test_a_typed_library_result_carries_the_request_data_it_was_made_from() -> None:
    command, database = go("""
        cmd := exec.Command("sh", "-c", p)
        sink(cmd)
        db, _ := sql.Open("postgres", u)
        sink(db)
        """)
    assert (command.type, command.tainted, command.source) == ("Cmd", True, 'r.URL.Query().Get("p")')
    assert (database.type, database.tainted) == ("DB", False)


def test_a_runtime_exec_of_request_data_is_reported_as_command_injection() -> None:
    source = textwrap.dedent("""\
        class A extends HttpServlet {
          void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
            String cmd = request.getParameter("cmd");
            Runtime.getRuntime().exec(cmd);
            Runtime.getRuntime().exec("uptime");
          }
        }
        """)
    assert [hit.line for hit in java_security.command_injection(context_for_text("A.java", source))] == [4]


# --- printf-style formatting ----------------------------------------------------------------------------

def test_a_template_missing_an_argument_gives_no_constant() -> None:
    short, full = go('sink(fmt.Sprintf("%s-%s", "a"))\nsink(fmt.Sprintf("%s-%s", "a", "b"))')
    assert (short.known, short.tainted) == (False, False)
    assert (full.known, full.const) == (True, "a-b")


@pytest.mark.parametrize("language", ["java", "go"])
def test_formatting_request_data_into_a_url_keeps_the_literal_start(language: str) -> None:
    if language == "java":
        tainted, clean = java('sink(String.format("https://api.example/%s?q=%s", p, u));\n'
                              'sink(String.format("https://api.example/%s", u));')
    else:
        tainted, clean = go('sink(fmt.Sprintf("https://api.example/%s?q=%s", p, u))\n'
                            'sink(fmt.Sprintf("https://api.example/%s", u))')
    assert (tainted.tainted, tainted.prefix) == (True, "https://api.example/")
    assert (clean.tainted, clean.known) == (False, False)


# --- string methods on request data -----------------------------------------------------------------------

@pytest.mark.parametrize(("method", "prefix"), [
    ("trim()", "https://api.example/"),
    ("strip()", "https://api.example/"),
    ("toLowerCase()", "https://api.example/"),
    ("toUpperCase()", "https://api.example/"),
    ("intern()", "https://api.example/"),
    ("toString()", "https://api.example/"),
    ("substring(3)", ""),
    ('replace("a", "b")', ""),
])
def test_only_methods_that_keep_the_text_in_place_keep_the_literal_start_of_request_data(
        method: str, prefix: str) -> None:
    [value] = java(f'String url = "https://api.example/" + p;\nsink(url.{method});')
    assert (value.tainted, value.prefix) == (True, prefix)


def test_a_string_method_on_a_builder_of_fixed_text_gives_a_string_not_a_builder() -> None:
    [value] = java("""
        StringBuilder sb = new StringBuilder();
        sb.append(getClass().getSimpleName());
        sink(sb.toString());
        """)
    assert (value.tainted, value.fixed, value.type) == (False, True, None)


# --- constructors ------------------------------------------------------------------------------------------

def test_a_new_list_sized_by_constants_is_empty_and_fixed() -> None:
    values = java("""
        sink(new java.util.ArrayList<>());
        sink(new java.util.ArrayList<>(16));
        sink(new java.util.HashSet<>(16, 0.75f));
        sink(new java.util.ArrayList<>('a'));
        """)
    assert [(v.seq, v.fixed, v.known) for v in values] == [((), True, False)] * 4


def test_a_list_sized_by_an_unknown_number_or_copied_from_an_unknown_collection_is_not_empty() -> None:
    values = java("""
        sink(new java.util.HashSet<>(16, lf));
        sink(new java.util.ArrayList<>(k));
        sink(new java.util.ArrayList<>(names));
        """)
    assert [(v.seq, v.fixed, v.type) for v in values] == [
        (None, False, "HashSet"), (None, False, "ArrayList"), (None, False, "ArrayList")]


def test_a_list_copied_from_a_list_keeps_its_elements() -> None:
    copy, first, literal_copy, literal_first = java("""
        java.util.List<String> a = new java.util.ArrayList<>();
        a.add(p);
        java.util.List<String> b = new java.util.ArrayList<>(a);
        sink(b);
        sink(b.get(0));
        java.util.List<String> f = new java.util.ArrayList<>();
        f.add("x");
        java.util.List<String> g = new java.util.LinkedList<>(f);
        sink(g);
        sink(g.get(0));
        """)
    assert (copy.type, copy.tainted, len(copy.seq or ()), copy.known) == ("ArrayList", True, 1, False)
    assert first.tainted
    assert (literal_copy.type, literal_copy.fixed, literal_copy.known, literal_copy.const) == (
        "LinkedList", True, False, None)
    assert (literal_first.known, literal_first.const) == (True, "x")


def test_request_data_added_to_a_string_joiner_reaches_the_sql_it_builds() -> None:
    joined, fixed = java("""
        java.util.StringJoiner where = new java.util.StringJoiner(" AND ");
        where.add("name = '" + p + "'");
        sink("SELECT * FROM t WHERE " + where);
        java.util.StringJoiner safe = new java.util.StringJoiner(", ", "[", "]");
        safe.add("active = 1");
        sink("SELECT * FROM t WHERE " + safe);
        """)
    assert (joined.tainted, joined.known, joined.prefix) == (True, False, "SELECT * FROM t WHERE ")
    assert (fixed.tainted, fixed.fixed) == (False, True)


def test_sql_joined_from_request_data_is_reported_and_sql_joined_from_literals_is_not() -> None:
    source = textwrap.dedent("""\
        class A extends HttpServlet {
          void doGet(HttpServletRequest request, java.sql.Connection conn) throws Exception {
            String name = request.getParameter("name");
            java.util.StringJoiner where = new java.util.StringJoiner(" AND ");
            where.add("name = '" + name + "'");
            java.sql.Statement stmt = conn.createStatement();
            stmt.executeQuery("SELECT * FROM users WHERE " + where);
          }
          void fixed(java.sql.Connection conn) throws Exception {
            java.util.StringJoiner where = new java.util.StringJoiner(" AND ");
            where.add("active = 1");
            java.sql.Statement stmt = conn.createStatement();
            stmt.executeQuery("SELECT * FROM users WHERE " + where);
          }
        }
        """)
    assert [hit.line for hit in java_security.sql_string(context_for_text("A.java", source))] == [7]


def test_a_joiner_with_a_request_chosen_prefix_carries_request_data() -> None:
    [value] = java('sink(new java.util.StringJoiner(",", p, "]"));')
    assert (value.tainted, value.type) == (True, "StringJoiner")


@pytest.mark.parametrize(("expression", "known", "const", "tainted"), [
    ("new StringBuilder()", True, "", False),
    ("new StringBuilder(16)", True, "", False),
    ('new StringBuilder("a")', True, "a", False),
    ("new StringBuilder(p)", False, None, True),
    ('new String("abc")', True, "abc", False),
    ("new String(p)", False, None, True),
    ('new String("abcdef".toCharArray(), 0, 3)', False, None, False),
    ('new java.io.File("/tmp/x")', False, None, False),
    ('new java.io.File("/base", p)', False, None, True),
    ("new Object()", False, None, False),
])
def test_what_a_constructor_gives(expression: str, known: bool, const: object, tainted: bool) -> None:
    """A builder starts empty (a number is its capacity) or with its text; `new String(s)` is `s`; an object
    of another class, or a string from part of an array, is not the text it was made from, but carries
    the request data of any argument."""
    [value] = java(f"sink({expression});")
    assert (value.known, value.const, value.tainted) == (known, const, tainted)
    assert value.type == expression.split("(", 1)[0].removeprefix("new ").rsplit(".", 1)[-1]


@pytest.mark.parametrize("expression", ['new java.io.File("/srv/files/", p)', 'new java.io.File("/srv/files/" + p, u)'])
def test_a_path_built_on_a_fixed_directory_keeps_the_directory_as_its_start(expression: str) -> None:
    """The start is the first argument's, whether the request data is in it or in a later argument."""
    [value] = java(f"sink({expression});")
    assert (value.tainted, value.prefix) == (True, "/srv/files/")
