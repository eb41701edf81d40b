"""Counts every reporter shows: by severity, by category, by placement."""

from __future__ import annotations

from collections import Counter
from typing import Any

from persona_review.findings import Category, Placement, Severity
from persona_review.result import ModelStatus, ReviewResult


def mode_label(result: ReviewResult) -> str:
    """The mode as it really ran: a model review that failed or ran out of budget says so."""
    if result.mode != "checks" and result.model.status is ModelStatus.PARTIAL:
        missed = len(result.model.unreviewed)
        return f"{result.mode}, partial: {missed} of the reviewed files or hunks got no model review"
    return result.mode


def severity_counts(result: ReviewResult) -> dict[str, int]:
    counts = Counter(f.severity.value for f in result.findings)
    return {s.value: counts.get(s.value, 0) for s in Severity}


def category_counts(result: ReviewResult) -> dict[str, int]:
    counts = Counter(f.category.value for f in result.findings)
    return {c.value: counts[c.value] for c in Category if counts.get(c.value)}


def build_stats(result: ReviewResult) -> dict[str, Any]:
    model = result.model
    return {
        "files_reviewed": len(result.reviewed_files),
        "files_skipped": len(result.skipped_files),
        "findings": len(result.findings),
        "by_severity": severity_counts(result),
        "by_category": category_counts(result),
        "inline": sum(1 for f in result.findings if f.placement is Placement.INLINE),
        "file_level": sum(1 for f in result.findings if f.placement is not Placement.INLINE),
        "suppressed": len(result.suppressed),
        "below_threshold": len(result.below_threshold),
        "unused_suppressions": list(result.unused_suppressions),
        "model": {
            "status": model.status.value,
            "model": model.model,
            "rejected_items": model.rejected_items,
            "rejections": list(model.rejections),
            "reviewed_parts": model.reviewed_parts,
            "verification": {"checked": model.verified, "dropped": list(model.dropped)},
            "unreviewed": list(model.unreviewed),
            **model.usage.as_dict(),
        },
    }
