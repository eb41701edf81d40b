"""Retries with exponential backoff that honour the server's `retry-after`.

429 (rate limit), 529 (overloaded), other 5xx, 408/409, timeouts and connection failures are retried;
anything else fails at once. Waits double from `base_delay` up to `max_delay`, with jitter, unless the
server names a wait, which is used as given (capped at `max_retry_after`).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from persona_review.model.client import CallFailed

log = logging.getLogger("persona_review.model")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 4
    """Tries in total, the first included."""
    base_delay: float = 1.0
    max_delay: float = 20.0
    max_retry_after: float = 60.0

    def delay(self, retry: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        backoff: float = min(self.base_delay * 2**retry, self.max_delay)
        return backoff * (0.75 + 0.25 * random.random())  # jitter, not security


def call_with_retries(call: Callable[[], T], policy: RetryPolicy, what: str,
                      sleep: Callable[[float], None] = time.sleep) -> T:
    """Run `call`, retrying retryable `CallFailed`s; the last failure is raised with the try count."""
    for attempt in range(policy.attempts):
        try:
            return call()
        except CallFailed as exc:
            if not exc.retryable or attempt == policy.attempts - 1:
                if attempt:
                    raise CallFailed(f"{exc} (after {attempt + 1} tries)", retryable=False,
                                     fatal=exc.fatal) from None
                raise
            wait = policy.delay(attempt, exc.retry_after)
            log.info("model request for %s failed (%s); retry %d in %.2fs", what, exc, attempt + 1, wait)
            sleep(wait)
    raise AssertionError("unreachable: the loop returns or raises")
