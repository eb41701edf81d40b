"""Readings of Java source that several Java checks share: which files are tests, which calls log, and
whether a catch hands its exception on."""

from __future__ import annotations

import re

from persona_review.lazy_re import lazy_re

JAVA_TEST_PATH = lazy_re(r"(?:^|/)src/test/|Tests?\.java$")
"""A Java test source (Maven/Gradle `src/test/`, or a `*Test.java`/`*Tests.java` class): checks about
production threads and transactions leave it alone."""

JAVA_LOGGER_CALL = lazy_re(
    r"\b(?:log|logger|LOG|LOGGER|_log|_logger|\w*[lL]og(?:ger)?)\.\w+\s*\(|\bSystem\.(?:out|err)\.\w+\s*\("
)
"""A call on a logger (`log.warn(`, `LOGGER.error(`, `auditLogger.info(`) or a print to stdout/stderr."""


def catch_hands_on(body: str, name: str | None, handled: re.Pattern[str]) -> bool:
    """Whether a catch block's `body` does something `handled` names, outside its logger calls, or passes
    the caught exception `name` (or its message or cause) to a call that is not a logger."""
    rest = JAVA_LOGGER_CALL.sub("log(", body)
    if handled.search(rest):
        return True
    if not name:
        return False
    return re.search(rf"(?<!log)\((?:[^()]*,)?[^(),]*\b{re.escape(name)}\b", rest) is not None
