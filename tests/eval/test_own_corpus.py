"""The scorer on the project's own corpus (tests/data/corpus), with counts derived by hand from its labels."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.errors import UsageError
from persona_review.evaluation import EvalReport, Score, load_labels, run_eval
from persona_review.evaluation_report import render_eval
from persona_review.findings import Category, Finding, Severity

CORPUS = Path(__file__).parents[1] / "data" / "corpus"


def migrations_only(contexts: Sequence[FileContext]) -> list[Finding]:
    return run_checks(contexts, [Category.MIGRATION_SAFETY]).findings


def counts(score: Score) -> tuple[int, int, int, int]:
    return score.flags, score.hits, score.cleans, score.false_alarms


@pytest.fixture(scope="module")
def report() -> EvalReport:
    return run_eval(CORPUS, reviewer=migrations_only)


def test_totals(report: EvalReport) -> None:
    # 11 labeled files, one of them (V15, latin-1) unreadable; 22 labels.
    assert (report.files, report.labels) == (10, 22)
    assert [u.split(":")[0] for u in report.unreadable] == ["db/flyway/V15__latin1.sql"]


def test_migration_scores(report: EvalReport) -> None:
    # 10 flags (V12:2, V12:6, V14:1, V14:2, 0007:8, 0007:17, 5f2a:12, 5f2a:13, tidy:3, tidy:4), all hit;
    # 7 readable cleans (V12:4, V13, 0007:12, 0008, 5f2a:11, add_region, tidy:5), none hit.
    assert counts(report.by_category["migration-safety"]) == (10, 10, 7, 0)
    assert counts(report.by_language[("migration-safety", "sql")]) == (4, 4, 2, 0)
    assert counts(report.by_language[("migration-safety", "django-migration")]) == (2, 2, 2, 0)
    assert counts(report.by_language[("migration-safety", "alembic-migration")]) == (2, 2, 1, 0)
    assert counts(report.by_language[("migration-safety", "rails-migration")]) == (2, 2, 2, 0)
    assert report.false_alarms == []


def test_other_categories_are_misses_without_their_checks(report: EvalReport) -> None:
    assert counts(report.by_category["error-handling"]) == (1, 0, 1, 0)
    assert counts(report.by_category["security"]) == (1, 0, 1, 0)
    assert sorted((m.file, m.line) for m in report.misses) == [("app/jobs.py", 9), ("app/reports.py", 2)]
    assert report.by_category["security"].precision == 1.0
    assert report.by_category["security"].recall == 0.0


def _finding(path: str, line: int, category: Category = Category.MIGRATION_SAFETY) -> Finding:
    return Finding(path, line, category, Severity.HIGH, "MIG-01", "t", "b", rule_id="FAKE")


def test_matching_windows_and_false_alarms() -> None:
    planted = [
        _finding("db/flyway/V12__invoice_indexes.sql", 7),  # inside the statement labeled on line 6: hit
        _finding("db/flyway/V12__invoice_indexes.sql", 3),  # after line 2's `;`: not that label; unlabeled
        _finding("db/flyway/V12__invoice_indexes.sql", 2, Category.SECURITY),  # wrong category: ignored
        _finding("db/flyway/V13__invoice_payer_fk.sql", 4),  # whole-file clean: a false alarm
        _finding(
            "shop/migrations/0007_basket_cleanup.py", 13
        ),  # inside AddField (clean label 12): false alarm
        _finding("db/migrate/20240302000000_tidy_stores.rb", 3),  # flag: hit
    ]
    report = run_eval(CORPUS, reviewer=lambda contexts: list(planted))
    assert counts(report.by_category["migration-safety"]) == (10, 2, 7, 2)
    assert sorted((o.file, o.line) for o in report.false_alarms) == [
        ("db/flyway/V13__invoice_payer_fk.sql", None),
        ("shop/migrations/0007_basket_cleanup.py", 12),
    ]
    assert report.unlabeled == {"migration-safety": 1, "security": 1}
    score = report.by_category["migration-safety"]
    assert score.precision == pytest.approx(0.5)
    assert score.recall == pytest.approx(0.2)
    assert score.f1 == pytest.approx(2 * 0.5 * 0.2 / 0.7)


def test_json_and_text_rendering(report: EvalReport) -> None:
    data = json.loads(render_eval(report, "json"))
    assert data["by_category"]["migration-safety"]["recall"] == 1.0
    assert {row["language"] for row in data["by_language"]} >= {"sql", "rails-migration", "python"}
    assert len(data["misses"]) == 2
    text = render_eval(report, "text")
    assert "app/jobs.py:9 [error-handling/python] swallowed-exception" in text
    assert "unreadable files (1)" in text


def test_bad_labels_and_missing_files(tmp_path: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text(
        '{"file": "a.sql", "line": 1, "category": "migration-safety", "expect": "flag"}\n{oops\n'
    )
    with pytest.raises(UsageError, match=r"labels\.jsonl:2"):
        load_labels(labels)
    labels.write_text(
        '{"file": "gone.sql", "line": null, "category": "migration-safety", "expect": "flag"}\n'
    )
    report = run_eval(tmp_path, reviewer=migrations_only)
    assert report.files == 0 and report.unreadable[0].startswith("gone.sql: FileNotFoundError")
    with pytest.raises(UsageError, match="cannot read the labels file"):
        run_eval(tmp_path, tmp_path / "nope.jsonl")
