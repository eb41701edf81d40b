"""File-private Java methods in the tree-sitter data-flow engine (`checks/_tsflow/engine.py`,
`_run_private`): their parameters are what this file's calls pass (all their callers are here), so a
helper only ever given constants works on fixed values and one given request data carries it; a helper
no one calls, one also used as a method reference (`this::name`, called from who knows where) and a
cycle of helpers run with unknown parameters. A wrapper constructed from the request returns request
data from its getters."""

from __future__ import annotations

import textwrap

from persona_review.checks._tsflow import flows
from persona_review.contexts import context_for_text

_SOURCE = """\
class A {
  void run(HttpServletRequest request) {
    String p = request.getParameter("p");
    runQuery("users");
    runQuery("orders");
    exec(p);
    loop("a");
    Wrapper w = new Wrapper(request);
    sink(w.getValue("k"));
    sink(w.getOther());
    twice("x", "y");
  }
  private void runQuery(String table) { sink(table); }
  private void exec(String cmd) { sink(cmd); }
  private void loop(String v) { sink(v); loop2(v); }
  private void loop2(String v) { sink(v); loop(v); }
  private void unused(String v) { sink(v); }
  private void referenced(String v) { sink(v); }
  void x() { names.forEach(this::referenced); referenced("lit"); }
  private void twice(String a, String b) { sink(a + b); }
  private void inner(String v) { sink(v); }
  private void outer() { inner("deep"); }
}
"""


def test_private_helpers_see_what_this_file_passes_them() -> None:
    ctx = context_for_text("A.java", textwrap.dedent(_SOURCE))
    seen: dict[str, str] = {}
    for flow in flows(ctx):
        for site in flow.calls:
            if site.call.method == "sink" and site.function is not None:
                v = site.args[0]
                seen[site.function.name] = ("T" if v.tainted else "-") + (
                    f" {v.const!r}" if v.known else (" fixed" if v.fixed else ""))
    assert seen == {
        "runQuery": "- fixed",  # "users" or "orders"
        "exec": "T",
        "loop": "-",
        "loop2": "-",
        "unused": "-",
        "referenced": "-",
        "twice": "- 'xy'",
        "inner": "- 'deep'",
        "run": "-",  # the wrapper's other getter, read without a key
    }


def test_a_wrapper_made_from_the_request_returns_request_data_from_a_keyed_getter() -> None:
    ctx = context_for_text("A.java", textwrap.dedent(_SOURCE))
    values = [site.args[0] for flow in flows(ctx) for site in flow.calls
              if site.call.method == "sink" and site.function is not None and site.function.name == "run"]
    assert [(v.tainted, v.source) for v in values] == [(True, 'w.getValue("k")'), (False, "")]
