"""Golden text and markdown reports for a diff whose findings repeat on adjacent lines and overlap: one card
per problem listing its lines, each rule explained once, no zero rows, locations linked to the commit."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from persona_review.config import Config
from persona_review.diff import parse_diff
from persona_review.findings import Category, Finding, Placement, Severity
from persona_review.persona import load_persona
from persona_review.pipeline import ReviewInput, run_review
from persona_review.placement import group_nearby
from persona_review.reporters.markdown import SourceLinks, render_markdown
from persona_review.reporters.stats import mode_label
from persona_review.reporters.text import render_text
from persona_review.result import ModelStatus, ReviewResult

DATA = Path(__file__).resolve().parents[1] / "data" / "reports"
LINKS = SourceLinks("https://github.com/acme/shop", "0123456789abcdef0123456789abcdef01234567")


def _result() -> ReviewResult:
    diff = parse_diff((DATA / "repeated.diff").read_bytes())
    return run_review(ReviewInput(diff=diff, config=Config(), persona=load_persona(None), offline=True))


def _golden(name: str, actual: str) -> str:
    path = DATA / name
    if os.environ.get("PERSONA_REVIEW_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    return path.read_text(encoding="utf-8")


def test_text_report_matches_the_golden_file() -> None:
    text = render_text(_result(), width=100)
    assert text == _golden("repeated.golden.txt", text)
    assert max(len(line) for line in text.splitlines() if not line.startswith("       + ")) <= 100


def test_markdown_report_matches_the_golden_file() -> None:
    text = render_markdown(_result(), links=LINKS)
    assert text == _golden("repeated.golden.md", text)


def test_repeated_findings_become_one_card_listing_their_lines() -> None:
    result = _result()
    sql = [f for f in result.findings if f.rule_id == "PY-SQL-STRING"]
    # Lines 10 and 11 touch: one card over 10-11 naming line 11; line 23 is a problem of its own.
    assert [(f.line, f.end_line) for f in sql] == [(10, 11), (23, None)]
    assert "Also on line 11: `region` reaches `conn.execute`." in sql[0].body
    assert sql[0].suggested_fix is not None and sql[0].suggested_fix.count("\n") == 1
    go = [f for f in result.findings if f.rule_id == "GO-ERR-DISCARDED"]
    assert [(f.line, f.end_line) for f in go] == [(12, 13)]
    assert all(f.placement is Placement.INLINE for f in sql + go)


def test_markdown_explains_each_rule_once_and_drops_zero_rows() -> None:
    result = _result()
    text = render_markdown(result, links=LINKS)
    for finding in result.findings:
        assert text.count(finding.explanation) == 1, finding.rule_id
    assert "| 🔵 Low | 0 |" not in text and "| 0 |" not in text
    assert "[`app/orders.py:10-11`](https://github.com/acme/shop/blob/0123456789abcdef0123456789abcdef01234567/app/orders.py#L10-L11)" in text
    assert not re.search(r"\bsquawk\b", text)


def test_inline_comment_carries_its_rule_collapsed() -> None:
    from persona_review.reporters.markdown import render_finding

    finding = _result().findings[0]
    body = render_finding(finding)
    assert "<details><summary>Why it matters</summary>" in body and finding.explanation in body
    assert "<details>" not in render_finding(finding, explain=False)


def _finding(line: int, end: int | None = None, rule: str = "PY-SQL-STRING", fix: str | None = None) -> Finding:
    return Finding(
        "a.py", line, Category.SECURITY, Severity.HIGH, "SEC-01", f"t{line}", "b", rule_id=rule,
        end_line=end, suggested_fix=fix,
    )


def test_grouping_joins_touching_and_overlapping_ranges_of_one_check_only() -> None:
    lines = {n: f"line {n}" for n in range(1, 30)}
    found = [
        _finding(1, 3),
        _finding(2),  # inside 1-3
        _finding(4),  # touches 3
        _finding(10),  # apart
        _finding(4, rule="PY-OTHER"),  # another check on the same line stays a card of its own
    ]
    grouped = group_nearby(found, {"a.py": lines})
    assert [(f.rule_id, f.line, f.end_line) for f in grouped] == [
        ("PY-SQL-STRING", 1, 4),
        ("PY-SQL-STRING", 10, None),
        ("PY-OTHER", 4, None),
    ]
    assert "Also on lines 2, 4: t2; t4." in grouped[0].body


def test_joined_fix_keeps_unchanged_lines_and_gives_up_on_overlap() -> None:
    lines = {1: "a", 2: "b", 3: "c"}
    joined = group_nearby([_finding(1, fix="A"), _finding(3, fix="C"), _finding(2)], {"a.py": lines})
    assert [f.suggested_fix for f in joined] == ["A\nb\nC"]
    overlapping = group_nearby([_finding(1, 2, fix="AB"), _finding(2, fix="B")], {"a.py": lines})
    assert [f.suggested_fix for f in overlapping] == [None]


@pytest.mark.parametrize("status", [ModelStatus.PARTIAL, ModelStatus.OK])
def test_mode_line_is_honest_about_a_partial_model_review(status: ModelStatus) -> None:
    result = ReviewResult(persona="p", mode="checks+model", files=[], findings=[])
    result.model.status = status
    result.model.unreviewed = ["app/a.py"] if status is ModelStatus.PARTIAL else []
    label = mode_label(result)
    assert ("partial" in label) is (status is ModelStatus.PARTIAL)
    assert label in render_text(result).replace("\n  ", " ")
