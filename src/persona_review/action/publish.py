"""Publishing a run on the pull request: one COMMENT review, then the sticky summary and its hidden state.

What is posted is decided by what is read, never by the run's memory: after an ambiguous failure (a 5xx or
no answer to the review POST) the reviews are read back, and a run token in a stored body settles whether
the review exists. The log then says exactly what is on the pull request.
"""

from __future__ import annotations

import dataclasses
import secrets
from dataclasses import dataclass, field

import requests
from github import GithubException
from github.PullRequest import PullRequest
from github.Repository import Repository

from persona_review.action.answers import readable_answers
from persona_review.action.existing import Existing
from persona_review.action.incremental import Scope
from persona_review.action.markers import SummaryState, fingerprints_in, split_blobs, state_part
from persona_review.action.plan import ReviewPlan, review_comment
from persona_review.action.poster import find_review, post_review, upsert_summary, write_state_parts
from persona_review.action.reader import PullView
from persona_review.action.report import SUMMARY_LIMIT, review_body, summary_body
from persona_review.action.workflow import Workflow
from persona_review.pipeline import NO_KEY_NOTICE
from persona_review.result import ReviewResult

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
    refused: GithubException | None = None
    """GitHub refused a request as wrong (a 4xx other than 401/403/404): the run ends with an error, once
    the findings are in the annotations, the job summary and the SARIF file."""


def without_no_key(result: ReviewResult) -> ReviewResult:
    """The result without the no-key notice (said once per pull request, in the first summary)."""
    return dataclasses.replace(result, notices=[n for n in result.notices if n != NO_KEY_NOTICE])


def _refused(status: int) -> bool:
    """A 4xx that says the request itself was wrong (not the token's permissions, not a missing PR)."""
    return 400 <= status < 500 and status not in (401, 403, 404)


def error_message(exc: GithubException) -> str:
    data = exc.data
    if isinstance(data, dict):
        return str(data.get("message") or data)
    return "no details" if data is None else str(data)


class Publisher:
    def __init__(self, repo: Repository, wf: Workflow, *, repo_url: str, run_url: str) -> None:
        self.repo = repo
        self.wf = wf
        self.repo_url = repo_url
        self.run_url = run_url

    def publish(self, pr: PullRequest, ctx: Context, result: ReviewResult, plan: ReviewPlan) -> Posted:
        """Post the review (when there is something new) and write the summary and its state. Errors from
        GitHub end up in the returned `Posted`, never raised: the findings must still reach the log."""
        posted = Posted()
        try:
            with readable_answers():
                self._post(pr, ctx, result, plan, posted)
        except GithubException as exc:
            if _refused(exc.status):
                posted.refused = exc
            self._post_failed(posted, f"{exc.status}: {error_message(exc)}", exc.status, ctx.view.number)
        except requests.RequestException as exc:
            self._post_failed(posted, f"no answer: {type(exc).__name__}", None, ctx.view.number)
        return posted

    def _post(self, pr: PullRequest, ctx: Context, result: ReviewResult, plan: ReviewPlan,
              posted: Posted) -> None:
        view, existing, scope = ctx.view, ctx.existing, ctx.scope
        inline_fps = set(existing.inline)
        if plan.new:
            if not self._post_review(pr, view, plan, posted):
                return
            inline_fps |= posted.inline
        known = existing.known
        fps = known.prefixes | known.identities | {f.fingerprint for f in result.findings}
        state = SummaryState(head=view.head_sha)
        # The no-key notice is in the first summary only (and in each run's log).
        result = result if existing.summary is None else without_no_key(result)
        visible = self._summary(result, state, inline_fps, note=scope.note, plan=plan,
                                review_url=posted.review_url, blob="")
        # The marker goes after a blank line: the summary holds as many fingerprints as fit with it.
        first, rest = split_blobs(fps, SUMMARY_LIMIT - len(visible) - len("\n\n"), STATE_CHUNK)
        body = self._summary(result, state, inline_fps, note=scope.note, plan=plan,
                             review_url=posted.review_url, blob=first)
        posted.summary_url, _ = upsert_summary(pr, existing.summary, body)
        if rest:
            write_state_parts(pr, existing.parts, [state_part(i, blob) for i, blob in enumerate(rest)])

    def _post_review(self, pr: PullRequest, view: PullView, plan: ReviewPlan, posted: Posted) -> bool:
        """Post the review. After an ambiguous failure (5xx, no answer) the reviews are read back: the run's
        token in a stored body settles it. Returns whether the review is on the pull request."""
        token = f"<!-- persona-review:run={view.head_sha[:12]}-{secrets.token_hex(6)} -->"
        comments = [review_comment(f, self.repo_url, plan.same_spot.get(f.fingerprint, ()))
                    for f in plan.inline]
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
            what = (f"{exc.status}: {error_message(exc)}" if isinstance(exc, GithubException)
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
                posted.unsure = True
                posted.why_not = (f"GitHub did not confirm the review ({what}) and it was not found when "
                                  "read back, though GitHub may still store it; it was not retried, since a "
                                  "late write could duplicate it. Re-run the job: a rerun reads what is on "
                                  "the pull request and posts only what is missing")
                return False
            self.wf.log(f"the review POST failed ({what}); reading back found it stored: {stored.html_url}")
            posted.review_url = str(stored.html_url)
            on_pr = {fp for c in pr.get_review_comments() for fp in fingerprints_in(c.body)}
            posted.inline = {g.fingerprint for f in plan.inline for g in plan.with_spot(f)
                             if g.fingerprint in on_pr}
            return True
        if outcome.review is not None:
            posted.review_url = str(outcome.review.html_url)
        rejected = set(outcome.rejected)
        posted.inline = {g.fingerprint for i, f in enumerate(plan.inline) if i not in rejected
                         for g in plan.with_spot(f)}
        if outcome.rejected:
            self.wf.warning(f"GitHub refused {len(outcome.rejected)} inline comment(s); "
                            "they are in the review body instead")
        return True

    def _summary(self, result: ReviewResult, state: SummaryState, inline_fps: set[str], *, note: str,
                 plan: ReviewPlan, review_url: str, blob: str) -> str:
        return summary_body(result, state, inline_fps=inline_fps, scope_note=note, plan=plan,
                            review_url=review_url or None, run_url=self.run_url or None, blob=blob)

    def _post_failed(self, posted: Posted, what: str, status: int | None, number: int) -> None:
        if status in (401, 403, 404):
            advice = "give the workflow `permissions: pull-requests: write`"
        elif status is not None and _refused(status):
            advice = ("GitHub refused the request as wrong, which persona-review should never send: please "
                      "report it with this log")
        else:
            advice = ("it was not retried, since GitHub may have stored it. Re-run the job: a rerun reads "
                      "what is on the pull request and posts only what is missing")
        if posted.summary_url:
            posted.problem = (f"The summary comment was written ({posted.summary_url}), but not all of its "
                              f"hidden state ({what}); {advice}.")
            return
        if posted.review_url:
            posted.problem = (f"The review was posted ({posted.review_url}), but the summary comment could "
                              f"not be written ({what}); {advice}.")
            return
        if status in (401, 403, 404):
            posted.why_not = f"the token cannot write to pull request #{number} ({what}); {advice}"
        else:
            posted.why_not = f"GitHub answered {what} while posting on #{number}; {advice}"

    def log(self, posted: Posted, plan: ReviewPlan) -> None:
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
