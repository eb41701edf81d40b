"""Terminal output: findings grouped by file, each with its flagged line (numbered, as ruff and bandit show
it), the explanation wrapped to the terminal width, and the suggested fix; coloured when asked."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from itertools import groupby

from persona_review.findings import Finding, Severity
from persona_review.lazy_re import lazy_re
from persona_review.nothing_reviewed import NO_TRIGGER
from persona_review.reporters.stats import mode_label, severity_counts
from persona_review.result import ReviewResult
from persona_review.terminal import terminal_columns

_COLOURS = {
    Severity.CRITICAL: "\x1b[1;31m",
    Severity.HIGH: "\x1b[31m",
    Severity.MEDIUM: "\x1b[33m",
    Severity.LOW: "\x1b[36m",
}
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_GREEN = "\x1b[32m"
_RESET = "\x1b[0m"
_Paint = Callable[[str, str], str]
MIN_WIDTH = 60
MAX_WIDTH = 120


def terminal_width() -> int:
    """The terminal's width (COLUMNS or the tty), kept between MIN_WIDTH and MAX_WIDTH; 100 when unknown."""
    return max(MIN_WIDTH, min(MAX_WIDTH, terminal_columns()))


def render_text(result: ReviewResult, *, colour: bool = False, width: int | None = None) -> str:
    width = max(MIN_WIDTH, width or terminal_width())

    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    out: list[str] = []
    ordered = sorted(result.findings, key=lambda f: (f.path, f.line or 0))
    for path, group in groupby(ordered, key=lambda f: f.path):
        out.append(paint(path, _BOLD))
        for f in group:
            out.extend(_finding_lines(f, width, paint))
        out.append("")
    out.extend(_summary_lines(result, width, paint))
    return "\n".join(out) + "\n"


def _finding_lines(f: Finding, width: int, paint: _Paint) -> list[str]:
    where = "file" if f.line is None else f"{f.line}" + (f"-{f.end_line}" if f.end_line else "")
    head_plain = f"  {where:>5}  {f.severity.value:<8} {f.checklist_item:<7} "
    indent = " " * len(head_plain)
    title = textwrap.wrap(f"{f.title}  [{f.source}]", width - len(head_plain)) or [""]
    title[-1] = title[-1].replace(f"[{f.source}]", paint(f"[{f.source}]", _DIM))
    sev = paint(f"{f.severity.value:<8}", _COLOURS[f.severity])
    lines = [f"  {where:>5}  {sev} {f.checklist_item:<7} {title[0]}"]
    lines += [indent + rest for rest in title[1:]]
    gutter = " " * 9
    if f.line is not None and f.code.strip():
        shown = _masked(f.code) if f.checklist_item == SECRETS_ITEM else f.code
        lines.append(paint(_clip(f"{f.line:>6} | {shown.rstrip()}", width), _DIM))
    for paragraph in f.body.strip().split("\n"):
        wrapped = textwrap.wrap(paragraph, width - len(gutter))
        lines += [gutter + part for part in wrapped] if wrapped else [""]
    if f.suggested_fix is not None:
        span = f"line {f.line}" if not f.end_line else f"lines {f.line}-{f.end_line}"
        lines.append(gutter + paint(f"suggested fix, replacing {span}:", _GREEN))
        # Code to copy is never cut or wrapped.
        lines += [paint("       + " + fixed, _GREEN) for fixed in f.suggested_fix.split("\n")]
    return lines


SECRETS_ITEM = "SEC-06"
"""Checklist item of committed secrets: their flagged line is shown with string contents masked."""
_QUOTED = lazy_re(r"(\"|'|`)(?:(?!\1).)+\1")


def _masked(code: str) -> str:
    masked = _QUOTED.sub(lambda m: f"{m.group(1)}•••{m.group(1)}", code)
    # Unquoted values (a key in a .env or YAML file): keep the name, hide what follows `=` or `:`.
    return masked if masked != code else re.sub(r"([=:]\s*)\S.*$", r"\1•••", code)


def _clip(text: str, width: int) -> str:
    flat = text.replace("\t", "    ")
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _summary_lines(result: ReviewResult, width: int, paint: _Paint) -> list[str]:
    reviewed = len(result.reviewed_files)
    skipped = result.skipped_files
    counts = ", ".join(f"{n} {s}" for s, n in severity_counts(result).items() if n) or "no findings"
    summary = (
        f"{len(result.findings)} findings ({counts}) in {reviewed} reviewed files; "
        f"{len(skipped)} skipped; {len(result.suppressed)} suppressed; mode {mode_label(result)}"
    )
    out = textwrap.wrap(summary, width, subsequent_indent="  ")
    if result.unused_suppressions:
        out += textwrap.wrap(
            f"{len(result.unused_suppressions)} suppressions matched nothing: "
            + "; ".join(result.unused_suppressions),
            width,
            subsequent_indent="  ",
        )
    if reviewed == 0:
        out.append(result.nothing_reviewed or NO_TRIGGER)
    for d in skipped:
        for part in textwrap.wrap(f"skipped {d.path}: {d.reason}", width - 2, subsequent_indent="    "):
            out.append(paint("  " + part, _DIM))
    rules = sorted({f.rule_id for f in result.findings if f.rule_id and f.rule_id != "model"})
    if rules:
        out.append(paint(f"Explain a rule: persona-review checks {rules[0]}", _DIM))
    return out
