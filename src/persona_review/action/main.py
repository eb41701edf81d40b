"""One run of the Action, top to bottom.

event -> pull request (API) -> config and persona from the base commit -> diff from the files API ->
pipeline -> plan against what earlier runs posted -> one COMMENT review + the sticky summary
(or, without write access, annotations) -> job summary, SARIF, outputs, exit code.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

import requests
from github import GithubException

from persona_review.action.answers import readable_answers
from persona_review.action.client import http_settings, make_github
from persona_review.action.contents import HeadContents, safe_log
from persona_review.action.events import Verdict, decide, load_event, refusal_text
from persona_review.action.existing import read_existing
from persona_review.action.failures import github_error_text, unreachable_text
from persona_review.action.filters import PullFacts, effective_filters, why_not_review
from persona_review.action.guidance import base_guidance
from persona_review.action.incremental import Scope, full, incremental_scope
from persona_review.action.inputs import ActionInputs, GitHubEnv, Mode, read_github_env, read_inputs
from persona_review.action.markers import SummaryState
from persona_review.action.plan import plan_review
from persona_review.action.publish import Context, Posted, Publisher, without_no_key
from persona_review.action.reader import PullView, pull_view, read_changed_files, read_unlisted_files
from persona_review.action.report import job_summary, outputs
from persona_review.action.settings import load_settings
from persona_review.action.workflow import Workflow
from persona_review.diff import parse_diff
from persona_review.errors import EXIT_FINDINGS, EXIT_OK, EXIT_RUNTIME, PersonaReviewError
from persona_review.pipeline import NO_KEY_NOTICE, ReviewInput, run_review
from persona_review.reporters.sarif import render_sarif
from persona_review.result import ModelStatus, ReviewResult

SARIF_NAME = "persona-review.sarif"


def main(env: Mapping[str, str] | None = None, out: TextIO | None = None) -> int:
    env = os.environ if env is None else env
    wf = Workflow(out or sys.stdout, env.get("GITHUB_OUTPUT") or None, env.get("GITHUB_STEP_SUMMARY") or None)
    run: Run | None = None
    repository = env.get("GITHUB_REPOSITORY") or "this repository"
    try:
        inputs = read_inputs(env)
        wf.mask(inputs.github_token)
        wf.mask(inputs.anthropic_api_key)
        run = Run(inputs, read_github_env(env), wf, env)
        with readable_answers():
            return run.execute()
    except PersonaReviewError as exc:
        return _failed(wf, env, str(exc), exc.exit_code)
    except GithubException as exc:
        number = run.pr_number if run is not None else None
        return _failed(wf, env, github_error_text(exc, repository, number), EXIT_RUNTIME)
    except requests.RequestException as exc:
        number = run.pr_number if run is not None else None
        api_url = (env.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/")
        return _failed(wf, env, unreachable_text(exc, api_url, repository, number), EXIT_RUNTIME)


def _failed(wf: Workflow, env: Mapping[str, str], message: str, code: int) -> int:
    """An exit before the review finished: the error, the job summary, and every output (with a SARIF
    file that has no results and says the run failed, so an upload step after it has a file to read)."""
    wf.error(message)
    sarif = ""
    try:
        wf.summary(f"### persona-review\n\n**Failed:** {message}")
        sarif = write_sarif(env.get("GITHUB_WORKSPACE") or None, render_sarif(_EMPTY, failure=message))
    except OSError as exc:
        wf.error(f"cannot write the job summary or the SARIF file: {exc}")
    try:
        wf.set_outputs(outputs(None, review_url="", sarif=sarif))
    except OSError as exc:
        wf.error(f"cannot write the step outputs: {exc}")
    return code


_EMPTY = ReviewResult(persona="", mode="checks", files=[], findings=[])


def write_sarif(workspace: str | None, text: str) -> str:
    """Write the SARIF file; returns its path as the `sarif-file` output (relative to the workspace)."""
    root = Path(workspace) if workspace else Path.cwd()
    target = root / SARIF_NAME
    target.write_text(text, encoding="utf-8")
    return SARIF_NAME if workspace else str(target)


class Run:
    def __init__(self, inputs: ActionInputs, genv: GitHubEnv, wf: Workflow, env: Mapping[str, str]) -> None:
        self.inputs = inputs
        self.genv = genv
        self.wf = wf
        self.gh = make_github(inputs.github_token, genv.api_url, http_settings(env))
        self.repo = self.gh.get_repo(genv.repository)
        self.repo_url = f"{genv.server_url}/{genv.repository}"
        self.pr_number: int | None = None
        """The pull request under review, once known (for error messages)."""
        run_id = env.get("GITHUB_RUN_ID", "").strip()
        self.run_url = f"{self.repo_url}/actions/runs/{run_id}" if run_id.isdigit() else ""

    def execute(self) -> int:
        payload = load_event(self.genv.event_path)
        decision = decide(self.genv.event_name, payload, self.inputs.pr_number, self.inputs.review_label)
        self.pr_number = decision.pr_number
        if decision.verdict is Verdict.SKIP or decision.pr_number is None:
            return self._skip(decision.reason)
        if decision.verdict is Verdict.REFUSE:
            self.wf.notice(f"not reviewing: {decision.reason}")
            if not self.inputs.dry_run:
                issue = self.repo.get_issue(decision.pr_number)
                issue.create_comment(refusal_text(decision.commenter or "there"))
            return self._skip(decision.reason)

        pr = self.repo.get_pull(decision.pr_number)
        view = pull_view(pr)
        settings = load_settings(self.repo, self.inputs, view.base_sha, view.head_sha)
        if settings.ignored_head_keys:
            keys = ", ".join(settings.ignored_head_keys)
            self.wf.warning(f"config-from: head: the pull request's config sets {keys}; these settings are "
                            "read from the base branch only, so the head's values were ignored")
            self.wf.summary("> The pull request's config differs from the base branch's in "
                            + ", ".join(f"`{k}`" for k in settings.ignored_head_keys)
                            + "; those settings were taken from the base branch.")
        if view.draft and not settings.config.review_drafts:
            return self._skip(f"#{view.number} is a draft (review-drafts: true in the config reviews drafts)")
        if view.state != "open":
            return self._skip(f"#{view.number} is {view.state}")
        if not decision.explicit:
            facts = PullFacts(author=pr.user.login if pr.user else "", title=view.title, base_ref=pr.base.ref,
                              labels=tuple(label.name for label in pr.labels))
            why = why_not_review(facts, effective_filters(settings.config, self.inputs),
                                 added_label=decision.added_label)
            if why is not None:
                return self._skip(f"#{view.number}: {why}")

        why_not = self._why_no_writes(decision.from_fork)
        existing = read_existing(pr)
        scope = self._scope(existing.state, view)
        changed = read_changed_files(pr)
        if changed.unlisted:
            changed = read_unlisted_files(self.repo, view, changed)
        if not changed.paths and not changed.skipped:
            return self._skip(f"#{view.number} changes no files (its commits add up to no difference "
                              "from the base branch)")
        diff = parse_diff(changed.diff_text)
        log = safe_log(self.wf.log)
        if scope.mode == "up-to-date":
            self.wf.log(f"#{view.number}: {scope.note}; nothing to review")
            url = existing.summary.html_url if existing.summary else ""
            self.wf.set_outputs(outputs(None, review_url=url, sarif=""))
            self.wf.summary(f"### persona-review\n\n#{view.number}: {scope.note}; nothing new to review. "
                            "No SARIF file was written: an empty one would close the alerts that the "
                            "upload for this commit already holds.")
            return EXIT_OK
        guidance = None
        if self.inputs.anthropic_api_key or settings.config.provider != "anthropic":
            at_base = HeadContents(self.gh, self.genv.repository, view.base_sha, {}, None,
                                   lambda line: log(f"repository instructions: {line}"))
            guidance = base_guidance(self.repo, at_base, view.base_sha, changed.paths, settings.config)
        result = run_review(
            ReviewInput(
                diff=diff,
                config=settings.config,
                persona=settings.persona,
                api_key=self.inputs.anthropic_api_key,
                pr_text=f"{view.title}\n\n{view.body}",
                repo_url=self.repo_url,
                trust_environment=False,
                extra_skipped=changed.skipped,
                model_lines=scope.model_lines(),
                repo_guidance=guidance,
                earlier_paths=scope.renamed,
                contents=HeadContents(self.gh, self.genv.repository, view.head_sha, changed.blob_ids,
                                      Path(self.genv.workspace) if self.genv.workspace else None, log),
                repo_files=HeadContents(self.gh, self.genv.repository, view.head_sha, changed.blob_ids,
                                        Path(self.genv.workspace) if self.genv.workspace else None),
                log=log,
            )
        )
        if NO_KEY_NOTICE in result.notices:
            self.wf.notice(NO_KEY_NOTICE)

        plan = plan_review(result.findings, existing.known, diff, settings.config.max_comments, scope.fresh)
        publisher = Publisher(self.repo, self.wf, repo_url=self.repo_url, run_url=self.run_url)
        posted = Posted(why_not=why_not)
        if why_not is None:
            posted = publisher.publish(pr, Context(view, existing, scope), result, plan)
        publisher.log(posted, plan)
        if posted.why_not is not None:
            self.wf.warning(f"findings are reported as annotations only: {posted.why_not}")
            self.wf.annotate(result.findings, rest="the job summary and the SARIF file (output sarif-file)")
        sarif = write_sarif(self.genv.workspace, render_sarif(result))
        self.wf.summary(job_summary(without_no_key(result), why=posted.why_not, scope_note=scope.note,
                                    review_url=posted.review_url or None, posted_note=posted.problem,
                                    unsure=posted.unsure))
        self.wf.set_outputs(outputs(result, review_url=posted.review_url or posted.summary_url, sarif=sarif))
        if posted.refused is not None:
            self.wf.error(github_error_text(posted.refused, self.genv.repository, view.number))
            return EXIT_RUNTIME
        if settings.config.fail_on_model_error and result.model.status is ModelStatus.PARTIAL:
            self.wf.error("the model review was partial (fail-on-model-error)")
            return EXIT_RUNTIME
        fail_on = settings.config.fail_on
        if fail_on is not None and any(f.severity.at_least(fail_on) for f in result.findings):
            self.wf.error(f"findings at or above '{fail_on.value}' (fail-on)")
            return EXIT_FINDINGS
        return EXIT_OK

    def _why_no_writes(self, from_fork: bool) -> str | None:
        if self.inputs.dry_run:
            return "dry-run is set"
        if not self.inputs.github_token:
            return "no github-token was given"
        if from_fork:
            return ("the pull request comes from a fork, so on `pull_request` the token is read-only and "
                    "secrets are withheld (see the fork-safe `pull_request_target` setup in the README)")
        return None

    def _scope(self, state: SummaryState, view: PullView) -> Scope:
        mode = self.inputs.mode
        if mode is Mode.FULL:
            return full("full review (mode: full)")
        if state.head is None:
            return full("first review of this pull request")
        return incremental_scope(self.repo, state.head, view.head_sha)

    def _skip(self, reason: str) -> int:
        self.wf.notice(f"persona-review skipped: {reason}")
        self.wf.summary(f"### persona-review\n\nSkipped: {reason}. No SARIF file was written: an empty one "
                        "would close the alerts an earlier upload for this commit holds.")
        self.wf.set_outputs(outputs(None, review_url="", sarif=""))
        return EXIT_OK
