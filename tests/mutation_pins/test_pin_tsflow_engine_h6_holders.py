"""Containers reached through a call in the tree-sitter data-flow engine (`checks/_tsflow/engine.py`,
`_Run._assign` on an element, `_held_by`, `_getter_of`, `_returned_field`): `holder()[i] = v` runs its
call and index, and when the call is a same-file getter of this object (a method without parameters whose
only statement returns a field), what is put into its result is put into that field, and the getter
gives the field as this function left it. Another object's getter, or any other method, is not followed:
what it returns may be a fresh object or someone else's.

Each test reads what `sink(...)` calls receive: `T` (request data) or `-`."""

from __future__ import annotations

import textwrap

import pytest
from tests.checks_errsec.helpers import findings_of

from persona_review.checks._tsflow import flows
from persona_review.checks._tsflow.engine import CallSite
from persona_review.contexts import context_for_text

_CLASS = """\
class A {{
  private java.util.Map<String, String> cache = new java.util.HashMap<>();
  private String[] slots = new String[2];
  java.util.Map<String, String> getCache() {{ return cache; }}
  String[] holder() {{ return this.slots; }}
  java.util.Map<String, String> copy() {{ java.util.Map<String, String> m = cache; return m; }}
  java.util.Map<String, String> pick(String k) {{ return cache; }}
  java.util.Map<String, String> theirs() {{ return peer.cache; }}
  void run(HttpServletRequest request, A other) {{
    String p = request.getParameter("p");
{body}
  }}
}}
"""


def java_calls(body: str) -> list[CallSite]:
    source = _CLASS.format(body=textwrap.indent(textwrap.dedent(body).strip(), " " * 4))
    [flow] = flows(context_for_text("A.java", source))
    return flow.calls


def run(body: str) -> list[str]:
    return ["T" if site.args[0].tainted else "-" for site in java_calls(body) if site.call.method == "sink"]


CASES = {
    "a value put through a getter is read back through it and through the field": ("""
        getCache().put("k", p);
        sink(getCache().get("k"));
        sink(cache.get("k"));
        """, ["T", "T"]),
    "a getter called on this is a getter too": ("""
        this.getCache().put("k", p);
        sink(this.cache.get("k"));
        """, ["T"]),
    "an element assigned through a getter is read back": ("""
        holder()[0] = p;
        sink(holder()[0]);
        sink(slots[1]);
        """, ["T", "T"]),
    "a getter gives the field as it was before anything was put in": ("""
        sink(getCache().get("k"));
        getCache().put("k", p);
        """, ["-"]),
    "another object's getter is that object's field": ("""
        other.getCache().put("k", p);
        sink(cache.get("k"));
        sink(getCache().get("k"));
        """, ["-", "-"]),
    "a method of two statements is no getter": ("""
        copy().put("k", p);
        sink(cache.get("k"));
        """, ["-"]),
    "a method with parameters is no getter": ("""
        pick("x").put("k", p);
        sink(cache.get("k"));
        """, ["-"]),
    "a method returning another object's field is no getter (the name means something else here)": ("""
        A peer = other;
        theirs().put("k", p);
        sink(peer.cache.get("k"));
        """, ["-"]),
    "a call of no same-file method holds nothing of this object's": ("""
        unknown().put("k", p);
        sink(cache.get("k"));
        """, ["-"]),
}


@pytest.mark.parametrize("name", CASES)
def test_what_a_container_reached_through_a_call_holds(name: str) -> None:
    body, expected = CASES[name]
    assert run(body) == expected


def test_an_element_assignment_on_a_call_runs_the_call_and_the_index() -> None:
    calls = java_calls("other.make()[index(p)] = p;")
    assert [site.call.callee for site in calls if site.line == 11] == ["other.make", "index"]
    [index] = [site for site in calls if site.call.callee == "index"]
    assert index.args[0].tainted


def test_a_getter_of_a_field_assigned_on_this_in_javascript_is_followed() -> None:
    source = textwrap.dedent("""\
        class Store {
          constructor() { this.cache = {}; }
          getCache() { return this.cache; }
          plain() { return store; }
          early() { return this.saved; cleanup(); }
          run(req, res) {
            const p = req.query.p;
            this.getCache()["k"] = p;
            sink(this.getCache()["k"]);
            sink(this.cache["k"]);
            this.plain()["k"] = p;
            sink(store["k"]);
            this.early()["k"] = p;
            sink(this.saved["k"]);
          }
        }
        """)
    [flow] = flows(context_for_text("store.js", source))
    sinks = ["T" if site.args[0].tainted else "-" for site in flow.calls if site.call.method == "sink"]
    assert sinks == ["T", "T", "-", "-"]  # a method with more than its return is no getter


def test_a_path_kept_in_a_map_behind_a_getter_is_reported_where_it_is_used() -> None:
    source = textwrap.dedent("""\
        class Files {
          private java.util.Map<String, String> names = new java.util.HashMap<>();

          java.util.Map<String, String> names() {
            return names;
          }

          void run(HttpServletRequest request) throws Exception {
            names().put("f", request.getParameter("f"));
            java.io.File file = new java.io.File(names().get("f"));
            file.delete();
          }
        }
        """)
    assert (10, "JAVA-PATH-TRAVERSAL") in findings_of("Files.java", source)
    fixed = source.replace('request.getParameter("f")', '"report.txt"')
    assert not any(rule == "JAVA-PATH-TRAVERSAL" for _, rule in findings_of("Files.java", fixed))
