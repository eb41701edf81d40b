"""The tree-sitter data-flow engine on Java: constants folded, dead code skipped, request data followed."""

from __future__ import annotations

from persona_review.checks._tsflow import Value, flows
from persona_review.checks.base import FileContext
from persona_review.contexts import context_for_text

_SERVLET = """\
public class Lookup extends HttpServlet {
  private static final String TABLE = "users";

  public void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {
    String param = request.getParameter("id");
    int num = 106;
    String a = (7 * 18) + num > 200 ? "always" : param;
    sink(a);
    char pick = "ABC".charAt(2);
    String b;
    switch (pick) {
      case 'A': b = param; break;
      case 'C': b = "fixed"; break;
      default: b = param; break;
    }
    sink(b);
    java.util.Map<String, Object> map = new java.util.HashMap<>();
    map.put("safe", "constant");
    map.put("unsafe", param);
    sink((String) map.get("safe"));
    sink((String) map.get("unsafe"));
    sink(new Helper().passThrough(param));
    sink(new Helper().constant(param));
    sink("SELECT * FROM " + TABLE + " WHERE id = 1");
    if (!ALLOWED.contains(param)) {
      return;
    }
    sink(param);
  }

  private class Helper {
    String passThrough(String value) { return value.trim(); }
    String constant(String value) { String out = "safe"; return out; }
  }
}
"""


def _sinks(ctx: FileContext) -> list[Value]:
    return [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]


def test_constants_dead_branches_and_lookups_are_not_request_data() -> None:
    values = _sinks(context_for_text("Lookup.java", _SERVLET))
    assert [v.tainted for v in values] == [False, False, False, True, True, False, False, True]
    assert values[0].const == "always"
    assert values[1].const == "fixed"
    assert values[2].const == "constant"
    assert values[5].const == "safe"
    assert values[6].const == "SELECT * FROM users WHERE id = 1"
    assert values[3].source == 'request.getParameter("id")'
    assert "sql" in values[7].safe_for  # validated by the allow-list before use


def test_the_parse_is_shared_by_every_caller() -> None:
    ctx = context_for_text("Lookup.java", _SERVLET)
    assert flows(ctx) is flows(ctx)


def test_a_python_file_has_no_tree_sitter_flow() -> None:
    assert flows(context_for_text("app.py", "x = 1\n")) == []


_FALLTHROUGH = """\
class Pick {
  void run(HttpServletRequest request, int k) {
    String param = request.getParameter("p");
    String x = "a";
    String y;
    switch (k) {
      case 1:
        x = param;
      case 2:
        y = x;
        break;
      default:
        y = "c";
    }
    sink(y);
    switch (k) {
      case 1 -> y = param;
      default -> y = "d";
    }
    sink(y);
  }
}
"""


def test_a_switch_on_an_unknown_value_falls_through_and_merges_every_arm() -> None:
    first, second = _sinks(context_for_text("Pick.java", _FALLTHROUGH))
    assert first.tainted and not first.fixed
    assert second.tainted


def test_a_long_chain_of_private_helpers_is_analysed_without_failing() -> None:
    body = "\n".join(f"  private String m{i}(String a) {{ return m{i + 1}(a); }}" for i in range(300))
    code = f"class Chain {{\n{body}\n  private String m300(String a) {{ return a; }}\n}}\n"
    ctx = context_for_text("Chain.java", code)
    (flow,) = flows(ctx)
    assert len(flow.functions) == 301
    assert len(flow.calls) == 300
