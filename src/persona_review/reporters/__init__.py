"""Reporters turn a ReviewResult into text for a terminal, JSON, markdown or SARIF."""

from __future__ import annotations

from persona_review.reporters.json_report import render_json
from persona_review.reporters.markdown import render_markdown
from persona_review.reporters.sarif import render_sarif
from persona_review.reporters.text import render_text

FORMATS = ("text", "json", "markdown", "sarif")

__all__ = ["FORMATS", "render_json", "render_markdown", "render_sarif", "render_text"]
