"""Guards in the tree-sitter data-flow engine (`checks/_tsflow/engine.py`, `_Run.guards`): inside an `if`,
request data checked by a validator or an allow-list is safe for every sink, request data compared equal
to a literal is that literal, a check for `..` or a separator makes it safe as a path only, a prefix
check makes it safe as a path or URL only, and `!`, `&&`, `||` and `indexOf(...) == -1` turn or combine
those the way the condition reads. Each row gives what `p` (a request parameter) is in the `then` and
the `else` branch: `ALL` (safe for every sink), the kinds it is safe for, `-` (still unsafe), or the
literal it equals."""

from __future__ import annotations

import pytest

from persona_review.checks._tsflow import Value, flows
from persona_review.checks._tsflow.values import ALL_KINDS
from persona_review.contexts import context_for_text

ALL = ",".join(sorted(ALL_KINDS))
NO_URL = ",".join(sorted(ALL_KINDS - {"url"}))
GUARDS = [
    ("ALLOWED.contains(p)", ALL, "-"),
    ("!ALLOWED.contains(p)", "-", ALL),
    ("(ALLOWED.contains(p))", ALL, "-"),
    ("isValidName(p)", ALL, "-"),
    ("isSafe(p)", ALL, "-"),
    ("validateName(p)", ALL, "-"),
    ('p.matches("[a-z]+")', ALL, "-"),
    ("checkSafe(p)", ALL, "-"),
    ("allowedName(p)", ALL, "-"),
    ("isPermittedX(p)", ALL, "-"),
    ("isWhitelisted(p)", ALL, "-"),
    ("mystery(p)", "-", "-"),
    ("validator.isValid(p)", ALL, "-"),
    ('p.equals("users")', "'users'", "-"),
    ('"users".equals(p)', "'users'", "-"),
    ('p.equalsIgnoreCase("users")', "'users'", "-"),
    ('p.contentEquals("users")', "'users'", "-"),
    ("p.equals(other)", "-", "-"),
    ('p == "users"', "'users'", "-"),
    ('"users" == p', "'users'", "-"),
    ('p != "users"', "-", "'users'"),
    ("p == null", "-", "-"),
    ('p.contains("..")', "-", "path"),
    ('!p.contains("..")', "path", "-"),
    ('!p.contains("/")', "path", "-"),
    ('!p.contains("\\\\")', "path", "-"),
    ('!p.contains("x")', "-", "-"),
    ('p.indexOf("..") == -1', "path", "-"),
    ('p.indexOf("..") < 0', "path", "-"),
    ('p.indexOf("..") != -1', "-", "path"),
    ('p.indexOf("..") >= 0', "-", "path"),
    ('p.indexOf("..") > -1', "-", "path"),
    ('p.indexOf("..") == 0', "-", "-"),
    ('p.indexOf("..") == true', "-", "-"),
    ('p.lastIndexOf("..") == -1', "path", "-"),
    ('p.startsWith("/srv/")', "path,url", "-"),
    ('p.startsWith("abc")', "-", "-"),
    ('p.startsWith("http:")', "path", "-"),  # a scheme alone: any host still passes
    ('p.startsWith("https://api.example.com/")', "path,url", "-"),
    ('p.matches("^https?://.*")', NO_URL, "-"),
    ('p.matches("^https://api[.]example[.]com/.*")', ALL, "-"),
    ('p.startsWith("C:\\\\")', "path,url", "-"),
    ("p.startsWith(base)", "path,url", "-"),
    ("isValid(p) && other != null", ALL, "-"),
    ("other != null && isValid(p)", ALL, "-"),
    ("isValid(p) || other != null", "-", "-"),
    ("other == null || !isValid(p)", "-", ALL),
    ('ALLOWED.contains(p) && p.equals("x")', "'x'", "-"),
]


def describe(value: Value) -> str:
    if not value.tainted:
        return repr(value.const)
    return ",".join(sorted(value.safe_for)) or "-"


@pytest.mark.parametrize(("condition", "then", "orelse"), GUARDS)
def test_what_a_condition_makes_of_request_data_in_each_branch(condition: str, then: str, orelse: str) -> None:
    source = (
        "class A {\n  void run(HttpServletRequest request, String other, String base) {\n"
        '    String p = request.getParameter("p");\n'
        f"    if ({condition}) {{ sink(p); }} else {{ sink(p); }}\n    sink(p);\n  }}\n}}\n"
    )
    ctx = context_for_text("A.java", source)
    values = [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]
    assert [describe(v) for v in values[:2]] == [then, orelse]
    assert values[2].tainted  # after the `if`, both branches meet again


def test_a_validator_makes_a_value_the_code_does_not_know_fixed_inside_the_branch() -> None:
    source = (
        "class A {\n  void run(String name) {\n"
        "    if (isValid(name)) { sink(name); }\n    sink(name);\n  }\n}\n"
    )
    ctx = context_for_text("A.java", source)
    values = [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]
    assert [(v.fixed, v.tainted) for v in values] == [(True, False), (False, False)]


def test_after_returning_when_invalid_the_rest_of_the_function_sees_a_validated_value() -> None:
    source = (
        "class A {\n  void run(HttpServletRequest request) {\n"
        '    String p = request.getParameter("p");\n'
        "    if (!isValid(p)) {\n      return;\n    }\n    sink(p);\n  }\n}\n"
    )
    ctx = context_for_text("A.java", source)
    [value] = [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]
    assert value.tainted and value.safe_for == ALL_KINDS
