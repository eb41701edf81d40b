"""SARIF for code scanning: one rule per checklist item, regions, levels and what the results carry."""

from __future__ import annotations

import json
from typing import Any

from persona_review import __version__
from persona_review.checklists import item_index
from persona_review.findings import Category, Finding, Placement, Severity
from persona_review.reporters.sarif import render_sarif
from persona_review.result import FileDecision, ReviewResult


def finding(item: str, severity: Severity, line: int | None = 5, **kw: Any) -> Finding:
    base: dict[str, Any] = dict(
        path="svc/orders.py", line=line, category=Category.ERROR_HANDLING, severity=severity,
        checklist_item=item, title=f"title of {item}", body=f"body of {item}", rule_id="PY-X",
        placement=Placement.INLINE, fingerprint=f"fp-{item}-{line}",
    )
    base.update(kw)
    return Finding(**base)


def render(findings: list[Finding], **kw: Any) -> dict[str, Any]:
    result = ReviewResult(persona="backend", mode="checks", files=kw.pop("files", []), findings=findings, **kw)
    doc: dict[str, Any] = json.loads(render_sarif(result))
    return doc


def test_a_rule_used_by_two_findings_is_listed_once_and_both_results_point_at_it() -> None:
    doc = render([finding("ERR-01", Severity.LOW, 3), finding("ERR-01", Severity.LOW, 9),
                  finding("ERR-02", Severity.LOW, 4)])
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["ERR-01", "ERR-02"]
    assert [(r["ruleId"], r["ruleIndex"]) for r in run["results"]] == [("ERR-01", 0), ("ERR-01", 0), ("ERR-02", 1)]


def test_rules_are_sorted_by_id_and_indexed_in_that_order() -> None:
    doc = render([finding("SEC-01", Severity.HIGH, category=Category.SECURITY), finding("ERR-02", Severity.LOW)])
    run = doc["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["ERR-02", "SEC-01"]
    assert [(r["ruleId"], r["ruleIndex"]) for r in run["results"]] == [("SEC-01", 1), ("ERR-02", 0)]


def test_a_rule_takes_the_level_of_its_worst_finding() -> None:
    for worst, level, score in [(Severity.CRITICAL, "error", "9.5"), (Severity.HIGH, "error", "7.5"),
                                (Severity.MEDIUM, "warning", "5.0"), (Severity.LOW, "note", "2.0")]:
        doc = render([finding("ERR-01", Severity.LOW, 3), finding("ERR-01", worst, 4), finding("ERR-01", Severity.LOW, 5)])
        (rule,) = doc["runs"][0]["tool"]["driver"]["rules"]
        assert rule["defaultConfiguration"]["level"] == level, worst
        assert rule["properties"]["security-severity"] == score, worst
        assert [r["level"] for r in doc["runs"][0]["results"]][1] == level


def test_medium_outranks_low_for_a_rules_level() -> None:
    doc = render([finding("ERR-01", Severity.LOW, 3), finding("ERR-01", Severity.MEDIUM, 4)])
    (rule,) = doc["runs"][0]["tool"]["driver"]["rules"]
    assert rule["defaultConfiguration"]["level"] == "warning"
    doc = render([finding("ERR-01", Severity.MEDIUM, 3), finding("ERR-01", Severity.LOW, 4)])
    (rule,) = doc["runs"][0]["tool"]["driver"]["rules"]
    assert rule["defaultConfiguration"]["level"] == "warning"


def test_a_known_checklist_item_is_described_by_the_checklist_and_an_unknown_one_by_the_finding() -> None:
    known = item_index()["ERR-01"][1]
    doc = render([finding("ERR-01", Severity.HIGH), finding("CUSTOM-9", Severity.LOW, category=Category.API_DESIGN)])
    custom, err = doc["runs"][0]["tool"]["driver"]["rules"]
    assert err["shortDescription"]["text"] == err["fullDescription"]["text"] == known.rule
    assert err["help"]["text"] == f"{known.why}\n\nFix: {known.fix}"
    assert err["name"] == "ERR01" and err["properties"]["tags"] == ["error-handling"]
    assert custom["shortDescription"]["text"] == "title of CUSTOM-9"
    assert custom["help"]["text"] == "body of CUSTOM-9"
    assert custom["name"] == "CUSTOM9" and custom["properties"]["tags"] == ["api-design"]


def _region(f: Finding) -> dict[str, int]:
    region: dict[str, int] = render([f])["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    return {k: v for k, v in region.items() if k in ("startLine", "endLine")}


def test_a_multi_line_finding_has_an_end_line_and_a_single_line_one_does_not() -> None:
    assert _region(finding("ERR-01", Severity.HIGH, 4, end_line=7)) == {"startLine": 4, "endLine": 7}
    assert _region(finding("ERR-01", Severity.HIGH, 4, end_line=4)) == {"startLine": 4}
    assert _region(finding("ERR-01", Severity.HIGH, 4)) == {"startLine": 4}
    assert _region(finding("ERR-01", Severity.HIGH, 4, end_line=2)) == {"startLine": 4}


def test_a_file_level_finding_points_at_the_first_line() -> None:
    assert _region(finding("ERR-01", Severity.HIGH, None, placement=Placement.FILE)) == {"startLine": 1}


def test_a_result_carries_message_location_fingerprint_and_origin() -> None:
    (result,) = render([finding("ERR-01", Severity.MEDIUM, 4, source="checks+model")])["runs"][0]["results"]
    assert result["message"]["text"] == "title of ERR-01\n\nbody of ERR-01"
    assert result["level"] == "warning"
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "svc/orders.py", "uriBaseId": "%SRCROOT%"}
    assert result["partialFingerprints"] == {"personaReview/v1": "fp-ERR-01-4"}
    expected = {"source": "checks+model", "rule": "PY-X", "category": "error-handling", "severity": "medium"}
    assert {k: result["properties"].get(k) for k in expected} == expected


def test_skipped_files_and_notices_become_notifications() -> None:
    doc = render([], files=[FileDecision("docs/a.md", False, "excluded"), FileDecision("svc/a.py", True, "x")],
                 notices=["model review skipped: no key"])
    run = doc["runs"][0]
    assert run["automationDetails"] == {"id": "persona-review/backend/"}
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["invocations"][0]["toolExecutionNotifications"] == [
        {"level": "note", "message": {"text": "skipped docs/a.md: excluded"}},
        {"level": "note", "message": {"text": "model review skipped: no key"}},
    ]
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []


def test_the_driver_names_the_tool_its_version_and_where_to_read_about_it() -> None:
    driver = render([])["runs"][0]["tool"]["driver"]
    assert driver["name"] == "persona-review" and driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")


def test_the_file_is_json_ending_with_one_newline() -> None:
    result = ReviewResult(persona="backend", mode="checks", files=[], findings=[finding("ERR-01", Severity.LOW)])
    text = render_sarif(result)
    assert text.endswith("}\n") and not text.endswith("\n\n")
