"""Workflow commands (`::add-mask::`, `::warning file=…::`), step outputs and the job summary."""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TextIO

from persona_review.findings import Finding, Severity

SHOWN_PER_LEVEL = 10
"""GitHub shows at most 10 errors, 10 warnings and 10 notices per step and drops the rest unseen."""
_LEVEL = {
    Severity.CRITICAL: "error", Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "notice",
}


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
        self._shown: Counter[str] = Counter()
        """Annotations written so far, per level (the step's own errors and warnings count too)."""

    def mask(self, value: str | None) -> None:
        if value:
            self._out.write(f"::add-mask::{escape_data(value)}\n")

    def log(self, message: str) -> None:
        self._out.write(message.rstrip("\n") + "\n")

    def notice(self, message: str) -> None:
        self._command("notice", message)

    def warning(self, message: str) -> None:
        self._command("warning", message)

    def error(self, message: str) -> None:
        self._command("error", message)

    def _command(self, level: str, message: str, props: str = "") -> None:
        self._shown[level] += 1
        self._out.write(f"::{level}{props}::{escape_data(message)}\n")

    def annotate(self, findings: Iterable[Finding], *, rest: str) -> int:
        """An annotation per finding (errors for critical/high, warnings for medium, notices for low) as
        far as GitHub shows them; then one line that says how many were left out and where they are
        (`rest`), and each of those in the log. Returns the number of annotations written."""
        count = 0
        left_out: list[Finding] = []
        for f in findings:
            level = _LEVEL[f.severity]
            # One of each kind is kept: errors and warnings for the step's own messages after this, a
            # notice for the closing line below.
            if self._shown[level] >= SHOWN_PER_LEVEL - 1:
                left_out.append(f)
                continue
            props = [f"file={escape_property(f.path)}"]
            if f.line is not None:
                props.append(f"line={f.line}")
                if f.end_line is not None and f.end_line > f.line:
                    props.append(f"endLine={f.end_line}")
            title = f"{f.severity.value} {f.category.value} {f.checklist_item}"
            props.append(f"title={escape_property(title)}")
            self._command(level, f"{f.title}: {f.body}", " " + ",".join(props))
            count += 1
        if left_out:
            self.notice(f"{len(left_out)} more finding{'s are' if len(left_out) != 1 else ' is'} not shown "
                        f"as annotations (GitHub shows {SHOWN_PER_LEVEL} per kind in a step): see {rest}")
            for f in left_out:
                self.log(f"{f.severity.value} {f.path}:{f.line or ''} {f.checklist_item} {f.title}")
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
