"""Constant folding in the tree-sitter data-flow engine (`checks/_tsflow/engine.py`, its folding helpers):
Java arithmetic as Java computes it (integer division and remainder truncate toward zero), comparisons,
boolean operators that decide without their right side, string methods and the static helpers that
format constants. Each row is the value a `sink(...)` call receives; an expression the engine cannot
fold (a division by zero, a format short of arguments, a character past the end) gives no constant."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks._tsflow import Value, flows
from persona_review.checks._tsflow.values import Const
from persona_review.contexts import context_for_text

FOLDED: list[tuple[str, Const]] = [
    # arithmetic and concatenation
    ('"a" + 1', "a1"),
    ("1 + 2", 3),
    ("7 - 2", 5),
    ("3 * 4", 12),
    ("7 / 2", 3),
    ("-7 / 2", -3),
    ("7.0 / 2", 3.5),
    ("7 % 3", 1),
    ("-7 % 3", -1),
    ("7.5 % 2", 1.5),
    ("-(3)", -3),
    ("-(2.5)", -2.5),
    # comparisons
    ("1 < 2", True),
    ("2 < 1", False),
    ("2 > 1", True),
    ("1 > 1", False),
    ("2 <= 2", True),
    ("3 <= 2", False),
    ("3 >= 3", True),
    ("2 >= 3", False),
    ('"a" == "a"', True),
    ('"users" == "users"', True),
    ('"a" == "b"', False),
    ('"a" != "b"', True),
    ("1 != 1", False),
    ("'A' == 65", True),
    ("65 == 'A'", True),
    ("'A' == 66", False),
    ("66 == 'A'", False),
    ("true == true", True),
    ('"1" == 1', False),
    # booleans
    ("!true", False),
    ("!false", True),
    ("true & false", False),
    ("true & true", True),
    ("true | false", True),
    ("false | false", False),
    ("true ^ true", False),
    ("true ^ false", True),
    ("false && p.isEmpty()", False),
    ("true || p.isEmpty()", True),
    ("p.isEmpty() || true", True),
    ("p.isEmpty() && false", False),
    ("true && false", False),
    ("false || true", True),
    # numbers parsed from constants
    ('Integer.parseInt("42")', 42),
    ('Long.parseLong("7")', 7),
    ('Integer.valueOf("3")', 3),
    # string methods on constants
    ('"abc".toUpperCase()', "ABC"),
    ('"ABC".toLowerCase()', "abc"),
    ('" a ".trim()', "a"),
    ('" a ".strip()', "a"),
    ('"".isEmpty()', True),
    ('"x".isEmpty()', False),
    ('"a".toString()', "a"),
    ('"a".intern()', "a"),
    ('"abc".charAt(1)', "b"),
    ('"abc".substring(1)', "bc"),
    ('"abc".substring(1, 2)', "b"),
    ('"abc".startsWith("a")', True),
    ('"abc".startsWith("b")', False),
    ('"abc".endsWith("c")', True),
    ('"abc".contains("b")', True),
    ('"abc".contains("d")', False),
    ('"abc".indexOf("c")', 2),
    ('"abc".indexOf("d")', -1),
    ('"ab".concat("c")', "abc"),
    ('"a".equals("a")', True),
    ('"a".equals("A")', False),
    ('"A".equalsIgnoreCase("a")', True),
    ('"a-b".replace("-", "+")', "a+b"),
    # static helpers
    ("String.valueOf(1)", "1"),
    ("String.valueOf(true)", "true"),
    ("Integer.toString(5)", "5"),
    ("Long.toString(6)", "6"),
    ("Double.toString(1.5)", "1.5"),
    ('String.copyValueOf("x")', "x"),
    ("Objects.toString(null)", "null"),
    ('String.format("%s-%d", "a", 1)', "a-1"),
    ('String.format("%-5s|", "ab")', "ab|"),
    ('String.format("100%%")', "100%"),
    ('String.format("a%nb")', "a\nb"),
    ('String.format("%2$s-%1$s-%s", "a", "b")', "b-a-a"),
    ('String.join(",", "a", "b")', "a,b"),
    ('String.join("", "a", "b")', "ab"),
]
NOT_FOLDED = [
    "1 & 3",
    '"a" - 1',
    "true < false",
    "1 / 0",
    "1 % 0",
    "1.5 / 0",
    '"abc".charAt(9)',
    'Integer.parseInt("x")',
    'String.format("%s %s", "a")',
    'String.format("%3$s", "a", "b")',
    'String.format("%0$s", "a")',
    "true && p.isEmpty()",
    "false || p.isEmpty()",
    "p.isEmpty() && true",
    "!p.isEmpty()",
    '"abc".substring(p.length())',
    "p.toUpperCase()",
    'String.join(",", p, "b")',
]


def sink_values(expressions: list[str]) -> list[Value]:
    body = "\n".join(f"    sink({e});" for e in expressions)
    source = f"class A {{\n  void run(String p) {{\n{body}\n  }}\n}}\n"
    ctx = context_for_text("A.java", source)
    values = [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]
    assert len(values) == len(expressions)
    return values


@pytest.mark.parametrize(("expression", "expected"), FOLDED)
def test_java_expressions_of_constants_fold_to_what_java_computes(expression: str, expected: Const) -> None:
    [value] = sink_values([expression])
    assert value.known
    assert value.const == expected
    assert type(value.const) is type(expected)


@pytest.mark.parametrize("expression", NOT_FOLDED)
def test_java_expressions_that_cannot_be_folded_give_no_constant(expression: str) -> None:
    [value] = sink_values([expression])
    assert not value.known


def test_a_switch_on_a_character_matches_its_code_point_label() -> None:
    ctx = context_for_text("A.java", textwrap.dedent("""\
        class A {
          void run(HttpServletRequest request) {
            String b = request.getParameter("b");
            switch ('B') {
              case 65: b = "a"; break;
              case 66: b = "b"; break;
            }
            sink(b);
            String c = request.getParameter("c");
            switch (66) {
              case 'A': c = "a"; break;
              case 'B': c = "b"; break;
            }
            sink(c);
          }
        }
        """))
    values = [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]
    assert [(v.known, v.const) for v in values] == [(True, "b"), (True, "b")]
