"""Calls and names in the tree-sitter data-flow engine (`checks/_tsflow/engine.py`, `_Run._call` and
`_Run._eval`): class constants folded (also one built from another), helpers of the same class summarised
(a constant result is that constant, a parameter passed through carries the caller's request data, a
sanitizer inside is applied), request data through library calls (sanitizers by sink kind, numeric
conversions, methods that return stored data), predictable random values flagged, and names the code
itself writes counted as fixed. Each row: what a `sink(...)` call receives in a Java servlet method where
`p` is a request parameter and `u` an unknown parameter."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks._tsflow import Value, flows
from persona_review.checks._tsflow.values import ALL_KINDS
from persona_review.contexts import context_for_text

_CLASS = """\
class A {{
  private static final String TABLE = "users";
  private static final int LIMIT = 10;
  private String mutable = "m";
  static final String PREFIX = TABLE + "_";
  void run(HttpServletRequest request, String u) {{
    String p = request.getParameter("p");
    sink({expression});
  }}
  String constant(String v) {{ return "safe"; }}
  String echo(String v) {{ return v; }}
  String wrap(String v) {{ return "<" + v.trim() + ">"; }}
  String clean(String v) {{ return org.owasp.encoder.Encode.forHtml(v); }}
  String inner() {{ return request.getParameter("q"); }}
  String either(String v, boolean b) {{ if (b) {{ return v; }} return "x"; }}
}}
"""
ALL = ",".join(sorted(ALL_KINDS))


def describe(value: Value) -> str:
    """`T` (request data, with the kinds it is safe for) or `-`; the constant when known, `fixed` when
    built from literals only; any flags."""
    parts = ["T" + (f"[{','.join(sorted(value.safe_for))}]" if value.safe_for else "") if value.tainted else "-"]
    if value.known:
        parts.append(repr(value.const))
    elif value.fixed:
        parts.append("fixed")
    parts.extend(flag.split("@", 1)[0] for flag in sorted(value.flags))
    return " ".join(parts)


CALLS = [
    ("TABLE", "- 'users'"),
    ("A.TABLE", "- 'users'"),
    ("this.TABLE", "- 'users'"),
    ("LIMIT + 1", "- 11"),
    ("PREFIX", "- 'users_'"),
    ("mutable", "-"),
    ("constant(p)", "- 'safe'"),
    ("echo(p)", "T"),
    ("this.echo(p)", "T"),
    ("other.echo(p)", "T"),
    ("echo(u)", "-"),
    ("wrap(p)", "T[nosql]"),  # built with `+`: text, safe only where an object would do harm
    ("clean(p)", "T[html]"),
    ("inner()", "T"),
    ("either(p, true)", "T"),
    ("p.trim()", "T"),
    ("p.length()", f"T[{ALL}]"),
    ("p.equals(\"x\")", "-"),
    ("Integer.parseInt(p)", f"T[{ALL}]"),
    ("String.valueOf(p)", "T"),
    ("getClass().getSimpleName()", "- fixed"),
    ("getClass().getSimpleName().toLowerCase()", "- fixed"),
    ("getClass().getSimpleName().concat(u)", "-"),
    ("ESAPI.encoder().encodeForSQL(codec, p)", "T[sql]"),
    ("org.owasp.encoder.Encode.forHtml(p)", "T[html]"),
    ("java.net.URLEncoder.encode(p, \"UTF-8\")", "T[html,url]"),
    ("new java.util.Random().nextInt()", "- weak-random:new java.util.Random().nextInt"),
    ("Math.random()", "- weak-random:Math.random"),
    ("String.format(\"id=%s\", p)", "T"),
    ("String.format(\"id=%s\", u)", "-"),
    ("repo.findById(p)", "-"),
    ("u.substring(1)", "-"),
    ("\"abc\".substring(u.length())", "- fixed"),  # a length is a number: a literal's piece stays fixed
    ("\"abc\".substring(LIMIT - 9)", "- 'bc'"),
    ("TABLE.toUpperCase().trim()", "- 'USERS'"),
    ("new java.io.File(p)", "T"),
    ("new String(p)", "T"),
]


@pytest.mark.parametrize(("expression", "expected"), CALLS)
def test_what_a_call_or_a_name_gives(expression: str, expected: str) -> None:
    ctx = context_for_text("A.java", _CLASS.format(expression=expression))
    [value] = [site.args[0] for flow in flows(ctx) for site in flow.calls
               if site.call.method == "sink" and site.function is not None and site.function.name == "run"]
    assert describe(value) == expected


def test_the_request_data_a_call_returns_is_named_by_the_call() -> None:
    ctx = context_for_text("A.java", _CLASS.format(expression="p"))
    [value] = [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]
    assert value.source == 'request.getParameter("p")'
    assert value.prefix == ""


def test_a_url_built_on_a_fixed_host_keeps_its_start_through_a_constructor() -> None:
    ctx = context_for_text("A.java", _CLASS.format(expression='new java.net.URL("https://api.example/" + p)'))
    [value] = [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]
    assert (value.tainted, value.prefix) == (True, "https://api.example/")


def test_bytes_filled_by_a_predictable_generator_are_flagged() -> None:
    source = textwrap.dedent("""\
        class A {
          void run() {
            byte[] token = new byte[16];
            new java.util.Random().nextBytes(token);
            sink(token);
            byte[] safe = new byte[16];
            new java.security.SecureRandom().nextBytes(safe);
            sink(safe);
          }
        }
        """)
    values = [site.args[0] for flow in flows(context_for_text("A.java", source)) for site in flow.calls
              if site.call.method == "sink"]
    assert [sorted(f.split("@", 1)[0] for f in v.flags) for v in values] == [
        ["weak-random:new java.util.Random().nextBytes"], []]
