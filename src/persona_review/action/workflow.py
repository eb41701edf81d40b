"""Workflow commands (`::add-mask::`, `::warning file=…::`), step outputs and the job summary."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TextIO

from persona_review.findings import Finding, Severity

MAX_ANNOTATIONS = 50
"""GitHub shows at most 10 warnings and 10 errors per step inline; the rest are in the log and summary."""


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class Workflow:
    """Writes the runner's commands to `out` and the step files named in the environment."""

    def __init__(self, out: TextIO, output_path: str | None, summary_path: str | None) -> None:
        self._out = out
        self._output_path = output_path
        self._summary_path = summary_path

    def mask(self, value: str | None) -> None:
        if value:
            self._out.write(f"::add-mask::{escape_data(value)}\n")

    def log(self, message: str) -> None:
        self._out.write(message.rstrip("\n") + "\n")

    def notice(self, message: str) -> None:
        self._out.write(f"::notice::{escape_data(message)}\n")

    def warning(self, message: str) -> None:
        self._out.write(f"::warning::{escape_data(message)}\n")

    def error(self, message: str) -> None:
        self._out.write(f"::error::{escape_data(message)}\n")

    def annotate(self, findings: Iterable[Finding]) -> int:
        """One annotation per finding (errors for critical/high, warnings otherwise); returns the count."""
        count = 0
        for f in findings:
            if count >= MAX_ANNOTATIONS:
                break
            level = "error" if f.severity in (Severity.CRITICAL, Severity.HIGH) else "warning"
            props = [f"file={escape_property(f.path)}"]
            if f.line is not None:
                props.append(f"line={f.line}")
                if f.end_line is not None and f.end_line > f.line:
                    props.append(f"endLine={f.end_line}")
            title = f"{f.severity.value} {f.category.value} {f.checklist_item}"
            props.append(f"title={escape_property(title)}")
            self._out.write(f"::{level} {','.join(props)}::{escape_data(f.title + ': ' + f.body)}\n")
            count += 1
        return count

    def set_outputs(self, outputs: Mapping[str, str]) -> None:
        if self._output_path is None:
            for key, value in outputs.items():
                self.log(f"output {key}={value}")
            return
        with Path(self._output_path).open("a", encoding="utf-8") as fh:
            for key, value in outputs.items():
                if "\n" in value:
                    delimiter = f"EOF_{secrets.token_hex(8)}"
                    fh.write(f"{key}<<{delimiter}\n{value}\n{delimiter}\n")
                else:
                    fh.write(f"{key}={value}\n")

    def summary(self, markdown: str) -> None:
        if self._summary_path is None:
            self.log(markdown)
            return
        with Path(self._summary_path).open("a", encoding="utf-8") as fh:
            fh.write(markdown.rstrip("\n") + "\n")
