"""The texts a run writes: the review body, the sticky summary, the job summary, and the outputs."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TypeVar

from persona_review.action.markers import SummaryState
from persona_review.action.plan import ReviewPlan, comment_body
from persona_review.findings import Finding, Severity
from persona_review.reporters.markdown import code_span, location, render_summary
from persona_review.reporters.stats import severity_counts
from persona_review.result import FileDecision, ReviewResult
from persona_review.sanitize import sanitize_markdown

T = TypeVar("T")
REVIEW_BUDGET = 60_000
"""Characters of a review body (GitHub refuses more than 65,536)."""
SUMMARY_VISIBLE_BUDGET = 40_000
"""Characters of the summary comment's visible part; the rest of its 65,536 holds hidden state."""
SUMMARY_LIMIT = 65_000
JOB_SUMMARY_BUDGET = 1_000_000
"""Bytes of the job summary (GitHub refuses a step summary over 1 MiB)."""


def review_body(plan: ReviewPlan, rejected: Sequence[Finding], repo_url: str, *, token: str = "",
                elsewhere: str = "the summary comment lists them") -> str:
    """The review's body. When every finding is an inline comment it is only the run's hidden token (a
    header alone, repeated on every push, says nothing the comments do not); else a header, then every
    new finding that is not inline, as many as fit, and where the ones that do not fit are."""
    in_body = [g for f in rejected for g in plan.with_spot(f)] + plan.body
    if not in_body:
        return token
    inline = len(plan.new) - len(in_body)
    parts = [f"**persona-review**: {len(plan.new)} new finding{'s' if len(plan.new) != 1 else ''}, "
             f"{inline} in inline comments."]
    if token:
        parts.append(token)
    parts += ["", "Findings that are not on a line GitHub can comment on, or past the inline limit:"]
    size = sum(len(p) + 1 for p in parts)
    shown = 0
    for f in in_body:
        body = comment_body(f, repo_url, suggestion=False)
        card = "\n".join(["", "---", "", code_span(location(f)), "", body])
        if size + len(card) + 400 > REVIEW_BUDGET:
            break
        parts.append(card)
        size += len(card) + 1
        shown += 1
    if shown < len(in_body):
        rest = len(in_body) - shown
        parts += ["", f"**{rest} more new finding{'s' if rest != 1 else ''} did not fit in this review** "
                  f"(GitHub's size limit): {elsewhere}."]
    return "\n".join(parts)


def fit_listing(render: Callable[[list[T]], str], listed: list[T], budget: int) -> tuple[str, int]:
    """`render(listed[:n])` for the largest n (every finding, if they fit) whose text fits in `budget`."""
    text = render(listed)
    if len(text) <= budget:
        return text, len(listed)
    bare = len(render([]))
    per_item = (len(text) - bare) / len(listed)
    count = min(len(listed) - 1, max(0, int((budget - bare) / per_item)))
    text = render(listed[:count])
    while count > 0 and len(text) > budget:
        count = int(count * 0.95)
        text = render(listed[:count])
    return text, count


def _fewer_skipped_files(result: ReviewResult, budget: int) -> tuple[ReviewResult, int]:
    """The result with as many skipped files as keep its bare summary within `budget`, and how many less."""
    skipped = result.skipped_files
    if len(render_summary(result, listed=[])) <= budget:
        return result, 0
    reviewed = result.reviewed_files

    def render(kept: list[FileDecision]) -> str:
        return render_summary(dataclasses.replace(result, files=[*reviewed, *kept]), listed=[])

    _, count = fit_listing(render, skipped, budget)
    return dataclasses.replace(result, files=[*reviewed, *skipped[:count]]), len(skipped) - count


def summary_body(
    result: ReviewResult,
    state: SummaryState,
    *,
    inline_fps: set[str],
    scope_note: str,
    plan: ReviewPlan,
    review_url: str | None,
    run_url: str | None = None,
    blob: str = "",
) -> str:
    """The sticky summary: the state marker first, then what fits of the listing, then hidden fingerprints.

    The listing never claims more than it shows: when findings do not fit, it says how many are left out
    and where every one of them is (the job summary of the run, and its SARIF file)."""
    listed = [f for f in result.findings if f.fingerprint not in inline_fps]
    inline = len(plan.inline) + len(plan.sharing)
    this_run = (f"This run ({scope_note}): {inline} new inline, {len(plan.body)} new in the review body, "
                f"{len(plan.known)} reported earlier and not repeated.")
    if review_url:
        this_run += f" [Review]({review_url})."
    result, files_left_out = _fewer_skipped_files(result, SUMMARY_VISIBLE_BUDGET // 2)
    text, shown = fit_listing(lambda items: render_summary(result, listed=items), listed,
                              SUMMARY_VISIBLE_BUDGET)
    parts = [state.marker(), text]
    if files_left_out:
        parts += ["", f"{files_left_out} more files not reviewed are not in the table above (GitHub's size "
                  "limit for a comment); the job summary of this run lists them."]
    if shown < len(listed):
        where = f"the [job summary of this run]({run_url})" if run_url else "the job summary of this run"
        parts += ["", f"**{len(listed) - shown} more findings not shown here** (GitHub's size limit for a "
                  f"comment): {where} lists every finding, and the SARIF file (output `sarif-file`) has them "
                  "all."]
    parts += ["", this_run]
    if blob:
        parts += ["", blob]
    return "\n".join(parts)


def job_summary(result: ReviewResult, *, why: str | None, scope_note: str, review_url: str | None,
                posted_note: str | None = None, unsure: bool = False) -> str:
    """The run's job summary: every finding, in full lines or, on a huge pull request, in short ones."""
    parts = [render_summary(result, listed=[]), "", f"Scope: {scope_note}."]
    if review_url:
        parts.append(f"Review posted: {review_url}")
    if posted_note:
        parts += ["", f"> {posted_note}"]
    if why:
        lead = ("The review may not be on the pull request" if unsure
                else "Nothing was posted on the pull request")
        parts += ["", f"> **{lead}:** {why}. The findings are in this summary, the workflow annotations and "
                  "the SARIF file."]
    if result.findings:
        head = "\n".join(parts)
        room = JOB_SUMMARY_BUDGET - len(head.encode())
        parts += ["", "#### Findings", "", finding_lines(result.findings, room)]
    return "\n".join(parts)


def finding_lines(findings: Sequence[Finding], budget: int) -> str:
    """One line per finding; if they would pass `budget` bytes, one short line per file; then a cut."""
    full = "\n".join(f"- **{f.severity.value}** {code_span(location(f))} {f.category.value} "
                     f"{f.checklist_item}: {sanitize_markdown(f.title, max_chars=300)}" for f in findings)
    if len(full.encode()) <= budget:
        return full
    by_file: dict[str, list[str]] = {}
    for f in findings:
        by_file.setdefault(f.path, []).append(f"{f.line or 'file'} {f.checklist_item} {f.severity.value}")
    short = [f"- {code_span(path)}: " + "; ".join(items) for path, items in by_file.items()]
    note = ("(Short form, one line per file — line, checklist item, severity — to fit GitHub's 1 MiB limit "
            "for a job summary.)")
    text = "\n".join([note, *short])
    if len(text.encode()) <= budget:
        return text
    kept: list[str] = [note]
    size = len(note.encode()) + 300
    for line in short:
        size += len(line.encode()) + 1
        if size > budget:
            break
        kept.append(line)
    left = len(short) - (len(kept) - 1)
    kept.append(f"\n**{left} more files with findings are not listed here** (1 MiB limit); the SARIF file "
                "(output `sarif-file`) has every finding.")
    return "\n".join(kept)


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
