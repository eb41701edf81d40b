"""Reporters turn a ReviewResult into text for a terminal (`text`), JSON (`json_report`), markdown
(`markdown`) or SARIF (`sarif`). Each lives in its own module, imported by what uses it: a terminal review
never loads the SARIF writer."""

from __future__ import annotations

FORMATS = ("text", "json", "markdown", "sarif")

__all__ = ["FORMATS"]
