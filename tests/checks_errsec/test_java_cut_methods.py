"""Java checks that read a method from a line to its end (JAVA-RESOURCE-LEAK, JAVA-EXECUTOR-PER-CALL) in
hunks that start inside the method, its signature above the hunk: `_java_methods.method_end`."""

from __future__ import annotations

from persona_review.checks._java_methods import method_end
from persona_review.checks._lexing import lex
from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks

PATH = "src/main/java/com/acme/reporting/DailyTotalsDao.java"


def _ctx(text: str, first: int) -> FileContext:
    lines = {first + i: line for i, line in enumerate(text.splitlines())}
    return FileContext(PATH, "java", lines, frozenset(lines), whole_file=False)


def _lines(text: str, first: int, rule: str) -> list[int]:
    return sorted(f.line or 0 for f in run_checks([_ctx(text, first)]).findings if f.rule_id == rule)


_LEAK = """        Connection conn = dataSource.getConnection();
        PreparedStatement ps = conn.prepareStatement("SELECT merchant_id FROM payments WHERE day = ?");
        ps.setObject(1, day);
        ResultSet rs = ps.executeQuery();
        List<Long> out = new ArrayList<>();
        while (rs.next()) {
            out.add(rs.getLong(1));
        }
        return out;
    }
"""

_CLOSED_IN_FINALLY = """        Connection conn = dataSource.getConnection();
        try {
            return load(conn, day);
        } finally {
            conn.close();
        }
    }
"""


def test_a_connection_opened_in_a_hunk_that_starts_inside_its_method_is_reported() -> None:
    # closing the connection closes its statements and their result sets (JDBC; pools track them too), so
    # the connection's finding speaks for the statement made from it
    assert _lines(_LEAK, 33, "JAVA-RESOURCE-LEAK") == [33]


def test_a_finally_below_the_opening_closes_it() -> None:
    assert _lines(_CLOSED_IN_FINALLY, 33, "JAVA-RESOURCE-LEAK") == []


def test_a_hunk_that_stops_before_the_method_ends_gives_nothing() -> None:
    cut = "\n".join(_LEAK.splitlines()[:6])
    assert _lines(cut, 33, "JAVA-RESOURCE-LEAK") == []


def test_method_end_reads_through_catch_and_finally_to_the_method_brace() -> None:
    text = (
        "        try {\n"                     # 10
        "            Socket s = open();\n"      # 11
        "            use(s);\n"
        "        } catch (IOException e) {\n"
        "            log.warn(\"x\", e);\n"
        "        } finally {\n"
        "            cleanup();\n"
        "        }\n"
        "        return done;\n"
        "    }\n"                             # 19
        "\n"
        "    private int other() {\n"
    )
    ctx = _ctx(text, 10)
    assert method_end(ctx, lex(ctx).bare, 11) == 19
    assert method_end(ctx, lex(ctx).bare, 10) == 19


def test_a_field_is_in_no_method() -> None:
    text = "class Dao {\n    private final Connection conn = pool.getConnection();\n}\n"
    lines = {i + 1: line for i, line in enumerate(text.splitlines())}
    ctx = FileContext(PATH, "java", lines, frozenset(lines), whole_file=True)
    assert method_end(ctx, lex(ctx).bare, 2) is None
