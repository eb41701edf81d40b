"""Readings of Java source that several Java checks share: which files are tests, and which calls log."""

from __future__ import annotations

from persona_review.lazy_re import lazy_re

JAVA_TEST_PATH = lazy_re(r"(?:^|/)src/test/|Tests?\.java$")
"""A Java test source (Maven/Gradle `src/test/`, or a `*Test.java`/`*Tests.java` class): checks about
production threads and transactions leave it alone."""

JAVA_LOGGER_CALL = lazy_re(
    r"\b(?:log|logger|LOG|LOGGER|_log|_logger|\w*[lL]og(?:ger)?)\.\w+\s*\(|\bSystem\.(?:out|err)\.\w+\s*\("
)
"""A call on a logger (`log.warn(`, `LOGGER.error(`, `auditLogger.info(`) or a print to stdout/stderr."""
