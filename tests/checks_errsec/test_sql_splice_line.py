"""SQL text assembled from request data in a same-file helper is reported on the line that splices the value
in (the line to fix), not only where the finished text is run."""

from __future__ import annotations

from pathlib import Path

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

from .helpers import CATEGORIES

VARIANTS = Path(__file__).resolve().parent.parent / "data" / "security_family_variants"


def _lines(path: str, name: str, rule: str) -> set[int]:
    text = (VARIANTS / name).read_text()
    outcome = run_checks([context_for_text(path, text)], categories=CATEGORIES)
    return {f.line for f in outcome.findings if f.rule_id == rule}


def _line_of(name: str, needle: str) -> int:
    lines = (VARIANTS / name).read_text().splitlines()
    return next(no for no, line in enumerate(lines, 1) if needle in line)


def test_go_builder_helper_reported_where_each_value_is_spliced() -> None:
    name = "v91_go_builder_helper_sql.go"
    found = _lines("internal/api/events.go", name, "GO-SQL-STRING")
    assert found == {_line_of(name, "AND kind = '"), _line_of(name, "AND actor = '")}


def test_go_builder_helper_with_bound_values_is_quiet() -> None:
    assert _lines("internal/api/events.go", "v91_go_builder_helper_sql_clean.go", "GO-SQL-STRING") == set()


def test_java_builder_helper_reported_on_the_append() -> None:
    name = "v91_spring_builder_helper_sql.java"
    found = _lines("src/main/java/com/acme/api/AuditLogController.java", name, "JAVA-SQL-STRING")
    assert _line_of(name, "AND action = '") in found
    assert _line_of(name, "queryForList") not in found


def test_go_condition_without_a_quoted_value_is_no_sql() -> None:
    text = 'package api\n\nfunc label(a, b string) string {\n\treturn "ready AND waiting: " + a + b\n}\n'
    outcome = run_checks([context_for_text("internal/api/label.go", text)], categories=CATEGORIES)
    assert not [f for f in outcome.findings if f.rule_id == "GO-SQL-STRING"]
