"""GitHub answers that PyGithub cannot read, turned into the `GithubException` it meant to raise.

PyGithub reads an error answer's body as a JSON object. A proxy or a load balancer in front of GitHub
Enterprise can answer with a JSON string, a list or a number, or with a body cut off after its first `{`;
PyGithub then fails inside its own error handling (`AttributeError: 'str' object has no attribute 'get'`,
or a JSON decoding error), and a caller that handles `GithubException` never sees the status. Inside
`readable_answers()`, such a failure becomes a `GithubException` with the status, the headers and the start
of the body, so the run's error handling (retry advice, findings kept in the job summary) works the same.
Every other exception passes through untouched.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from github import GithubException

_REQUESTER = "github.Requester"
BODY_SHOWN = 120
"""Characters of an unreadable body quoted in the error (enough to recognise a proxy's page)."""


@contextmanager
def readable_answers() -> Iterator[None]:
    try:
        yield
    except (AttributeError, TypeError, ValueError) as exc:
        translated = unreadable_answer(exc)
        if translated is None:
            raise
        raise translated from exc


def unreadable_answer(exc: BaseException) -> GithubException | None:
    """The GithubException for a failure PyGithub raised while reading an answer; None for anything else."""
    found: dict[str, Any] | None = None
    for frame, _line in traceback.walk_tb(exc.__traceback__):
        if frame.f_globals.get("__name__") != _REQUESTER:
            continue
        status = frame.f_locals.get("status")
        if isinstance(status, int) and not isinstance(status, bool):
            found = dict(frame.f_locals)
    if found is None:
        return None
    status = found["status"]
    headers = found.get("responseHeaders", found.get("headers"))
    body = found.get("output")
    what = "error" if status >= 400 else "answer"
    message = f"an {what} body PyGithub cannot read ({_shown(body)})"
    return GithubException(status, {"message": message}, headers if isinstance(headers, dict) else None)


def _shown(body: object) -> str:
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else (
        body if isinstance(body, str) else json.dumps(body, default=str))
    text = "".join(ch if ch.isprintable() else " " for ch in text).strip()
    if not text:
        return "empty"
    return repr(text[:BODY_SHOWN] + ("..." if len(text) > BODY_SHOWN else ""))
