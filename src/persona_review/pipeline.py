"""The review pipeline, top to bottom:

diff -> files the persona reviews -> findings (checks, then the model) -> placed, merged, suppressed,
thresholded, fingerprinted findings -> ReviewResult for the reporters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from persona_review.checklists import load_checklists
from persona_review.checks._migration_paths import migration_kind
from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.config import Config
from persona_review.contexts import FileSource, WorkspaceFiles, build_contexts
from persona_review.database_detect import detect_database
from persona_review.diff import Diff, DiffFile
from persona_review.express_version import WATCHED, declared_minimums, express_major
from persona_review.findings import (
    SOURCE_MODEL,
    Finding,
    Placement,
    assign_fingerprints,
    sort_key,
    with_earlier_fingerprints,
)
from persona_review.nothing_reviewed import nothing_reviewed
from persona_review.persona import Persona
from persona_review.placement import group_nearby, merge, place
from persona_review.result import FileDecision, ModelOutcome, ModelStatus, ReviewResult
from persona_review.scopes import enclosing_scope
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
    contents: FileSource | None = None
    """Where the head text of reviewed files comes from, when not `workspace` (the Action: its checkout or
    the API). Checks and the model see whole files through it."""
    log: Callable[[str], None] | None = None
    """Where to say that a file is reviewed from its hunks only (too long for whole-file context)."""
    api_key: str | None = None
    offline: bool = False
    pr_text: str | None = None
    """PR title and body, untrusted, for the model."""
    extra_skipped: Sequence[FileDecision] = ()
    """Files the caller could not put in the diff (e.g. GitHub sent no patch), with the reason."""
    repo_url: str | None = None
    """https://github.com/OWNER/REPO: links into it survive sanitizing of model text; others do not."""
    trust_environment: bool = True
    """Whether the model client may take its endpoint or proxy from environment variables: yes for the
    CLI, no for the Action, where every destination comes from the base branch's config."""
    model_lines: Mapping[str, set[int]] | None = None
    """When set, the model reviews only these files and keeps its findings on these new-file lines (an empty
    set: the whole file); the checks still review everything. Used for the hunks a push touched."""
    repo_files: FileSource | None = None
    """Where other files of the head come from (the database a migration runs on is read from them); when
    None, the source of whole files."""
    repo_guidance: RepoGuidance | None = None
    earlier_paths: Mapping[str, str] = field(default_factory=dict)
    """Files renamed since the last review: path now -> path then (their findings' earlier fingerprints)."""
    """Repository instructions and checklist items read from the base branch, for the model review
    (`model.repo_instructions`); the config's `path-instructions` are used when this is None."""


def run_review(inp: ReviewInput) -> ReviewResult:
    config = inp.config
    source = inp.contents or (WorkspaceFiles(inp.workspace) if inp.workspace is not None else None)
    files = inp.repo_files or source
    repo = _ReadOnce(files) if files is not None else None
    selection = select_files(inp.diff, inp.persona, config, repo.read if repo is not None else None)
    contexts = build_contexts(selection.reviewed, source, config.max_file_lines, inp.log)

    database = _database(config, list(contexts.values()), repo, inp.log)
    express, js_minimums = _javascript_packages(list(contexts.values()), repo)
    checks = run_checks(list(contexts.values()), config.categories, database=database, express_major=express,
                        enabled=config.enable_checks, js_minimums=js_minimums,
                        active_jobs=_active_jobs(list(contexts.values()), repo))
    notices = list(checks.notices)
    by_path = {f.path: f for f in selection.reviewed}
    found = [place(f, by_path) for f in checks.findings]

    model = ModelOutcome()
    mode = "checks"
    if inp.offline:
        notices.append(OFFLINE_NOTICE)
    elif not inp.api_key and config.provider == "anthropic":
        notices.append(NO_KEY_NOTICE)
    elif _model_files(selection.reviewed, inp.model_lines):
        from persona_review.model.repo_instructions import load_guidance, merge_checklists
        from persona_review.model.stage import ModelReviewRequest, run_model_review

        guidance = inp.repo_guidance or load_guidance(
            lambda _: None, lambda _: [], (), config.path_instructions, config.categories)
        notices.extend(guidance.notices)
        model = run_model_review(
            ModelReviewRequest(
                files=_model_files(selection.reviewed, inp.model_lines),
                contexts=contexts,
                persona=inp.persona,
                checklists=merge_checklists(load_checklists(config.categories), guidance.checklists),
                repo_instructions=guidance.instructions,
                config=config,
                evidence=found,
                api_key=inp.api_key,
                pr_text=inp.pr_text,
                repo_url=inp.repo_url,
                trust_environment=inp.trust_environment,
            )
        )
        mode = "checks+model"
        notices.extend(model.notices)
        found.extend(place(f, by_path) if f.placement is Placement.UNPLACED else f
                     for f in model.findings if _in_model_scope(f, inp.model_lines))
    else:
        model.status = ModelStatus.SKIPPED

    # Each finding is fingerprinted, suppressed and thresholded on its own, then the reported ones are
    # merged into one comment per line and category: a neighbour never lifts a finding over a threshold.
    suppressor = Suppressor(config.ignore, {p: c.lines for p, c in contexts.items()})
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    reasons: dict[str, str] = {}
    below: list[Finding] = []
    scope_of = _scope_reader(contexts, by_path)
    fingerprinted = assign_fingerprints((f for f in found if f.category in config.categories), scope_of)
    for finding in with_earlier_fingerprints(fingerprinted, inp.earlier_paths, scope_of):
        reason = suppressor.reason(finding)
        if reason is not None:
            suppressed.append(finding)
            reasons[finding.fingerprint] = reason
        elif not _meets_threshold(finding, config):
            below.append(finding)
        else:
            kept.append(finding)
    reported = merge(kept)

    # One card per problem: the same check on touching lines is one finding (placed again: its range grew).
    grouped = group_nearby(reported, {p: c.lines for p, c in contexts.items()})
    unchanged = set(reported)
    reported = [f if f in unchanged else place(f, by_path) for f in grouped]

    return ReviewResult(
        persona=inp.persona.name,
        mode=mode,
        files=[*selection.decisions, *inp.extra_skipped],
        findings=sorted(reported, key=sort_key),
        suppressed=sorted(suppressed, key=sort_key),
        suppression_reasons=reasons,
        below_threshold=sorted(below, key=sort_key),
        notices=notices,
        model=model,
        unused_suppressions=suppressor.unused({p: c.added for p, c in contexts.items()}, config.source),
        nothing_reviewed=nothing_reviewed([*selection.decisions, *inp.extra_skipped], config.max_file_lines),
    )


