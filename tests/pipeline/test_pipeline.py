from __future__ import annotations

from persona_review.config import Config, IgnoreRule
from persona_review.diff import parse_diff
from persona_review.findings import SOURCE_MODEL, Category, Finding, Placement, Severity
from persona_review.persona import Persona
from persona_review.pipeline import ReviewInput, run_review
from persona_review.placement import merge, place
from pipeline.conftest import file_diff

SWALLOW = ["def f():", "    try:", "        g()", "    except Exception:", "        pass"]


def _review(text: str, persona: Persona, config: Config | None = None) -> list[Finding]:
    return run_review(ReviewInput(diff=parse_diff(text), config=config or Config(), persona=persona)).findings


def test_findings_land_on_the_added_line(persona: Persona) -> None:
    findings = _review(file_diff("api/h.py", SWALLOW), persona)
    swallowed = [f for f in findings if f.checklist_item == "ERR-01"]
    assert [(f.line, f.placement) for f in swallowed] == [(4, Placement.INLINE)]
    assert swallowed[0].code == "    except Exception:"


def test_inline_suppression_on_the_line_or_above_counts_not_loses(persona: Persona) -> None:
    lines = [*SWALLOW[:3], "    # persona-review: ignore[ERR-01]", *SWALLOW[3:]]
    result = run_review(
        ReviewInput(diff=parse_diff(file_diff("api/h.py", lines)), config=Config(), persona=persona)
    )
    assert not [f for f in result.findings if f.checklist_item == "ERR-01"]
    assert [f.checklist_item for f in result.suppressed] == ["ERR-01"]


def test_config_ignore_by_id_and_path(persona: Persona) -> None:
    text = file_diff("api/h.py", SWALLOW) + file_diff("api/tests/t.py", SWALLOW)
    cfg = Config(include_tests=True, ignore=(IgnoreRule(ids=("ERR-01",), paths=("**/tests/**",)),))
    result = run_review(ReviewInput(diff=parse_diff(text), config=cfg, persona=persona))
    assert {f.path for f in result.findings if f.checklist_item == "ERR-01"} == {"api/h.py"}
    assert {f.path for f in result.suppressed} == {"api/tests/t.py"}


def test_min_severity_keeps_findings_below_threshold_for_the_log(persona: Persona) -> None:
    result = run_review(
        ReviewInput(
            diff=parse_diff(file_diff("api/h.py", SWALLOW)),
            config=Config(min_severity=Severity.CRITICAL),
            persona=persona,
        )
    )
    assert result.findings == [] and result.below_threshold


def test_fingerprint_survives_unrelated_edits_above(persona: Persona) -> None:
    before = _review(file_diff("api/h.py", SWALLOW), persona)
    after = _review(file_diff("api/h.py", ["import os", "", *SWALLOW]), persona)
    fp_before = {f.fingerprint for f in before if f.checklist_item == "ERR-01"}
    moved = [f for f in after if f.checklist_item == "ERR-01"]
    assert moved[0].line == 6 and {f.fingerprint for f in moved} == fp_before


def test_identical_findings_in_one_file_get_distinct_fingerprints(persona: Persona) -> None:
    findings = _review(file_diff("api/h.py", SWALLOW + SWALLOW), persona)
    fps = [f.fingerprint for f in findings if f.checklist_item == "ERR-01"]
    assert len(fps) == 2 and len(set(fps)) == 2


def test_categories_filter(persona: Persona) -> None:
    findings = _review(file_diff("api/h.py", SWALLOW), persona, Config(categories=(Category.SECURITY,)))
    assert all(f.category is Category.SECURITY for f in findings)


def _finding(**kw: object) -> Finding:
    base: dict[str, object] = dict(
        path="api/h.py",
        line=4,
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        checklist_item="ERR-01",
        title="t",
        body="b",
    )
    base.update(kw)
    return Finding(**base)  # type: ignore[arg-type]


def test_placement_marks_lines_outside_the_diff_as_file_level() -> None:
    files = parse_diff(file_diff("api/h.py", SWALLOW)).by_path()
    assert place(_finding(line=4), files).placement is Placement.INLINE
    assert place(_finding(line=40), files).placement is Placement.FILE
    assert place(_finding(path="other.py"), files).placement is Placement.FILE
    assert place(_finding(line=None), files).placement is Placement.FILE
    ranged = place(_finding(line=2, end_line=4), files)
    assert ranged.placement is Placement.INLINE and ranged.end_line == 4


def test_merge_same_line_and_category_names_both_sources() -> None:
    det = _finding(rule_id="PY-X", code="    except Exception:")
    model = _finding(
        source=SOURCE_MODEL, severity=Severity.HIGH, title="Swallowed", body="model says", rule_id="model"
    )
    other_cat = _finding(category=Category.SECURITY, checklist_item="SEC-01")
    merged = merge([det, model, other_cat])
    assert len(merged) == 2
    lead = merged[0]
    assert lead.source == "checks+model" and lead.severity is Severity.HIGH
    assert lead.rule_id == "PY-X" and "model says" in lead.body


def test_nosec_suppresses_security_findings_only(persona: Persona) -> None:
    lines = ['def q(cur, name):', '    cur.execute(f"SELECT * FROM t WHERE n = \'{name}\'")  # nosec B608']
    result = run_review(ReviewInput(diff=parse_diff(file_diff("api/q.py", lines)), config=Config(), persona=persona))
    assert not [f for f in result.findings if f.category is Category.SECURITY]
    assert [f.checklist_item for f in result.suppressed] == ["SEC-01"]
