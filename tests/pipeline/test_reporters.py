from __future__ import annotations

import json

from persona_review.config import Config
from persona_review.diff import parse_diff
from persona_review.findings import Category, Finding, Placement, Severity
from persona_review.persona import Persona
from persona_review.pipeline import ReviewInput, run_review
from persona_review.reporters.json_report import render_json
from persona_review.reporters.markdown import render_finding, render_markdown, render_summary
from persona_review.reporters.sarif import render_sarif
from persona_review.reporters.text import render_text
from persona_review.result import ReviewResult
from pipeline.conftest import SAMPLE_DIFF


def _sample(persona: Persona) -> ReviewResult:
    return run_review(
        ReviewInput(diff=parse_diff(SAMPLE_DIFF.read_bytes()), config=Config(), persona=persona)
    )


def test_sarif_has_what_code_scanning_requires(persona: Persona) -> None:
    result = _sample(persona)
    doc = json.loads(render_sarif(result))
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "persona-review"
    assert len(run["results"]) == len(result.findings) > 0
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in {"error", "warning", "note"} and res["message"]["text"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] and loc["region"]["startLine"] >= 1
        assert res["partialFingerprints"]["personaReview/v1"]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert any("docs/orders.md" in n["message"]["text"] for n in notes)


def test_text_is_grouped_by_file_and_coloured_only_on_request(persona: Persona) -> None:
    result = _sample(persona)
    plain = render_text(result)
    assert "\x1b[" not in plain and "app/api/orders.py\n" in plain
    assert "\x1b[" in render_text(result, colour=True)


def test_markdown_report_and_summary(persona: Persona) -> None:
    result = _sample(persona)
    text = render_markdown(result)
    assert text.startswith("### persona-review · test-backend persona")
    assert "not reviewed" in text and "`docs/orders.md` | `docs (" in text
    assert json.loads(render_json(result))["stats"]["files_skipped"] == 2
    assert "Findings not shown" not in render_summary(result, listed=[])


def test_suggestion_block_uses_a_fence_longer_than_the_code() -> None:
    f = Finding(
        path="a.py",
        line=1,
        category=Category.SECURITY,
        severity=Severity.HIGH,
        checklist_item="SEC-01",
        title="t",
        body="b",
        suggested_fix="x = '```'",
        placement=Placement.INLINE,
    )
    body = render_finding(f)
    assert "````suggestion\nx = '```'\n````" in body
    assert "suggestion" not in render_finding(f.replace(placement=Placement.FILE))


def test_untrusted_paths_cannot_break_out_of_code_spans_or_tables() -> None:
    from persona_review.reporters.markdown import code_span

    evil = "a`<img src=x onerror=alert(1)>`@admin|b.py"
    span = code_span(evil)
    assert span.startswith("``") and span.endswith("``") and evil in span
    assert "\\|" in code_span(evil, in_table=True)
    assert code_span("`edge`") == "`` `edge` ``"
    assert "\n" not in code_span("two\nlines")
