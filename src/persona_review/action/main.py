"""One run of the Action, top to bottom.

event -> pull request (API) -> config and persona from the base commit -> diff from the files API ->
pipeline -> plan against what earlier runs posted -> one COMMENT review + the sticky summary
(or, without write access, annotations) -> job summary, SARIF, outputs, exit code.
"""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import requests
from github import GithubException
from github.PullRequest import PullRequest

from persona_review.action.client import http_settings, make_github
from persona_review.action.events import Verdict, decide, load_event, refusal_text
from persona_review.action.existing import Existing, read_existing
from persona_review.action.incremental import Scope, full, incremental_scope
from persona_review.action.inputs import ActionInputs, GitHubEnv, Mode, read_github_env, read_inputs
from persona_review.action.markers import SummaryState, fingerprints_in, split_blobs, state_part
from persona_review.action.plan import ReviewPlan, plan_review, review_comment
from persona_review.action.poster import find_review, post_review, upsert_summary, write_state_parts
from persona_review.action.reader import PullView, pull_view, read_changed_files, read_unlisted_files
from persona_review.action.report import SUMMARY_LIMIT, job_summary, outputs, review_body, summary_body
from persona_review.action.settings import load_settings
from persona_review.action.workflow import Workflow
from persona_review.diff import parse_diff
from persona_review.errors import EXIT_FINDINGS, EXIT_OK, EXIT_RUNTIME, PersonaReviewError
from persona_review.pipeline import ReviewInput, run_review
from persona_review.reporters.sarif import render_sarif
from persona_review.result import ModelStatus, ReviewResult

SARIF_NAME = "persona-review.sarif"
STATE_CHUNK = 60_000
"""Characters of hidden state per extra comment, when the summary cannot hold it all."""


@dataclass(frozen=True, slots=True)
class Context:
    view: PullView
    existing: Existing
    scope: Scope


