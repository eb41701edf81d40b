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
    doc = render([finding("ERR-01", Severity.LOW, 3, rule_id="PY-EXCEPT-PASS"),
                  finding("ERR-01", Severity.LOW, 9, rule_id="PY-EXCEPT-PASS"),
                  finding("ERR-02", Severity.LOW, 4, rule_id="PY-BARE-EXCEPT")])
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["PY-EXCEPT-PASS", "PY-BARE-EXCEPT"]
    assert [(r["ruleId"], r["ruleIndex"]) for r in run["results"]] == [
        ("PY-EXCEPT-PASS", 0), ("PY-EXCEPT-PASS", 0), ("PY-BARE-EXCEPT", 1)]


def test_rules_are_listed_in_order_of_first_use_and_suppressed_findings_add_theirs_last() -> None:
    sec = finding("SEC-01", Severity.HIGH, category=Category.SECURITY, rule_id="PY-SQL-STRING")
    err = finding("ERR-02", Severity.LOW, rule_id="PY-BARE-EXCEPT")
    hidden = finding("ERR-01", Severity.LOW, 8, rule_id="PY-EXCEPT-PASS")
    doc = render([sec, err], suppressed=[hidden], suppression_reasons={hidden.fingerprint: "config: noisy"})
    run = doc["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["PY-SQL-STRING", "PY-BARE-EXCEPT", "PY-EXCEPT-PASS"]
    assert [(r["ruleId"], r["ruleIndex"]) for r in run["results"]] == [
        ("PY-SQL-STRING", 0), ("PY-BARE-EXCEPT", 1), ("PY-EXCEPT-PASS", 2)]
    assert "suppressions" not in run["results"][1]
    assert run["results"][2]["suppressions"] == [{"kind": "external", "justification": "config: noisy"}]


def test_a_rule_keeps_its_registered_level_whatever_its_findings_say_and_each_result_its_own() -> None:
    for worst, level in [(Severity.CRITICAL, "error"), (Severity.HIGH, "error"), (Severity.MEDIUM, "warning"),
                         (Severity.LOW, "note")]:
        doc = render([finding("ERR-02", Severity.LOW, 3, rule_id="PY-BARE-EXCEPT"),
                      finding("ERR-02", worst, 4, rule_id="PY-BARE-EXCEPT")])
        (rule,) = doc["runs"][0]["tool"]["driver"]["rules"]
        assert rule["defaultConfiguration"]["level"] == "warning", worst  # PY-BARE-EXCEPT is registered medium
        assert rule["properties"]["problem.severity"] == "warning", worst
        assert "security-severity" not in rule["properties"]
        assert [r["level"] for r in doc["runs"][0]["results"]] == ["note", level]


def test_only_a_security_rule_carries_a_security_severity_from_its_registered_severity() -> None:
    doc = render([finding("SEC-01", Severity.LOW, category=Category.SECURITY, rule_id="PY-SQL-STRING"),
                  finding("SEC-15", Severity.LOW, 7, category=Category.SECURITY, rule_id="PY-WEAK-CIPHER"),
                  finding("SEC-02", Severity.HIGH, 9, category=Category.SECURITY, rule_id="PY-SHELL-CONSTANT")])
    critical, medium, low = doc["runs"][0]["tool"]["driver"]["rules"]
    assert critical["properties"]["security-severity"] == "9.5"
    assert medium["properties"]["security-severity"] == "5.0"
    assert low["properties"]["security-severity"] == "2.0"
    assert [r["defaultConfiguration"]["level"] for r in (critical, medium, low)] == ["error", "warning", "note"]
    assert all("problem.severity" not in r["properties"] for r in (critical, medium, low))
    assert critical["properties"]["tags"] == ["security", "SEC-01"]  # the category tag is not repeated


def test_a_model_rule_takes_the_worst_default_of_the_checks_for_its_item_or_medium_when_none() -> None:
    doc = render([finding("ERR-01", Severity.LOW, 3, rule_id="", source="model"),
                  finding("CUSTOM-9", Severity.CRITICAL, 4, rule_id="model", source="model")])
    by_id = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    assert list(by_id) == ["model/ERR-01", "model/CUSTOM-9"]
    assert by_id["model/ERR-01"]["defaultConfiguration"]["level"] == "error"  # PY-EXCEPT-PASS and others: high
    assert by_id["model/CUSTOM-9"]["defaultConfiguration"]["level"] == "warning"
    assert by_id["model/ERR-01"]["properties"]["tags"] == ["error-handling", "ERR-01", "model"]


def test_a_checks_rule_is_described_by_its_check_and_checklist_and_an_unknown_item_by_its_category() -> None:
    known = item_index()["ERR-01"][1]
    doc = render([finding("ERR-01", Severity.HIGH, rule_id="PY-EXCEPT-PASS"),
                  finding("CUSTOM-9", Severity.LOW, category=Category.API_DESIGN, rule_id="model")])
    err, custom = doc["runs"][0]["tool"]["driver"]["rules"]
    assert err["shortDescription"]["text"].startswith("Exception swallowed")
    assert err["fullDescription"]["text"] == known.rule
    help_parts = err["help"]["text"].split("\n\n")
    assert help_parts[1:] == [f"Checklist ERR-01: {known.rule}", f"Fix: {known.fix}"]
    assert help_parts[0] and "title of" not in help_parts[0]
    assert err["name"] == "PyExceptPass" and err["properties"]["tags"] == ["error-handling", "ERR-01"]
    assert custom["shortDescription"]["text"] == custom["fullDescription"]["text"] == "api-design CUSTOM-9"
    assert custom["help"]["text"] == "api-design CUSTOM-9"
    assert custom["name"] == "ModelCustom9" and custom["properties"]["tags"] == ["api-design", "CUSTOM-9", "model"]


def _region(f: Finding) -> dict[str, int]:
    region: dict[str, int] = render([f])["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    return {k: v for k, v in region.items() if k in ("startLine", "endLine")}


def test_a_multi_line_finding_has_an_end_line_and_a_single_line_one_does_not() -> None:
    assert _region(finding("ERR-01", Severity.HIGH, 4, end_line=7)) == {"startLine": 4, "endLine": 7}
    assert _region(finding("ERR-01", Severity.HIGH, 4, end_line=4)) == {"startLine": 4}
    assert _region(finding("ERR-01", Severity.HIGH, 4)) == {"startLine": 4}
    assert _region(finding("ERR-01", Severity.HIGH, 4, end_line=2)) == {"startLine": 4}


def test_a_file_level_finding_has_no_region_rather_than_a_made_up_first_line() -> None:
    (result,) = render([finding("ERR-01", Severity.HIGH, None, placement=Placement.FILE)])["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "svc/orders.py", "uriBaseId": "%SRCROOT%"}}


def test_a_result_carries_message_location_fingerprint_and_origin() -> None:
    one = finding("ERR-01", Severity.MEDIUM, 4, source="checks+model", rule_id="PY-EXCEPT-PASS", confidence=0.75)
    (result,) = render([one])["runs"][0]["results"]
    assert (result["ruleId"], result["ruleIndex"]) == ("PY-EXCEPT-PASS", 0)
    assert result["message"]["text"] == "title of ERR-01\n\nbody of ERR-01"
    assert result["level"] == "warning"
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "svc/orders.py", "uriBaseId": "%SRCROOT%"}
    assert result["partialFingerprints"] == {"personaReview/v1": "fp-ERR-01-4"}
    expected = {"source": "checks+model", "checklistItem": "ERR-01", "category": "error-handling",
                "severity": "medium", "confidence": 0.75}
    assert {k: result["properties"].get(k) for k in expected} == expected


def test_skipped_files_and_notices_become_notifications() -> None:
    doc = render([], files=[FileDecision("docs/a.md", False, "excluded"), FileDecision("svc/a.py", True, "x")],
                 notices=["model review skipped: no key"])
    run = doc["runs"][0]
    assert "automationDetails" not in run  # upload-sarif sets it, and ignores its input when one is present
    assert run["properties"] == {"persona": "backend", "mode": "checks"}
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


def test_a_partial_model_review_lists_what_the_model_did_not_review() -> None:
    from persona_review.result import ModelOutcome, ModelStatus

    def error_notes(unreviewed: list[str]) -> list[str]:
        doc = render([], model=ModelOutcome(status=ModelStatus.PARTIAL, unreviewed=unreviewed))
        notes = doc["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        return [n["message"]["text"] for n in notes if n["level"] == "error"]

    assert error_notes(["app/big.py", "app/huge.py:1-400"]) == [
        "the model review was partial; not reviewed by the model: app/big.py, app/huge.py:1-400"]
    assert error_notes([]) == ["the model review was partial; not reviewed by the model: some parts"]


def test_files_up_to_two_million_characters_get_line_hashes_and_larger_ones_are_left_to_upload_sarif() -> None:
    limit = 2_000_000
    first = "    conn.execute(sql)\n"
    for size, hashed in ((limit, True), (limit + 1, False)):
        text = first + "x" * (size - len(first) - 1) + "\n"
        assert len(text) == size
        result = ReviewResult(persona="backend", mode="checks", files=[],
                              findings=[finding("ERR-01", Severity.HIGH, line=1, code="conn.execute(sql)")])
        (res,) = json.loads(render_sarif(result, {"svc/orders.py": text}))["runs"][0]["results"]
        assert ("primaryLocationLineHash" in res["partialFingerprints"]) is hashed, size


def test_the_first_and_last_lines_of_a_file_have_line_hashes_and_a_line_past_the_end_has_none() -> None:
    from persona_review.reporters.line_hash import line_hashes

    text = "import os\nconn.execute(sql)\nreturn rows"  # no newline at the end: three lines
    hashes = line_hashes(text)
    assert len(hashes) == 3
    found = [finding("ERR-01", Severity.HIGH, line=n, fingerprint=f"fp{n}") for n in (1, 3, 4)]
    result = ReviewResult(persona="backend", mode="checks", files=[], findings=found)
    results = json.loads(render_sarif(result, {"svc/orders.py": text}))["runs"][0]["results"]
    assert [r["partialFingerprints"].get("primaryLocationLineHash") for r in results] == [
        hashes[0], hashes[2], None]


def test_without_the_files_text_a_multi_line_finding_takes_its_column_from_its_first_quoted_line() -> None:
    multi = finding("ERR-01", Severity.HIGH, line=5, end_line=6, code="    if x:\n        y()")
    (res,) = render([multi])["runs"][0]["results"]
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["endLine"], region["startColumn"]) == (5, 6, 5)
    assert "endColumn" not in region, "the last line's text is not known"


def test_a_result_quotes_its_code_as_a_snippet_when_it_has_some() -> None:
    quoted = finding("ERR-01", Severity.HIGH, line=5, code="conn.execute(sql)", fingerprint="a")
    bare = finding("ERR-02", Severity.HIGH, line=6, code="  ", fingerprint="b")
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in render([quoted, bare])["runs"][0]["results"]]
    assert regions[0]["snippet"] == {"text": "conn.execute(sql)"}
    assert "snippet" not in regions[1]


def test_a_suppression_without_a_reason_has_no_justification() -> None:
    hidden = finding("ERR-01", Severity.HIGH, fingerprint="fp-hidden")
    result = ReviewResult(persona="backend", mode="checks", files=[], findings=[], suppressed=[hidden],
                          suppression_reasons={})
    (res,) = json.loads(render_sarif(result))["runs"][0]["results"]
    assert res["suppressions"] == [{"kind": "inSource"}]


def test_the_checkout_is_used_for_hashes_when_every_quoted_line_reads_there_as_quoted(tmp_path: Any) -> None:
    from persona_review.reporters.sarif import workspace_contents

    (tmp_path / "svc").mkdir()
    text = "import os\nif ready:\n    conn.execute(sql)"
    (tmp_path / "svc" / "orders.py").write_text(text, encoding="utf-8")
    on_last_line = finding("ERR-01", Severity.HIGH, line=3, code="conn.execute(sql)")
    two_lines = finding("ERR-02", Severity.HIGH, line=2, end_line=3, code="if ready:\n    conn.execute(sql)")
    whole_file = finding("ERR-03", Severity.HIGH, line=None, code="a quote from nowhere in particular")
    assert workspace_contents(tmp_path, [on_last_line, two_lines, whole_file]) == {"svc/orders.py": text}
    moved = finding("ERR-01", Severity.HIGH, line=1, code="conn.execute(sql)")
    assert workspace_contents(tmp_path, [on_last_line, moved]) == {}, "a line that reads otherwise: not used"
