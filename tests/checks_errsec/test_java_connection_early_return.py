"""JAVA-RESOURCE-LEAK on an early return before the `try` whose `finally` closes a connection: the finding
spans from the opening to the return when the change adds both, in code written for these tests."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "JAVA-RESOURCE-LEAK"

_DAO = """\
public class MeterDao {
    public List<Read> reads(long meterId) throws SQLException {
        Connection conn = dataSource.getConnection();
        Integer minutes = intervalMinutes(conn, meterId);
        if (minutes == null) {
            return List.of();
        }
        try (PreparedStatement ps = conn.prepareStatement(READS_SQL)) {
            ps.setLong(1, meterId);
            return readAll(ps);
        } finally {
            conn.close();
        }
    }
}
"""


def test_the_finding_spans_from_the_opening_to_the_return_that_skips_the_close() -> None:
    found = [f for f in run_checks([context_for_text("src/main/java/app/MeterDao.java", _DAO)]).findings
             if f.rule_id == RULE]
    assert [(f.line, f.end_line) for f in found] == [(3, 6)]
    assert found[0].body.startswith("The `return` on line 6 leaves the method with `conn` (opened on line 3)")


def test_the_connection_opened_in_the_try_is_fine() -> None:
    fixed = _DAO.replace("        try (PreparedStatement ps", "        try (conn; PreparedStatement ps")
    fixed = fixed.replace("        Connection conn = dataSource.getConnection();\n", "").replace(
        "        Integer minutes", "        Connection conn = dataSource.getConnection();\n        Integer minutes")
    still = [f for f in run_checks([context_for_text("src/main/java/app/MeterDao.java", fixed)]).findings
             if f.rule_id == RULE]
    assert [f.line for f in still] == [3]  # the early return still skips it: only moving the open helps
    moved = _DAO.replace("        Connection conn = dataSource.getConnection();\n", "").replace(
        "        try (PreparedStatement ps = conn.prepareStatement(READS_SQL)) {",
        "        try (Connection conn = dataSource.getConnection();\n"
        "             PreparedStatement ps = conn.prepareStatement(READS_SQL)) {").replace(
        "intervalMinutes(conn, meterId)", "intervalMinutes(meterId)").replace(
        "        } finally {\n            conn.close();\n        }\n", "        }\n")
    assert [f for f in run_checks([context_for_text("src/main/java/app/MeterDao.java", moved)]).findings
            if f.rule_id == RULE] == []
