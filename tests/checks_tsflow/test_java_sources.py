"""Every way a servlet reads the request reaches a sink as request data, through the usual plumbing."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category

_READS = {
    "header enumeration": (
        'java.util.Enumeration<String> hs = request.getHeaders("X-Id");\n'
        "    String v = \"\";\n"
        "    if (hs != null && hs.hasMoreElements()) { v = hs.nextElement(); }\n"
    ),
    "parameter map": (
        "java.util.Map<String, String[]> m = request.getParameterMap();\n"
        '    String[] vs = m.get("id");\n'
        "    String v = vs[0];\n"
    ),
    "cookie loop": (
        'String v = "none";\n'
        "    for (javax.servlet.http.Cookie c : request.getCookies()) {\n"
        '      if (c.getName().equals("id")) { v = java.net.URLDecoder.decode(c.getValue(), "UTF-8"); break; }\n'
        "    }\n"
    ),
    "query string": (
        "String q = request.getQueryString();\n"
        '    int at = q.indexOf("id=");\n'
        "    String v = q.substring(at + 3);\n"
    ),
    "parameter names": (
        'String v = "";\n'
        "    java.util.Enumeration<String> names = request.getParameterNames();\n"
        "    while (names.hasMoreElements()) { v = names.nextElement(); }\n"
    ),
    "unknown helper object": (
        "Helper h = Helpers.create();\n"
        '    String v = h.transform(request.getParameter("id"));\n'
    ),
    "builder": (
        'StringBuilder sb = new StringBuilder(request.getParameter("id"));\n'
        '    String v = sb.append("_suffix").toString();\n'
    ),
    "list": (
        "java.util.List<String> l = new java.util.ArrayList<>();\n"
        '    l.add("a"); l.add(request.getParameter("id")); l.add("b");\n'
        "    l.remove(0);\n"
        "    String v = l.get(0);\n"
    ),
    "base64 round trip": (
        'String v = new String(java.util.Base64.getDecoder().decode(request.getHeader("X-Data")));\n'
    ),
    "split": 'String v = request.getParameter("ids").split(",")[0];\n',
}


def _servlet(read: str) -> str:
    return (
        "public class S extends HttpServlet {\n"
        "  public void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {\n"
        f"    {read}"
        "    java.sql.Statement st = connection.createStatement();\n"
        "    st.execute(\"UPDATE t SET a = 1 WHERE id = '\" + v + \"'\");\n"
        "  }\n"
        "}\n"
    )


@pytest.mark.parametrize("name", sorted(_READS))
def test_request_data_reaches_the_query(name: str) -> None:
    code = _servlet(_READS[name])
    outcome = run_checks([context_for_text("S.java", code)], categories=(Category.SECURITY,))
    sink_line = code.splitlines().index("    st.execute(\"UPDATE t SET a = 1 WHERE id = '\" + v + \"'\");") + 1
    found = [f for f in outcome.findings if f.rule_id == "JAVA-SQL-STRING" and f.line == sink_line]
    assert found and "request." in found[0].body


def test_a_lookup_keyed_by_request_data_returns_stored_data() -> None:
    code = _servlet(
        'String v = repository.findName(request.getParameter("id"));\n'
        '    response.getWriter().print("<p>" + v + "</p>");\n'
    )
    outcome = run_checks([context_for_text("S.java", code)], categories=(Category.SECURITY,))
    assert [f for f in outcome.findings if f.rule_id == "JAVA-XSS"] == []
