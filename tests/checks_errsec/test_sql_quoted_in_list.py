"""JAVA-SQL-STRING: values quoted into an `IN (...)` list by hand are reported where they are appended."""

from __future__ import annotations

from .helpers import findings_of

HEAD = """\
public class RegionServlet extends HttpServlet {
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] regions = req.getParameterValues("region");
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < regions.length; i++) {
            if (i > 0) {
                in.append(',');
            }
"""
TAIL = """\
        }
        String sql = "SELECT region, SUM(total) FROM sales WHERE region IN (" + in + ") GROUP BY region";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeQuery();
        }
    }
}
"""


def _sql_lines(body: str) -> set[int]:
    found = findings_of("src/main/java/RegionServlet.java", HEAD + body + TAIL)
    return {line for line, rule in found if rule == "JAVA-SQL-STRING"}


def test_a_value_appended_between_quotes_is_the_splice() -> None:
    found = _sql_lines("            in.append('\\'').append(regions[i]).append('\\'');\n")
    assert 9 in found
    assert 11 not in found  # the join after the loop is the same splice


def test_string_quotes_around_the_value_too() -> None:
    found = _sql_lines('            in.append("\'" + regions[i] + "\'");\n')
    assert 9 in found
    assert 11 not in found


def test_placeholders_in_the_list_are_quiet() -> None:
    assert _sql_lines('            in.append("?");\n') == set()


def test_a_value_appended_without_quotes_is_still_reported_at_the_join() -> None:
    assert 11 in _sql_lines("            in.append(regions[i]);\n")
