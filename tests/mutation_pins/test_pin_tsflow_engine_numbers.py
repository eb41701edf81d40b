"""Numbers in the tree-sitter data-flow engine: constants compare by value whatever their type, as Java,
JavaScript and Go compare them (`1 == 1.0` is true), while a boolean is never a number and a one-character
string compares with a number as its character code. A branch whose condition folds so is run surely or
never; `sink(a)` shows what is known after it (`T` request data, `-` not, then the constant)."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks._tsflow import flows
from persona_review.contexts import context_for_text


def run(statements: str) -> list[str]:
    body = textwrap.indent(textwrap.dedent(statements).strip(), " " * 4)
    source = ("class A {\n  void run(HttpServletRequest request) {\n"
              f'    String p = request.getParameter("p");\n{body}\n  }}\n}}\n')
    ctx = context_for_text("A.java", source)
    values = [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]
    return [("T" if v.tainted else "-") + (repr(v.const) if v.known else "") for v in values]


@pytest.mark.parametrize(("condition", "taken"), [
    ("1 == 1.0", True),
    ("2.0 == 2", True),
    ("1 != 1.0", False),
    ("2 == 2.5", False),
    ("3 + 0.5 == 3.5", True),
    ("'a' == 97", True),
    ("97 == 'a'", True),
    ("'a' == 98", False),
])
def test_a_numeric_comparison_decides_the_branch(condition: str, taken: bool) -> None:
    found = run(f"""
        String a = p;
        if ({condition}) {{ a = "x"; }} else {{ a = "y"; }}
        sink(a);
        """)
    assert found == (["-'x'"] if taken else ["-'y'"])


def test_a_boolean_is_not_the_number_one() -> None:
    found = run("""
        String a = p;
        boolean t = true;
        int one = 1;
        if (t == one) { a = "x"; } else { a = "y"; }
        sink(a);
        int two = 1 + 1;
        if (two == 2) { a = "z"; }
        sink(a);
        """)
    assert found == ["-'y'", "-'z'"]