@dataclass(slots=True)
class Posted:
    review_url: str = ""
    summary_url: str = ""
    why_not: str | None = None
    """Why nothing was posted (fork, read-only token, dry run, a failed review POST), or None when it was."""
    problem: str | None = None
    """What went wrong after the review was posted (the summary could not be written)."""
    inline: set[str] = field(default_factory=set)
    """Fingerprints posted as inline comments by this run."""
    unsure: bool = False
    """The review POST failed ambiguously and could not be read back: it may be on the pull request."""


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
        posted = Posted(why_not=why_not)
        if why_not is None:
            posted = self._post(pr, Context(view, existing, scope), result, plan)
        self._log_posted(posted, plan)
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

    def _post(self, pr: PullRequest, ctx: Context, result: ReviewResult, plan: ReviewPlan) -> Posted:
        view, existing, scope = ctx.view, ctx.existing, ctx.scope
        posted = Posted()
        inline_fps = set(existing.inline)
        try:
            if plan.new:
                if not self._post_review(pr, view, plan, posted):
                    return posted
                inline_fps |= posted.inline
            known = existing.known
            fps = known.prefixes | known.identities | {f.fingerprint for f in result.findings}
            state = SummaryState(head=view.head_sha)
            visible = self._summary(result, state, inline_fps, note=scope.note, plan=plan,
                                    review_url=posted.review_url, blob="")
            first, rest = split_blobs(fps, SUMMARY_LIMIT - len(visible) - 4, STATE_CHUNK)
            body = self._summary(result, state, inline_fps, note=scope.note, plan=plan,
                                 review_url=posted.review_url, blob=first)
            posted.summary_url, _ = upsert_summary(pr, existing.summary, body)
            if rest:
                write_state_parts(pr, existing.parts, [state_part(i, blob) for i, blob in enumerate(rest)])
        except GithubException as exc:
            if exc.status < 500 and exc.status not in (401, 403, 404):
                raise
            self._post_failed(posted, f"{exc.status}: {_message(exc)}", exc.status)
        except requests.RequestException as exc:
            self._post_failed(posted, f"no answer: {type(exc).__name__}", None)
        return posted

    def _post_review(self, pr: PullRequest, view: PullView, plan: ReviewPlan, posted: Posted) -> bool:
        """Post the review. After an ambiguous failure (5xx, no answer) the reviews are read back: the run's
        token in a stored body settles it. Returns whether the review is on the pull request."""
        token = f"<!-- persona-review:run={view.head_sha[:12]}-{secrets.token_hex(6)} -->"
        comments = [review_comment(f, self.repo_url) for f in plan.inline]
        job = f"[job summary of this run]({self.run_url})" if self.run_url else "job summary of this run"
        where = f"every finding is in the {job} and its SARIF file; the summary comment lists as many as fit"
        try:
            outcome = post_review(
                pr,
                self.repo.get_commit(view.head_sha),
                comments,
                lambda rejected: review_body(plan, [plan.inline[i] for i in rejected], self.repo_url,
                                             token=token, elsewhere=where),
            )
        except (GithubException, requests.RequestException) as exc:
            if isinstance(exc, GithubException) and exc.status < 500:
                raise
            what = (f"{exc.status}: {_message(exc)}" if isinstance(exc, GithubException)
                    else f"no answer: {type(exc).__name__}")
            try:
                stored = find_review(pr, token)
            except (GithubException, requests.RequestException):
                posted.unsure = True
                posted.why_not = (f"GitHub did not confirm the review ({what}) and the reviews could not be "
                                  "read back, so it may or may not be on the pull request; it was not "
                                  "retried. Re-run the job: a rerun reads what is on the pull request and "
                                  "posts only what is missing")
                return False
            if stored is None:
                posted.why_not = (f"GitHub did not confirm the review ({what}) and it was not found when "
                                  "read back; it was not retried, since a late write could duplicate it. "
                                  "Re-run the job: a rerun reads what is on the pull request and posts only "
                                  "what is missing")
                return False
            self.wf.log(f"the review POST failed ({what}); reading back found it stored: {stored.html_url}")
            posted.review_url = str(stored.html_url)
            on_pr = {fp for c in pr.get_review_comments() for fp in fingerprints_in(c.body)}
            posted.inline = {f.fingerprint for f in plan.inline if f.fingerprint in on_pr}
            return True
        if outcome.review is not None:
            posted.review_url = str(outcome.review.html_url)
        rejected = set(outcome.rejected)
        posted.inline = {f.fingerprint for i, f in enumerate(plan.inline) if i not in rejected}
        if outcome.rejected:
            self.wf.warning(f"GitHub refused {len(outcome.rejected)} inline comment(s); "
                            "they are in the review body instead")
        return True

    def _summary(self, result: ReviewResult, state: SummaryState, inline_fps: set[str], *, note: str,
                 plan: ReviewPlan, review_url: str, blob: str) -> str:
        return summary_body(result, state, inline_fps=inline_fps, scope_note=note, plan=plan,
                            review_url=review_url or None, run_url=self.run_url or None, blob=blob)

    def _post_failed(self, posted: Posted, what: str, status: int | None) -> None:
        if status in (401, 403, 404):
            advice = "give the workflow `permissions: pull-requests: write`"
        else:
            advice = ("it was not retried, since GitHub may have stored it. Re-run the job: a rerun reads "
                      "what is on the pull request and posts only what is missing")
        if posted.review_url:
            posted.problem = (f"The review was posted ({posted.review_url}), but the summary comment could "
                              f"not be written ({what}); {advice}.")
            return
        if status in (401, 403, 404):
            posted.why_not = f"the token cannot write to this pull request ({what}); {advice}"
        else:
            posted.why_not = f"GitHub answered {what} while posting; {advice}"

    def _log_posted(self, posted: Posted, plan: ReviewPlan) -> None:
        """The log says exactly what is on the pull request after this run."""
        if posted.review_url:
            self.wf.log(f"Review posted: {posted.review_url} ({len(plan.new)} new finding(s), "
                        f"{len(posted.inline)} inline)")
        elif posted.why_not is None:
            self.wf.log(f"No review posted: nothing new ({len(plan.known)} finding(s) reported earlier)")
        if posted.summary_url:
            self.wf.log(f"Summary comment: {posted.summary_url}")
        if posted.problem:
            self.wf.warning(posted.problem)

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
