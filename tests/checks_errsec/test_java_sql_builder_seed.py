"""JAVA-SQL-STRING: a StringBuilder is a SQL builder when the literal it is seeded with reads as SQL; one
seeded with "" (hex digits) or a search-string prefix builds no query, so what it appends is not reported."""

from __future__ import annotations

from .helpers import findings_of

SOURCE = """package app;

public class Util {
    public static String toHex(byte[] src) {
        StringBuilder out = new StringBuilder("");
        for (int i = 0; i < src.length; i++) {
            String hv = Integer.toHexString(src[i] & 0xFF);
            out.append(hv);
        }
        return out.toString();
    }

    public String queryString(String field, String... args) {
        StringBuilder sb = new StringBuilder(field).append(":(");
        for (String arg : args) {
            sb.append(arg).append(" ");
        }
        return sb.toString();
    }

    public List<Map<String, Object>> find(JdbcTemplate jdbc, String name) {
        StringBuilder sql = new StringBuilder("SELECT * FROM users WHERE name = '");
        sql.append(name); // FLAG
        sql.append("'");
        return jdbc.queryForList(sql.toString());
    }
}
"""


def test_only_a_builder_seeded_with_sql_reports_its_appends() -> None:
    lines = {line for line, rule in findings_of("src/main/java/app/Util.java", SOURCE) if rule == "JAVA-SQL-STRING"}
    flagged = next(no for no, text in enumerate(SOURCE.splitlines(), start=1) if "// FLAG" in text)
    assert flagged in lines
    assert lines <= {flagged, flagged + 2}
