"""SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`)."""

from __future__ import annotations

import json
from typing import Any

from persona_review import __version__
from persona_review.checklists import item_index
from persona_review.findings import Finding, Severity
from persona_review.result import ReviewResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
}
_SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "7.5",
    Severity.MEDIUM: "5.0",
    Severity.LOW: "2.0",
}


def render_sarif(result: ReviewResult) -> str:
    findings = [*result.findings]
    rules, index = _rules(findings)
    doc = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "persona-review",
                        "version": __version__,
                        "informationUri": "https://github.com/persona-review/persona-review",
                        "rules": rules,
                    }
                },
                "automationDetails": {"id": f"persona-review/{result.persona}/"},
                "results": [_result(f, index) for f in findings],
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": [
                            {"level": "note", "message": {"text": f"skipped {d.path}: {d.reason}"}}
                            for d in result.skipped_files
                        ]
                        + [{"level": "note", "message": {"text": n}} for n in result.notices],
                    }
                ],
            }
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _rules(findings: list[Finding]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    items = item_index()
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for f in sorted(findings, key=lambda f: f.checklist_item):
        if f.checklist_item in index:
            continue
        index[f.checklist_item] = len(rules)
        known = items.get(f.checklist_item)
        rule_text = known[1].rule if known else f.title
        help_text = f"{known[1].why}\n\nFix: {known[1].fix}" if known else f.body
        worst = max(
            (g.severity for g in findings if g.checklist_item == f.checklist_item), key=lambda s: s.rank
        )
        rules.append(
            {
                "id": f.checklist_item,
                "name": f.checklist_item.replace("-", ""),
                "shortDescription": {"text": rule_text},
                "fullDescription": {"text": rule_text},
                "help": {"text": help_text},
                "defaultConfiguration": {"level": _LEVEL[worst]},
                "properties": {"tags": [f.category.value], "security-severity": _SECURITY_SEVERITY[worst]},
            }
        )
    return rules, index


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": f.line or 1}
    if f.end_line is not None and f.line is not None and f.end_line > f.line:
        region["endLine"] = f.end_line
    return {
        "ruleId": f.checklist_item,
        "ruleIndex": index[f.checklist_item],
        "level": _LEVEL[f.severity],
        "message": {"text": f"{f.title}\n\n{f.body}"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {"personaReview/v1": f.fingerprint},
        "properties": {
            "source": f.source,
            "rule": f.rule_id,
            "category": f.category.value,
            "severity": f.severity.value,
        },
    }
