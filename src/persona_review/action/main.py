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

from persona_review.action.client import http_settings, make_github
from persona_review.action.events import Verdict, decide, load_event, refusal_text
from persona_review.action.existing import read_existing
from persona_review.action.incremental import Scope, full, incremental_scope
from persona_review.action.inputs import ActionInputs, GitHubEnv, Mode, read_github_env, read_inputs
from persona_review.action.markers import SummaryState
from persona_review.action.plan import plan_review
from persona_review.action.publish import Context, Posted, Publisher
from persona_review.action.reader import PullView, pull_view, read_changed_files, read_unlisted_files
from persona_review.action.report import job_summary, outputs
from persona_review.action.settings import load_settings
from persona_review.action.workflow import Workflow
from persona_review.diff import parse_diff
from persona_review.errors import EXIT_FINDINGS, EXIT_OK, EXIT_RUNTIME, PersonaReviewError
from persona_review.pipeline import ReviewInput, run_review
from persona_review.reporters.sarif import render_sarif
from persona_review.result import ModelStatus, ReviewResult

SARIF_NAME = "persona-review.sarif"


def main(env: Mapping[str, str] | None = None, out: TextIO | None = None) -> int:
    env = os.environ if env is None else env
    wf = Workflow(out or sys.stdout, env.get("GITHUB_OUTPUT") or None, env.get("GITHUB_STEP_SUMMARY") or None)
    try:
        inputs = read_inputs(env)
        wf.mask(inputs.github_token)
        wf.mask(inputs.anthropic_api_key)
        return Run(inputs, read_github_env(env), wf, env).execute()
    except PersonaReviewError as exc:
        wf.error(str(exc))
        return exc.exit_code
    except GithubException as exc:
        wf.error(f"GitHub API error {exc.status}: {_message(exc)} (after retries)")
        return EXIT_RUNTIME
    except requests.RequestException as exc:
        wf.error(f"GitHub API unreachable after retries: {exc}")
        return EXIT_RUNTIME


def _message(exc: GithubException) -> str:
    data = exc.data
    if isinstance(data, dict):
        return str(data.get("message") or data)
    return str(data)


class Run:
    def __init__(self, inputs: ActionInputs, genv: GitHubEnv, wf: Workflow, env: Mapping[str, str]) -> None:
        self.inputs = inputs
        self.genv = genv
        self.wf = wf
        self.gh = make_github(inputs.github_token, genv.api_url, http_settings(env))
        self.repo = self.gh.get_repo(genv.repository)
        self.repo_url = f"{genv.server_url}/{genv.repository}"
        run_id = env.get("GITHUB_RUN_ID", "").strip()
        self.run_url = f"{self.repo_url}/actions/runs/{run_id}" if run_id.isdigit() else ""

    def execute(self) -> int:
        payload = load_event(self.genv.event_path)
        decision = decide(self.genv.event_name, payload, self.inputs.pr_number)
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
        if view.draft and not settings.config.review_drafts:
            return self._skip(f"#{view.number} is a draft (review-drafts: true in the config reviews drafts)")
        if view.state != "open":
            return self._skip(f"#{view.number} is {view.state}")

        why_not = self._why_no_writes(decision.from_fork)
        existing = read_existing(pr)
        scope = self._scope(existing.state, view)
        changed = read_changed_files(pr)
        if changed.unlisted:
            changed = read_unlisted_files(self.repo, view, changed)
        diff = parse_diff(changed.diff_text)
        if scope.mode == "up-to-date":
            self.wf.log(f"#{view.number}: {scope.note}; nothing to review")
            url = existing.summary.html_url if existing.summary else ""
            self.wf.set_outputs(outputs(None, review_url=url, sarif=""))
            self.wf.summary(f"### persona-review\n\n#{view.number}: {scope.note}; nothing new to review.")
            return EXIT_OK
        result = run_review(
            ReviewInput(
                diff=diff,
                config=settings.config,
                persona=settings.persona,
                api_key=self.inputs.anthropic_api_key,
                pr_text=f"{view.title}\n\n{view.body}",
                repo_url=self.repo_url,
                extra_skipped=changed.skipped,
                model_lines=scope.model_lines(),
            )
        )

        plan = plan_review(result.findings, existing.known, diff, settings.config.max_comments, scope.fresh)
        publisher = Publisher(self.repo, self.wf, repo_url=self.repo_url, run_url=self.run_url)
        posted = Posted(why_not=why_not)
        if why_not is None:
            posted = publisher.publish(pr, Context(view, existing, scope), result, plan)
        publisher.log(posted, plan)
        if posted.why_not is not None:
            self.wf.warning(f"findings are reported as annotations only: {posted.why_not}")
            self.wf.annotate(result.findings)
        sarif = self._write_sarif(result)
        self.wf.summary(job_summary(result, why=posted.why_not, scope_note=scope.note,
                                    review_url=posted.review_url or None, posted_note=posted.problem,
                                    unsure=posted.unsure))
        self.wf.set_outputs(outputs(result, review_url=posted.review_url or posted.summary_url, sarif=sarif))
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

    def _write_sarif(self, result: ReviewResult) -> str:
        root = Path(self.genv.workspace) if self.genv.workspace else Path.cwd()
        target = root / SARIF_NAME
        target.write_text(render_sarif(result), encoding="utf-8")
        return SARIF_NAME if self.genv.workspace else str(target)

    def _skip(self, reason: str) -> int:
        self.wf.notice(f"persona-review skipped: {reason}")
        self.wf.summary(f"### persona-review\n\nSkipped: {reason}.")
        self.wf.set_outputs(outputs(None, review_url="", sarif=""))
        return EXIT_OK
