"""Render an `EvalReport` as text (for people) or JSON (for tools and CI)."""

from __future__ import annotations

import json
from typing import Literal

from persona_review.evaluation import EvalReport, Outcome, Score
from persona_review.result import ModelOutcome

Format = Literal["text", "json"]


def render_eval(report: EvalReport, fmt: Format = "text") -> str:
    if fmt == "json":
        return json.dumps(_as_json(report), indent=2, sort_keys=True)
    return _as_text(report)


def _score_json(score: Score) -> dict[str, float | int]:
    return {
        "flags": score.flags,
        "hits": score.hits,
        "cleans": score.cleans,
        "false_alarms": score.false_alarms,
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(score.f1, 4),
    }


def _outcome_json(outcome: Outcome) -> dict[str, object]:
    return outcome._asdict()


def _as_json(report: EvalReport) -> dict[str, object]:
    return {
        "files": report.files,
        "labels": report.labels,
        "seconds": round(report.seconds, 3),
        "by_category": {cat: _score_json(s) for cat, s in sorted(report.by_category.items())},
        "by_language": [
            {"category": cat, "language": lang, **_score_json(s)}
            for (cat, lang), s in sorted(report.by_language.items())
        ],
        "misses": [_outcome_json(o) for o in report.misses],
        "false_alarms": [_outcome_json(o) for o in report.false_alarms],
        "unlabeled_findings": dict(sorted(report.unlabeled.items())),
        "unreadable": report.unreadable,
        "notices": report.notices,
        "model": _model_json(report.model),
    }


def _model_json(outcome: ModelOutcome | None) -> dict[str, object] | None:
    """What the model covered, used and rejected (None when no model ran)."""
    if outcome is None:
        return None
    return {
        "status": outcome.status.value,
        "model": outcome.model,
        "coverage": {"complete": not outcome.unreviewed, "reviewed_parts": outcome.reviewed_parts,
                     "unreviewed_parts": len(outcome.unreviewed), "unreviewed": list(outcome.unreviewed)},
        "usage": outcome.usage.as_dict(),
        "rejected_items": len(outcome.rejections),
        "rejections": list(outcome.rejections),
        "findings": len(outcome.findings),
    }


def _model_text(outcome: ModelOutcome) -> list[str]:
    usage = outcome.usage
    cost = f"${usage.cost_usd:.4f}" + (" (includes estimates for timed-out requests)"
                                       if usage.estimated_requests else "")
    coverage = (f"{outcome.reviewed_parts} part(s) reviewed, "
                + ("none left out" if not outcome.unreviewed else
                   f"{len(outcome.unreviewed)} NOT reviewed; the scores above cover the rest only"))
    out = ["", f"model review ({outcome.model}): status {outcome.status.value}, {coverage}",
           f"  usage: {usage.requests} request(s), {usage.input_tokens} input + {usage.cache_write_tokens} "
           f"cache-write + {usage.cache_read_tokens} cache-read + {usage.output_tokens} output tokens",
           f"  cost: {cost}",
           f"  rejected items: {len(outcome.rejections)}; dropped by the verification pass: "
           f"{len(outcome.dropped)} of {outcome.verified} checked"]
    out += [f"    {r}" for r in outcome.rejections]
    if outcome.unreviewed:
        out += ["  unreviewed:"] + [f"    {u}" for u in outcome.unreviewed]
    return out


_HEADER = f"{'':<38} {'flag':>5} {'hit':>5} {'clean':>5} {'FA':>4} {'prec':>6} {'recall':>6} {'F1':>6}"


def _row(name: str, score: Score) -> str:
    return (
        f"{name:<38} {score.flags:>5} {score.hits:>5} {score.cleans:>5} {score.false_alarms:>4} "
        f"{score.precision:>6.3f} {score.recall:>6.3f} {score.f1:>6.3f}"
    )


def _where(outcome: Outcome) -> str:
    line = "-" if outcome.line is None else str(outcome.line)
    found = f" <- {outcome.found}" if outcome.found else ""
    return f"  {outcome.file}:{line} [{outcome.category}/{outcome.language}] {outcome.rule}{found}"


def _as_text(report: EvalReport) -> str:
    out = [f"{report.files} files, {report.labels} labels, reviewed in {report.seconds:.2f}s", "", _HEADER]
    out += [_row(cat, s) for cat, s in sorted(report.by_category.items())]
    out += ["", "by language", _HEADER]
    out += [_row(f"{cat} / {lang}", s) for (cat, lang), s in sorted(report.by_language.items())]
    unlabeled = ", ".join(f"{cat} {n}" for cat, n in sorted(report.unlabeled.items())) or "none"
    out += ["", f"findings on unlabeled lines (not scored): {unlabeled}"]
    out += ["", f"misses ({len(report.misses)}):"] + [_where(o) for o in report.misses]
    out += ["", f"false alarms ({len(report.false_alarms)}):"] + [_where(o) for o in report.false_alarms]
    if report.unreadable:
        out += ["", f"unreadable files ({len(report.unreadable)}):"] + [f"  {u}" for u in report.unreadable]
    if report.model is not None:
        out += _model_text(report.model)
    if report.notices:
        out += ["", "notices:"] + [f"  {n}" for n in report.notices]
    return "\n".join(out) + "\n"