def _database(
    config: Config,
    contexts: Sequence[FileContext],
    source: FileSource | None,
    log: Callable[[str], None] | None,
) -> str | None:
    """The engine the change's migrations run on: the config's `database`, else what the repository's files
    name (read only when the change has a migration, through the same source as whole files)."""
    if config.database is not None or source is None:
        return config.database
    if not any(migration_kind(ctx) is not None for ctx in contexts):
        return None
    found = detect_database(source.read, [ctx.path for ctx in contexts])
    if log is not None:
        log(f"database: {found.engine} (from {found.source})" if found else
            "database: not named by the repository's files; set `database` in the config for advice that "
            "fits it")
    return found.engine if found else None


def _javascript_packages(
    contexts: Sequence[FileContext], source: FileSource | None
) -> tuple[int | None, dict[str, tuple[int, ...]]]:
    """The Express major version of the change's JavaScript/TypeScript files that use Express, and the
    lowest versions their packages allow of the libraries checks watch (`express_version.WATCHED`) for the
    files that name one (read only when there are some, through the same source as whole files)."""
    if source is None:
        return None, {}
    scripts = [ctx for ctx in contexts if ctx.language in ("javascript", "typescript")]
    users = [ctx.path for ctx in scripts if "express" in ctx.known_text()]
    watching = [ctx.path for ctx in scripts if ctx.mentions(WATCHED)]
    major = express_major(source.read, users) if users else None
    return major, declared_minimums(source.read, watching, WATCHED) if watching else {}


def _active_jobs(contexts: Sequence[FileContext], source: FileSource | None) -> str | None:
    """When the application's Active Job enqueues reach the queue (`ruby_jobs.active_job_timing`), read
    only for a change whose Ruby files queue Active Job jobs."""
    if source is None or not any(ctx.language == "ruby" and ctx.mentions(("perform_later", "deliver_later"))
                                 for ctx in contexts):
        return None
    from persona_review.ruby_jobs import active_job_timing  # only a change with Ruby jobs pays for it

    return active_job_timing(source.read)


class _ReadOnce:
    """A file source that reads each path at most once per review: selection, the database detector and
    the package facts all read `package.json` files, and in the Action each read may be an API call."""

    def __init__(self, inner: FileSource) -> None:
        self._inner = inner
        self._known: dict[str, str | None] = {}

    def read(self, paths: Sequence[str]) -> dict[str, str]:
        wanted = [path for path in dict.fromkeys(paths) if path not in self._known]
        if wanted:
            found = self._inner.read(wanted)
            for path in wanted:
                self._known[path] = found.get(path)
        return {path: text for path in paths if (text := self._known.get(path)) is not None}


def _model_files(files: list[DiffFile], scope: Mapping[str, set[int]] | None) -> list[DiffFile]:
    return files if scope is None else [f for f in files if f.path in scope]


def _in_model_scope(finding: Finding, scope: Mapping[str, set[int]] | None) -> bool:
    if scope is None:
        return True
    lines = scope.get(finding.path)
    if lines is None:
        return False
    if not lines or finding.line is None:
        return True
    last = finding.last_line or finding.line
    return any(n in lines for n in range(finding.line, last + 1))


def _scope_reader(
    contexts: Mapping[str, FileContext], files: Mapping[str, DiffFile]
) -> Callable[[Finding], str]:
    """The enclosing function or class of a finding, from the lines its file's context holds."""

    def scope_of(finding: Finding) -> str:
        context = contexts.get(finding.path)
        if context is None or finding.line is None:
            return ""
        section = ""
        diff_file = files.get(finding.path)
        if not context.whole_file and diff_file is not None:
            hunk = diff_file.hunk_for(finding.line)
            section = hunk.section if hunk is not None else ""
        return enclosing_scope(context.lines, finding.line, section)

    return scope_of


def _meets_threshold(finding: Finding, config: Config) -> bool:
    if not finding.severity.at_least(config.min_severity):
        return False
    return not (finding.source == SOURCE_MODEL and finding.confidence < config.min_confidence)
