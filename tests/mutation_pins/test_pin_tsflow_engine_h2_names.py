"""Names, members and lambdas in the tree-sitter data-flow engine (`checks/_tsflow/engine.py`,
`_Run._assign`, `_assigned`, `_name_of` and `_Run._eval` on members and lambdas): what an assignment
leaves in a variable, an array element or a field, which class a variable keeps, which assignments are
recorded, when `X.NAME` reads a constant of the file, and what a lambda sees and returns.

Each sink is described as `T` (request data) or `-`, then its constant when one is known, then
`prefix=` (the literal text request data starts with), `safe=` (kinds it was made safe for) and
`type=` (its class) when there is one."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks._tsflow import FileFlow, Value, flows
from persona_review.contexts import context_for_text


def describe(value: Value, *, with_type: bool = False) -> str:
    out = "T" if value.tainted else "-"
    if value.known:
        out += repr(value.const)
    if value.tainted and value.prefix:
        out += f" prefix={value.prefix!r}"
    if value.safe_for:
        out += " safe=" + ",".join(sorted(value.safe_for))
    if with_type and value.type:
        out += f" type={value.type}"
    return out


def java(statements: str, members: str = "", after: str = "") -> list[FileFlow]:
    body = textwrap.indent(textwrap.dedent(statements).strip(), " " * 4)
    fields = textwrap.indent(textwrap.dedent(members).strip() + "\n", "  ") if members.strip() else ""
    source = ("class A {\n" + fields + "  void run(HttpServletRequest request, boolean c, int k, String q) {\n"
              f'    String p = request.getParameter("p");\n{body}\n  }}\n}}\n{textwrap.dedent(after)}')
    return flows(context_for_text("A.java", source))


def sinks(found: list[FileFlow], *, with_type: bool = False) -> list[str]:
    return [describe(site.args[0], with_type=with_type) for flow in found for site in flow.calls
            if site.call.method == "sink"]


ASSIGNMENTS = {
    "an element written with request data taints every element read after": ("""
        String[] a = {"x", "y"};
        a[0] = p;
        sink(a[1]);
        String[] b = {"x", "y"};
        sink(b[1]);
        """, ["T", "-'y'"]),
    "an assignment used as a value is the value assigned": ("""
        String[] a = {"x"};
        sink(a[0] = p);
        String s;
        sink(s = "z");
        sink(s);
        """, ["T", "-'z'", "-'z'"]),
    "`+=` appends to what the variable held": ("""
        String s = "x";
        s += p;
        sink(s);
        String t = "a";
        t += "b";
        sink(t);
        """, ["T prefix='x'", "-'ab'"]),
    "a field assigned through `this.` is read back by either spelling": ("""
        this.name = p;
        sink(this.name);
        sink(name);
        """, ["T", "T"]),
    "a member of a local object assigned request data is request data": ("""
        Form f = new Form();
        f.name = p;
        sink(f.name);
        sink(f.other);
        """, ["T", "-"]),
}


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_what_an_assignment_leaves_behind(name: str) -> None:
    statements, expected = ASSIGNMENTS[name]
    assert sinks(java(statements, "String name;")) == expected


def test_a_variable_keeps_its_declared_class_unless_the_value_assigned_has_a_known_one() -> None:
    # The checks recognise sinks by the receiver's class (`Statement.executeQuery`): a statement
    # reassigned from a factory the engine does not know is still a `Statement`.
    found = java("""
        Statement st = null;
        st = factory.make();
        sink(st);
        Object o = null;
        o = q;
        sink(o);
        """)
    assert sinks(found, with_type=True) == ["- type=Statement", "- type=String"]


def test_a_call_in_the_target_of_an_assignment_is_recorded() -> None:
    found = java("""
        holder().value = p;
        """)
    assert [(site.call.method, site.line) for flow in found for site in flow.calls] == [
        ("getParameter", 3), ("holder", 4)]


def test_each_assignment_is_recorded_once_with_its_value_and_line() -> None:
    # A condition's parts are evaluated again to narrow the branches, and a helper again to summarise
    # it: neither records its assignments a second time.
    found = java("""
        String s = q;
        s = p;
        if (p.equals(s = "x")) { sink(s); }
        sink(helper(p));
        """, after="""\
        class B {
          static String helper(String v) { String w = v; return w; }
        }
        """)
    recorded = [(a.name, a.line, describe(a.value)) for flow in found for a in flow.assignments]
    assert recorded == [("p", 3, "T"), ("s", 4, "-"), ("s", 5, "T"), ("s", 6, "-'x'"), ("w", 11, "-")]


FIELDS = """
    static final String ID = "id";
    String name;
    String form;
    """
CONSTANTS = """\
    class Config {
      static final String TABLE = "users";
    }
    """


def test_which_member_reads_take_a_constant_of_the_file() -> None:
    found = java("""
        sink(Config.TABLE);
        sink(A.ID);
        sink(this.ID);
        Row row = load();
        sink(row.ID);
        this.form = p;
        sink(this.form.name);
        sink(this.name);
        """, FIELDS, CONSTANTS)
    # `Config` has no methods, but a capitalised name is a class; `row.ID` is another object's member,
    # and so is the `name` of request data held in `this.form` (not the field `name` of this class).
    assert sinks(found) == ["-'users'", "-'id'", "-'id'", "-", "T", "-"]


def test_a_lambda_parameter_hides_the_variable_of_the_same_name() -> None:
    source = textwrap.dedent("""\
        app.get("/x", (req, res) => {
          const t = req.query.t;
          items.forEach((t) => sink(t));
          items.forEach(() => sink(t));
        });
        """)
    found = flows(context_for_text("app.js", source))
    assert [(site.line, describe(site.args[0])) for flow in found for site in flow.calls
            if site.call.method == "sink"] == [(3, "-"), (4, "T")]


def test_a_lambda_returned_by_a_lambda_has_parameters_of_its_own() -> None:
    source = textwrap.dedent("""\
        app.get("/x", (req, res) => {
          const t = req.query.t;
          items.map((x) => (t) => sink(t));
        });
        """)
    found = flows(context_for_text("app.js", source))
    assert [describe(site.args[0]) for flow in found for site in flow.calls if site.call.method == "sink"] == ["-"]


def test_a_return_inside_a_lambda_is_not_a_return_of_the_function_around_it() -> None:
    found = java("""
        sink(pick(p));
        """, """
        private String pick(String a) {
          list.forEach(x -> { return a; });
          return "fixed";
        }
        """)
    assert sinks(found) == ["-'fixed'"]


def test_calls_in_a_lambda_with_a_block_or_an_expression_body_are_recorded() -> None:
    found = java("""
        list.forEach(x -> sink(p));
        list.forEach(x -> { sink(x); });
        """)
    assert sinks(found) == ["T", "-"]


@pytest.mark.parametrize(("source", "expected"), [
    ('app.get("/x", ({ query }, res) => {\n  sink(query.id);\n});\n', ["T the request's `query`"]),
    ("function plain(req) { sink(req.query.x); }\n", ["T req.query.x"]),
    ("function plain(req) { sink(req.x); }\n", ["-"]),
    ("items.forEach(({ query }) => sink(query.id));\n", ["-"]),
], ids=["destructured handler", "request field", "not a request field", "not a handler"])
def test_request_data_read_in_a_file_marks_it_as_having_sources(source: str, expected: list[str]) -> None:
    # The flow checks report nothing in a file that reads no request data: whether a file does must not
    # depend on how the request is reached (a destructured handler parameter, a field of `req`).
    [flow] = flows(context_for_text("app.js", source))
    assert [("T " + site.args[0].source) if site.args[0].tainted else "-"
            for site in flow.calls if site.call.method == "sink"] == expected
    assert flow.has_sources is expected[0].startswith("T")
