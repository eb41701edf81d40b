"""The JSON contract other tools read. Keep the names stable; add, never rename."""

from __future__ import annotations

import json
from typing import Any

from persona_review.findings import Finding
from persona_review.reporters.stats import build_stats
from persona_review.result import ReviewResult

JSON_VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "path": f.path,
        "line": f.line,
        "end_line": f.end_line,
        "category": f.category.value,
        "severity": f.severity.value,
        "checklist_item": f.checklist_item,
        "source": f.source,
        "title": f.title,
        "body": f.body,
        "explanation": f.explanation,
        "fingerprint": f.fingerprint,
        "rule_id": f.rule_id,
        "suggested_fix": f.suggested_fix,
        "placement": f.placement.value,
        "confidence": f.confidence,
        "merged": [
            {"source": m.source, "checklist_item": m.checklist_item, "severity": m.severity.value,
             "confidence": m.confidence, "fingerprint": m.fingerprint, "rule_id": m.rule_id, "title": m.title}
            for m in f.members
        ],
    }


def render_json(result: ReviewResult) -> str:
    doc = {
        "version": JSON_VERSION,
        "persona": result.persona,
        "mode": result.mode,
        "files": [
            {"path": d.path, "status": d.status, "reason": d.reason, "by": d.by} for d in result.files
        ],
        "findings": [finding_dict(f) for f in result.findings],
        "suppressed": [finding_dict(f) for f in result.suppressed],
        "below_threshold": [finding_dict(f) for f in result.below_threshold],
        "notices": list(result.notices),
        "stats": build_stats(result),
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
