"""The Java checks decided by the data flow: values in fact constant are not reported, request data is, and
the message names where it came from and the call it reaches."""

from __future__ import annotations

import subprocess
import sys

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff
from persona_review.findings import Category, Finding


def _findings(code: str, rule: str) -> list[Finding]:
    outcome = run_checks([context_for_text("Handler.java", code)], categories=(Category.SECURITY,))
    assert not outcome.notices
    return [f for f in outcome.findings if f.rule_id == rule]


def _servlet(body: str, extra: str = "") -> str:
    return (
        "public class Handler extends HttpServlet {\n"
        "  private java.sql.Connection connection;\n"
        "  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {\n"
        '    String param = request.getParameter("q");\n'
        "    java.sql.Statement st = connection.createStatement();\n"
        f"{body}"
        "  }\n"
        f"{extra}"
        "}\n"
    )


def test_a_dead_branch_leaves_the_query_constant() -> None:
    code = _servlet(
        '    String bar = "safe";\n'
        "    if (false) {\n"
        "      bar = param;\n"
        "    }\n"
        "    st.executeQuery(\"SELECT * FROM t WHERE name = '\" + bar + \"'\");\n"
    )
    assert _findings(code, "JAVA-SQL-STRING") == []


def test_the_live_branch_carries_the_request_into_the_query() -> None:
    code = _servlet(
        '    String bar = "safe";\n'
        "    if (param.length() > 0) {\n"
        "      bar = param;\n"
        "    }\n"
        "    st.executeQuery(\"SELECT * FROM t WHERE name = '\" + bar + \"'\");\n"
    )
    (finding,) = [f for f in _findings(code, "JAVA-SQL-STRING") if f.line == 10]
    assert 'request.getParameter("q")' in finding.body
    assert "st.executeQuery" in finding.body


def test_a_switch_on_a_constant_runs_one_arm() -> None:
    safe = _servlet(
        "    String bar;\n"
        "    switch (\"ab\".charAt(1)) {\n"
        "      case 'a': bar = param; break;\n"
        "      case 'b': bar = \"fixed\"; break;\n"
        "      default: bar = param;\n"
        "    }\n"
        '    st.execute("DELETE FROM t WHERE id = " + bar);\n'
    )
    assert _findings(safe, "JAVA-SQL-STRING") == []
    unsafe = safe.replace("case 'b': bar = \"fixed\"", "case 'b': bar = param")
    assert [f.line for f in _findings(unsafe, "JAVA-SQL-STRING")] == [12]


def test_a_map_lookup_with_a_constant_key_reads_that_entry() -> None:
    code = _servlet(
        "    java.util.Map<String, String> m = new java.util.HashMap<>();\n"
        '    m.put("a", "constant");\n'
        '    m.put("b", param);\n'
        '    st.execute("SELECT " + m.get("a"));\n'
        '    st.execute("SELECT " + m.get("b"));\n'
    )
    assert [f.line for f in _findings(code, "JAVA-SQL-STRING")] == [10]


def test_a_helper_returning_a_constant_gives_that_constant() -> None:
    helper = (
        "  private String column(String ignored) {\n"
        '    return "created_at";\n'
        "  }\n"
        "  private String same(String value) {\n"
        "    return value.trim();\n"
        "  }\n"
    )
    code = _servlet(
        '    st.execute("SELECT * FROM t ORDER BY " + column(param));\n'
        '    st.execute("SELECT * FROM t ORDER BY " + same(param));\n',
        helper,
    )
    assert [f.line for f in _findings(code, "JAVA-SQL-STRING")] == [7]


def test_a_command_built_from_literals_is_not_reported_but_one_from_the_request_is() -> None:
    code = _servlet(
        '    String tool = "uptime";\n'
        "    Runtime.getRuntime().exec(tool);\n"
        '    Runtime.getRuntime().exec(new String[] {"sh", "-c", "ping " + param});\n'
    )
    (finding,) = _findings(code, "JAVA-COMMAND-INJECTION")
    assert finding.line == 8
    assert 'request.getParameter("q")' in finding.body


def test_a_loop_that_surely_runs_assigns_its_value() -> None:
    code = _servlet(
        "    String bar = param;\n"
        "    while (true) {\n"
        '      bar = "fixed";\n'
        "      break;\n"
        "    }\n"
        '    st.execute("SELECT " + bar);\n'
    )
    assert _findings(code, "JAVA-SQL-STRING") == []


def test_a_private_helper_sees_what_its_callers_pass() -> None:
    helper = (
        "  private void run(java.sql.Statement st, String value) throws Exception {\n"
        '    st.execute("SELECT * FROM t WHERE a = \'" + value + "\'");\n'
        "  }\n"
    )
    constant = _servlet('    run(st, "fixed");\n', helper)
    assert _findings(constant, "JAVA-SQL-STRING") == []
    tainted = _servlet("    run(st, param);\n", helper)
    (finding,) = _findings(tainted, "JAVA-SQL-STRING")
    assert 'request.getParameter("q")' in finding.body


