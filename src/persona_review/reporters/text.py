"""Terminal output: findings grouped by file with line numbers, coloured when the stream is a TTY."""

from __future__ import annotations

from itertools import groupby

from persona_review.findings import Severity
from persona_review.nothing_reviewed import NO_TRIGGER
from persona_review.reporters.stats import severity_counts
from persona_review.result import ReviewResult

_COLOURS = {
    Severity.CRITICAL: "\x1b[1;31m",
    Severity.HIGH: "\x1b[31m",
    Severity.MEDIUM: "\x1b[33m",
    Severity.LOW: "\x1b[36m",
}
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_RESET = "\x1b[0m"


def render_text(result: ReviewResult, *, colour: bool = False) -> str:
    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    out: list[str] = []
    ordered = sorted(result.findings, key=lambda f: (f.path, f.line or 0))
    for path, group in groupby(ordered, key=lambda f: f.path):
        out.append(paint(path, _BOLD))
        for f in group:
            where = "file" if f.line is None else f"{f.line}"
            sev = paint(f"{f.severity.value:<8}", _COLOURS[f.severity])
            out.append(f"  {where:>5}  {sev} {f.checklist_item:<7} {f.title}  {paint(f'[{f.source}]', _DIM)}")
            for body_line in f.body.strip().splitlines():
                out.append(f"         {body_line}")
        out.append("")
    reviewed = len(result.reviewed_files)
    skipped = result.skipped_files
    counts = ", ".join(f"{n} {s}" for s, n in severity_counts(result).items() if n) or "no findings"
    out.append(
        f"{len(result.findings)} findings ({counts}) in {reviewed} reviewed files; "
        f"{len(skipped)} skipped; {len(result.suppressed)} suppressed; mode {result.mode}"
    )
    if reviewed == 0:
        out.append(result.nothing_reviewed or NO_TRIGGER)
    for d in skipped:
        out.append(paint(f"  skipped {d.path}: {d.reason}", _DIM))
    return "\n".join(out) + "\n"
