"""The review pipeline, top to bottom:

diff -> files the persona reviews -> findings (checks, then the model) -> placed, merged, suppressed,
thresholded, fingerprinted findings -> ReviewResult for the reporters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from persona_review.checklists import load_checklists
from persona_review.checks.runner import run_checks
from persona_review.config import Config
from persona_review.contexts import build_context
from persona_review.diff import Diff
from persona_review.findings import SOURCE_MODEL, Finding, Placement, assign_fingerprints, sort_key
from persona_review.persona import Persona
from persona_review.placement import merge, place
from persona_review.result import FileDecision, ModelOutcome, ModelStatus, ReviewResult
from persona_review.suppressions import Suppressor
from persona_review.triggers import select_files

if TYPE_CHECKING:
    from persona_review.model.repo_instructions import RepoGuidance

NO_KEY_NOTICE = (
    "no ANTHROPIC_API_KEY set: running the deterministic checks only (set one for the persona review)"
)
OFFLINE_NOTICE = "offline: running the deterministic checks only"


@dataclass(frozen=True, slots=True)
class ReviewInput:
    diff: Diff
    config: Config
    persona: Persona
    workspace: Path | None = None
    """A checkout of the PR head (or the working tree); files there give checks whole-file context."""
    api_key: str | None = None
    offline: bool = False
    pr_text: str | None = None
    """PR title and body, untrusted, for the model."""
    extra_skipped: Sequence[FileDecision] = ()
    """Files the caller could not put in the diff (e.g. GitHub sent no patch), with the reason."""
    repo_url: str | None = None
    """https://github.com/OWNER/REPO: links into it survive sanitizing of model text; others do not."""
    repo_guidance: RepoGuidance | None = None
    """Repository instructions and checklist items read from the base branch, for the model review
    (`model.repo_instructions`); the config's `path-instructions` are used when this is None."""


def run_review(inp: ReviewInput) -> ReviewResult:
    config = inp.config
    selection = select_files(inp.diff, inp.persona, config)
    contexts = {f.path: build_context(f, inp.workspace) for f in selection.reviewed}

    checks = run_checks(list(contexts.values()), config.categories)
    notices = list(checks.notices)
    by_path = {f.path: f for f in selection.reviewed}
    found = [place(f, by_path) for f in checks.findings]

    model = ModelOutcome()
    mode = "checks"
    if inp.offline:
        notices.append(OFFLINE_NOTICE)
    elif not inp.api_key and config.provider == "anthropic":
        notices.append(NO_KEY_NOTICE)
    elif selection.reviewed:
        from persona_review.model.repo_instructions import load_guidance, merge_checklists
        from persona_review.model.stage import ModelReviewRequest, run_model_review

        guidance = inp.repo_guidance or load_guidance(
            lambda _: None, lambda _: [], (), config.path_instructions, config.categories)
        notices.extend(guidance.notices)
        model = run_model_review(
            ModelReviewRequest(
                files=selection.reviewed,
                contexts=contexts,
                persona=inp.persona,
                checklists=merge_checklists(load_checklists(config.categories), guidance.checklists),
                repo_instructions=guidance.instructions,
                config=config,
                evidence=found,
                api_key=inp.api_key,
                pr_text=inp.pr_text,
                repo_url=inp.repo_url,
            )
        )
        mode = "checks+model"
        notices.extend(model.notices)
        found.extend(place(f, by_path) if f.placement is Placement.UNPLACED else f for f in model.findings)
    else:
        model.status = ModelStatus.SKIPPED

    # Each finding is fingerprinted, suppressed and thresholded on its own, then the reported ones are
    # merged into one comment per line and category: a neighbour never lifts a finding over a threshold.
    suppressor = Suppressor(config.ignore, {p: c.lines for p, c in contexts.items()})
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    below: list[Finding] = []
    for finding in assign_fingerprints(f for f in found if f.category in config.categories):
        if suppressor.reason(finding) is not None:
            suppressed.append(finding)
        elif not _meets_threshold(finding, config):
            below.append(finding)
        else:
            kept.append(finding)
    reported = merge(kept)

    return ReviewResult(
        persona=inp.persona.name,
        mode=mode,
        files=[*selection.decisions, *inp.extra_skipped],
        findings=sorted(reported, key=sort_key),
        suppressed=sorted(suppressed, key=sort_key),
        below_threshold=sorted(below, key=sort_key),
        notices=notices,
        model=model,
    )


def _meets_threshold(finding: Finding, config: Config) -> bool:
    if not finding.severity.at_least(config.min_severity):
        return False
    return not (finding.source == SOURCE_MODEL and finding.confidence < config.min_confidence)