def test_escaping_and_validation_make_request_data_safe() -> None:
    code = _servlet(
        "    java.io.PrintWriter out = response.getWriter();\n"
        '    out.println("<b>" + org.owasp.encoder.Encode.forHtml(param) + "</b>");\n'
        '    if (param.matches("[a-z]+")) {\n'
        '      out.println("<b>" + param + "</b>");\n'
        "    }\n"
        '    out.println("<b>" + param + "</b>");\n'
    )
    assert [f.line for f in _findings(code, "JAVA-XSS")] == [11]


def test_a_hunk_without_the_whole_file_is_analysed_on_its_own() -> None:
    diff = (
        "diff --git a/src/Handler.java b/src/Handler.java\n"
        "--- a/src/Handler.java\n"
        "+++ b/src/Handler.java\n"
        "@@ -40,3 +40,7 @@ public class Handler extends HttpServlet {\n"
        "     String name = request.getParameter(\"file\");\n"
        '+    String fixed = "report.txt";\n'
        '+    new java.io.FileInputStream(new java.io.File("/srv/data", fixed));\n'
        '+    new java.io.FileInputStream(new java.io.File("/srv/data", name));\n'
        "+    log(name);\n"
        "     return;\n"
        "   }\n"
    )
    (diff_file,) = list(parse_diff(diff))
    ctx = build_context(diff_file)
    assert not ctx.whole_file
    outcome = run_checks([ctx], categories=(Category.SECURITY,))
    found = [(f.line, f.rule_id) for f in outcome.findings]
    assert found == [(43, "JAVA-PATH-TRAVERSAL")]
    assert 'request.getParameter("file")' in outcome.findings[0].body


def test_a_python_only_review_loads_no_grammar() -> None:
    script = (
        "import sys\n"
        "from persona_review.checks.runner import run_checks\n"
        "from persona_review.contexts import context_for_text\n"
        "run_checks([context_for_text('app.py', 'import os\\nos.system(input())\\n')])\n"
        "print(sorted(m for m in sys.modules if m.startswith('tree_sitter')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_getters_of_a_wrapper_around_the_request_return_request_data() -> None:
    code = _servlet(
        "    FormView form = new FormView(request);\n"
        '    st.execute("SELECT * FROM t WHERE a = \'" + form.getField("a") + "\'");\n'
    )
    (finding,) = _findings(code, "JAVA-SQL-STRING")
    assert 'form.getField("a")' in finding.body


def test_a_random_number_kept_as_a_secret_is_reported_where_it_is_drawn() -> None:
    code = _servlet(
        "    int n = new java.util.Random().nextInt(99);\n"
        "    String rememberMeKey = Integer.toString(n);\n"
        "    int retries = new java.util.Random().nextInt(3);\n"
        "    String token = Long.toString(new java.security.SecureRandom().nextLong());\n"
    )
    (finding,) = _findings(code, "JAVA-INSECURE-RANDOM")
    assert finding.line == 6
    assert "rememberMeKey" in finding.body


def test_rsa_ecb_is_not_a_block_mode_but_aes_ecb_is() -> None:
    code = _servlet(
        '    javax.crypto.Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");\n'
        '    javax.crypto.Cipher.getInstance("AES/ECB/PKCS5Padding");\n'
    )
    assert [f.line for f in _findings(code, "JAVA-WEAK-CIPHER")] == [7]


def test_a_spring_redirect_view_name_built_from_a_parameter_is_an_open_redirect() -> None:
    code = (
        "@Controller\n"
        "public class Login {\n"
        '  @GetMapping("/done")\n'
        '  public String done(@RequestParam("next") String next, @RequestParam("id") String id) {\n'
        '    if (next.isEmpty()) { return "redirect:/home/" + id; }\n'
        '    return "redirect:" + next;\n'
        "  }\n"
        "}\n"
    )
    (finding,) = _findings(code, "JAVA-OPEN-REDIRECT")
    assert finding.line == 6
    assert "@RequestParam" in finding.body


def test_table_names_from_the_code_are_not_sql_injection() -> None:
    code = (
        "public class Repo {\n"
        "  private java.sql.Connection connection;\n"
        "  private final Class<?> entity;\n"
        "  java.sql.ResultSet all(String column) throws Exception {\n"
        "    String table = entity.getSimpleName().toLowerCase();\n"
        '    if (!column.matches("[a-z_]+")) { throw new IllegalArgumentException(column); }\n'
        '    String sql = "SELECT " + column + " FROM " + table + " WHERE kind = \'" + Kind.OPEN.name() + "\'";\n'
        "    return connection.createStatement().executeQuery(sql);\n"
        "  }\n"
        "  java.sql.ResultSet some(String column) throws Exception {\n"
        '    String sql = "SELECT " + column + " FROM t";\n'
        "    return connection.createStatement().executeQuery(sql);\n"
        "  }\n"
        "}\n"
    )
    # `some`: the text built on line 11 and run on line 12 is one finding, from the build down to the call
    assert sorted({(f.line, f.end_line) for f in _findings(code, "JAVA-SQL-STRING")}) == [(11, 12)]
