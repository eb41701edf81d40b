"""What the tree-sitter data flow knows about one value (`checks/_tsflow/values.py`): constants written the
way Java prints them, what a branch or a concatenation keeps of two values (content, type, list elements,
map entries, literal start), and when the code, not the caller, fixes a URL's host. Most tests read the
value a `sink(...)` call receives in a small Java or JavaScript function; the host tests run the real
JavaScript redirect and SSRF checks."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks import js_flow_security as js
from persona_review.checks._tsflow import Value, flows
from persona_review.contexts import context_for_text


def sinks(path: str, body: str) -> list[Value]:
    """The value each `sink(...)` call of `body` (a whole file) receives, in order."""
    ctx = context_for_text(path, textwrap.dedent(body).lstrip("\n"))
    return [site.args[0] for flow in flows(ctx) for site in flow.calls if site.call.method == "sink"]


def java_sink(statements: str) -> Value:
    """The value the one `sink(...)` in `statements` receives, inside a servlet method where `p` is a
    request parameter and `c` (a boolean) and `other` (a string) are unknown parameters."""
    found = sinks("Handler.java", f"""
        class Handler {{
          void run(HttpServletRequest request, boolean c, String other) {{
            String p = request.getParameter("p");
            {textwrap.indent(textwrap.dedent(statements), " " * 12).strip()}
          }}
        }}
        """)
    assert len(found) == 1
    return found[0]


# --- constants as text ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("expression", "text"), [
    ('"id=" + true', "id=true"),
    ('"id=" + false', "id=false"),
    ('"id=" + null', "id=null"),
    ('"" + false', "false"),
])
def test_booleans_and_null_are_concatenated_as_java_prints_them(expression: str, text: str) -> None:
    value = java_sink(f"sink({expression});")
    assert (value.known, value.const, value.prefix) == (True, text, text)


def test_an_unknown_value_has_no_text() -> None:
    value = java_sink("sink(other);")
    assert value.text() is None
    assert java_sink('sink("a" + 1);').text() == "a1"


def test_a_template_literal_of_constants_is_a_fixed_constant() -> None:
    [value] = sinks("app.js", """
        function run() {
          sink(`SELECT * FROM ${"users"} WHERE id = 1`);
        }
        """)
    assert (value.known, value.const, value.fixed) == (True, "SELECT * FROM users WHERE id = 1", True)


# --- two branches ("one or the other") --------------------------------------------------------------------


def test_two_different_constants_give_no_single_constant() -> None:
    value = java_sink('sink(c ? "a" : "b");')
    assert (value.known, value.const, value.fixed, value.tainted) == (False, None, True, False)


def test_equal_numbers_of_different_types_are_not_one_constant() -> None:
    # 1 and 1.0 compare equal but print differently ("1" and "1.0").
    value = java_sink("sink(c ? 1 : 1.0);")
    assert (value.known, value.text()) == (False, None)


def test_request_data_in_either_branch_keeps_its_unknown_start() -> None:
    value = java_sink('sink(c ? p : request.getParameter("q"));')
    assert (value.tainted, value.prefix) == (True, "")


def test_request_data_after_a_constant_starts_with_it_and_before_starts_with_nothing() -> None:
    assert java_sink('sink("id=" + p);').prefix == "id="
    after = java_sink('sink(p + "x");')
    assert (after.tainted, after.prefix) == (True, "")


def test_two_branches_keep_the_literal_start_they_share() -> None:
    assert java_sink('sink((c ? "abcX" : "abdY") + p);').prefix == "ab"
    assert java_sink('sink((c ? "abcX" : "abcY") + p);').prefix == "abc"
    assert java_sink('sink((c ? "select * from a" : "select * from b") + p);').prefix == "select * from "
    assert java_sink('sink((c ? "xyz" : "w") + p);').prefix == ""


def test_two_arrays_known_element_by_element_keep_the_elements_they_share() -> None:
    value = java_sink("""
        String[] cmd = c ? new String[]{"ls", "-l"} : new String[]{"ls", "-a"};
        sink(cmd[0]);
        """)
    assert (value.known, value.const) == (True, "ls")


def test_a_builder_made_in_both_branches_stays_a_builder() -> None:
    value = java_sink("""
        StringBuilder sb;
        if (c) { sb = new StringBuilder("select a"); } else { sb = new StringBuilder("select b"); }
        sb.append(p);
        sink(sb.toString());
        """)
    assert value.tainted


def test_a_map_filled_in_both_branches_keeps_its_constant_entries() -> None:
    value = java_sink("""
        java.util.Map<String, String> m = new java.util.HashMap<>();
        if (c) { m.put("table", "users"); m.put("extra", p); } else { m.put("table", "users"); }
        sink(m.get("table"));
        """)
    assert (value.known, value.const, value.tainted) == (True, "users", False)


def test_a_map_given_an_unknown_key_in_one_branch_knows_no_entry() -> None:
    value = java_sink("""
        java.util.Map<String, String> m = new java.util.HashMap<>();
        if (c) { m.put(other, "admins"); } else { m.put("table", "users"); }
        sink(m.get("table"));
        """)
    assert (value.known, value.tainted) == (False, False)


# --- who fixes a URL's host -------------------------------------------------------------------------------

_HANDLER = """
    const express = require("express");
    const app = express();
    app.get("/go", (req, res) => {{
      const flag = req.secure;
      res.redirect({target});
      fetch({target});
    }});
    """

FIXED_HOSTS = [
    'config.baseUrl + req.query.p',  # an unknown start the caller cannot choose: configured
    '"/a" + req.query.p',  # a relative path of at least one segment
    '"/home/" + req.query.p',
    '"https://api.example.com/" + req.query.p',
    '"https://api.example.com?q=" + req.query.p',
    '"https://api.example.com#" + req.query.p',
    '"http://files.internal://" + req.query.p',  # the host ends at the first `/` after the scheme
    '(flag ? "https://a.example/" : "https://b.example/") + req.query.p',  # one of two fixed hosts
    '(flag ? "https://api.example/v1/" : "https://api.example/v2/") + req.query.p',
]
CHOSEN_HOSTS = [
    'req.query.u',
    '"/" + req.query.p',  # `/` + `/evil.example` is a scheme-relative URL
    '"//" + req.query.p',
    '"/\\\\" + req.query.p',
    '"https" + req.query.p',  # the caller writes `://evil.example`
    '"https://" + req.query.p',
    '"https://api" + req.query.p',  # `.evil.example`
    '(flag ? "https://a.example/" : req.query.u)',
    'flag ? req.query.a : req.query.b',
]


@pytest.mark.parametrize("target", FIXED_HOSTS)
def test_a_url_whose_host_the_code_fixes_is_neither_a_redirect_nor_ssrf(target: str) -> None:
    ctx = context_for_text("app.js", textwrap.dedent(_HANDLER.format(target=target)).lstrip("\n"))
    assert [hit.line for hit in js.open_redirect(ctx)] == []
    assert [hit.line for hit in js.ssrf(ctx)] == []


@pytest.mark.parametrize("target", CHOSEN_HOSTS)
def test_a_url_whose_host_the_caller_can_choose_is_a_redirect_and_ssrf(target: str) -> None:
    ctx = context_for_text("app.js", textwrap.dedent(_HANDLER.format(target=target)).lstrip("\n"))
    assert [hit.line for hit in js.open_redirect(ctx)] == [5]
    assert [hit.line for hit in js.ssrf(ctx)] == [6]
