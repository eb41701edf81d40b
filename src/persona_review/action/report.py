"""The texts a run writes: the review body, the sticky summary, the job summary, and the outputs."""

from __future__ import annotations

from collections.abc import Sequence

from persona_review.action.markers import SummaryState
from persona_review.action.plan import ReviewPlan, comment_body
from persona_review.findings import Finding, Severity
from persona_review.reporters.markdown import code_span, location, render_summary
from persona_review.reporters.stats import severity_counts
from persona_review.result import ReviewResult
from persona_review.sanitize import sanitize_markdown


def review_body(plan: ReviewPlan, rejected: Sequence[Finding], repo_url: str) -> str:
    """The review's body: empty when every finding is an inline comment (a header alone, repeated on
    every push, says nothing the comments do not); else a header and the findings that are not inline."""
    in_body = [g for f in rejected for g in plan.with_spot(f)] + plan.body
    if not in_body:
        return ""
    inline = len(plan.new) - len(in_body)
    parts = [f"**persona-review**: {len(plan.new)} new finding{'s' if len(plan.new) != 1 else ''}, "
             f"{inline} in inline comments.",
             "", "Findings that are not on a line GitHub can comment on, or past the inline limit:"]
    for f in in_body:
        parts += ["", "---", "", code_span(location(f)), "", comment_body(f, repo_url, suggestion=False)]
    return "\n".join(parts)


def summary_body(
    result: ReviewResult,
    state: SummaryState,
    *,
    inline_fps: set[str],
    scope_note: str,
    plan: ReviewPlan,
    review_url: str | None,
) -> str:
    """The sticky summary. The state marker comes first so a size cut can never remove it."""
    listed = [f for f in result.findings if f.fingerprint not in inline_fps]
    inline = len(plan.inline) + len(plan.sharing)
    this_run = (f"This run ({scope_note}): {inline} new inline, {len(plan.body)} new in the review body, "
                f"{len(plan.known)} reported earlier and not repeated.")
    if review_url:
        this_run += f" [Review]({review_url})."
    parts = [state.marker(), render_summary(result, listed=listed), "", this_run]
    return "\n".join(parts)


def job_summary(result: ReviewResult, *, why: str | None, scope_note: str, review_url: str | None) -> str:
    parts = [render_summary(result, listed=[]), "", f"Scope: {scope_note}."]
    if result.findings:
        parts += ["", "#### Findings", ""]
        parts += [f"- **{f.severity.value}** {code_span(location(f))} {f.category.value} {f.checklist_item}: "
                  f"{sanitize_markdown(f.title, max_chars=300)}" for f in result.findings]
    if review_url:
        parts.append(f"Review posted: {review_url}")
    if why:
        parts += ["", f"> **Nothing was posted on the pull request:** {why}. The findings are in this "
                  "summary, the workflow annotations and the SARIF file."]
    return "\n".join(parts)


def outputs(result: ReviewResult | None, *, review_url: str, sarif: str) -> dict[str, str]:
    counts = severity_counts(result) if result is not None else {s.value: 0 for s in Severity}
    out = {
        "findings-count": str(len(result.findings) if result is not None else 0),
        **{f"{sev}-count": str(n) for sev, n in counts.items()},
        "review-url": review_url,
        "sarif-file": sarif,
        "model-status": result.model.status.value if result is not None else "skipped",
    }
    return out
