"""Exact one-line errors for a run that could not finish: what failed, on which pull request, and the fix.

Requests the client retries (5xx, timeouts, secondary rate limits) say so; 401, 404 and other 4xx are not
retried, and their messages never claim otherwise.
"""

from __future__ import annotations

import requests
from github import GithubException

from persona_review.lazy_re import lazy_re


def github_message(exc: GithubException) -> str:
    data = exc.data
    if isinstance(data, dict):
        return str(data.get("message") or data)
    return str(data)


def where(repository: str, pr_number: int | None) -> str:
    return f"pull request #{pr_number} in {repository}" if pr_number is not None else repository


def github_error_text(exc: GithubException, repository: str, pr_number: int | None) -> str:
    """The error line for a GitHub API error that ended the run."""
    status = exc.status
    target = where(repository, pr_number)
    detail = f"{status} {github_message(exc)}"
    if status == 401:
        return (f"GitHub rejected the token while reading {target} ({detail}): the `github-token` input is "
                "empty, expired or revoked; leave it at its default (`${{ github.token }}`) or pass a valid "
                "token")
    if status == 404:
        return (f"GitHub answered 404 for {target} ({detail}): check that the pull request number is right "
                "and that the token can read this repository (a token of another repository, or a workflow "
                "without `permissions: contents: read` and `pull-requests: read`, gets 404)")
    if status == 403:
        return (f"GitHub refused access to {target} ({detail}): give the workflow `permissions: contents: "
                "read` and `pull-requests: write`, or wait for the rate limit to reset")
    retried = " (after retries)" if status >= 500 or status == 429 else ""
    return f"GitHub API error {detail} while reviewing {target}{retried}; re-run the job"


def unreachable_text(exc: requests.RequestException, api_url: str, repository: str,
                     pr_number: int | None) -> str:
    target = where(repository, pr_number)
    if isinstance(exc, requests.exceptions.RetryError):
        cause = _RETRY_CAUSE.search(str(exc))
        reason = cause.group(1) if cause else type(exc).__name__
        return (f"GitHub API at {api_url} kept failing while reviewing {target} ({reason}, after retries): "
                "GitHub may be having an outage; re-run the job later")
    return (f"GitHub API at {api_url} did not answer while reviewing {target} ({type(exc).__name__}, after "
            "retries): check the runner's network and GITHUB_API_URL, then re-run the job")


_RETRY_CAUSE = lazy_re(r"ResponseError\('([^']{1,200})'\)")
