"""The PyGithub client: base URL from GITHUB_API_URL, retries with backoff, timeouts.

Secondary rate limits (403 with Retry-After or the rate-limit message, and 429), 5xx and timeouts are
retried by `GithubRetry` (a urllib3 Retry), except that a POST is retried only after a rate limit: after a
5xx or a read timeout GitHub may already have created the review, and a retry would post it twice.
The backoff base, retry count, timeout and request pacing come from PERSONA_REVIEW_HTTP_* variables, so
tests run fast without patching anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from github import Auth, Github, GithubRetry
from urllib3.util.retry import Retry

from persona_review.errors import UsageError

PER_PAGE = 100
"""The maximum page size of the list endpoints used: fewer calls per run."""


@dataclass(frozen=True, slots=True)
class HttpSettings:
    retries: int = 5
    backoff: float = 1.0
    """urllib3 backoff factor: waits backoff * 2**(n-1) seconds, capped at `backoff_max`."""
    backoff_max: float = 60.0
    secondary_wait: float = 60.0
    """Wait after a secondary rate limit that gave no Retry-After."""
    timeout: int = 30
    pacing: float = 1.0
    """Scale of PyGithub's pause between requests (0.25 s) and between writes (1 s); 0 turns it off."""


def _number(env: Mapping[str, str], key: str, default: float) -> float:
    text = env.get(key, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise UsageError(f"{key} must be a number, got {text!r}") from None
    if value < 0:
        raise UsageError(f"{key} must not be negative")
    return value


def _whole(env: Mapping[str, str], key: str, default: int, least: int) -> int:
    value = _number(env, key, default)
    if value != int(value) or value < least:
        raise UsageError(f"{key} must be a whole number, at least {least}, got {env.get(key, '').strip()!r}")
    return int(value)


def http_settings(env: Mapping[str, str]) -> HttpSettings:
    base = HttpSettings()
    return HttpSettings(
        retries=_whole(env, "PERSONA_REVIEW_HTTP_RETRIES", base.retries, 0),
        backoff=_number(env, "PERSONA_REVIEW_HTTP_BACKOFF", base.backoff),
        backoff_max=_number(env, "PERSONA_REVIEW_HTTP_BACKOFF_MAX", base.backoff_max),
        secondary_wait=_number(env, "PERSONA_REVIEW_HTTP_SECONDARY_WAIT", base.secondary_wait),
        timeout=_whole(env, "PERSONA_REVIEW_HTTP_TIMEOUT", base.timeout, 1),
        pacing=_number(env, "PERSONA_REVIEW_HTTP_PACING", base.pacing),
    )


_SAFE_POST_STATUSES = frozenset({403, 429})
"""Answers after which GitHub has certainly created nothing: rate limits. A 5xx or a read timeout on a
POST is ambiguous (the review may exist), so it is not retried: a second review would be a duplicate."""


class _NoDuplicatePostsRetry(GithubRetry):
    """GithubRetry, except that a POST is retried only when GitHub certainly did not act on it."""

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        if method == "POST" and status_code not in _SAFE_POST_STATUSES:
            return False
        return bool(super().is_retry(method, status_code, has_retry_after))

    def increment(  # type: ignore[override]
        self,
        method: str | None = None,
        url: str | None = None,
        response: Any = None,
        error: Exception | None = None,
        _pool: Any = None,
        _stacktrace: TracebackType | None = None,
    ) -> Retry:
        if method == "POST" and error is not None and self._is_read_error(error):
            raise error
        return super().increment(method, url, response, error, _pool, _stacktrace)


def make_retry(settings: HttpSettings) -> GithubRetry:
    return _NoDuplicatePostsRetry(
        total=settings.retries,
        backoff_factor=settings.backoff,
        backoff_max=settings.backoff_max,
        secondary_rate_wait=settings.secondary_wait,
        max_rate_limit_wait=max(settings.secondary_wait, settings.backoff_max),
        # GithubRetry adds 403 (rate limits only); 429 carries Retry-After for secondary limits.
        status_forcelist=[*range(500, 600), 429],
        # PATCH edits the sticky summary with the full new body: repeating it is harmless.
        allowed_methods=Retry.DEFAULT_ALLOWED_METHODS | {"GET", "POST", "PATCH"},
    )


def make_github(token: str | None, api_url: str, settings: HttpSettings) -> Github:
    return Github(
        auth=Auth.Token(token) if token else None,
        base_url=api_url,
        timeout=settings.timeout,
        per_page=PER_PAGE,
        retry=make_retry(settings),
        seconds_between_requests=0.25 * settings.pacing or None,
        seconds_between_writes=1.0 * settings.pacing or None,
        lazy=True,
        user_agent="persona-review-action",
    )
