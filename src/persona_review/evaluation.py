"""Score a reviewer (the deterministic checks by default) against a labeled corpus.

Corpus format (see the corpus README): files plus `labels.jsonl`, one label per line:
{"file", "line" (1-based or null for the whole file), "category", "expect": "flag"|"clean", "rule", "note"}.
Each labeled file is reviewed as a newly added file (`context_for_text`), all files in one reviewer call
(so batch checks like squawk run once).

Matching, per label and only against findings of the label's category:
- line label: its *window* is the statement that starts on that line: the line itself plus following lines
  while brackets are open or the line continues (`\\`, trailing `,`/operator, SQL without `;`), at most
  `WINDOW_MAX_LINES` lines. A flag label is a hit if a finding starts inside the window; a clean label is a
  false alarm if one does.
- whole-file label (line null): a flag is a hit if the file has any finding; a clean is a false alarm if
  it has any.
Precision = hits / (hits + false alarms); recall = hits / flag labels. Findings outside every labeled
window of their category in files without a whole-file label are counted as "unlabeled" (reported, not
scored).
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from persona_review.checks._migration_paths import migration_kind
from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.errors import UsageError
from persona_review.findings import Finding
from persona_review.result import ModelOutcome

WINDOW_MAX_LINES = 12

Reviewer = Callable[[Sequence[FileContext]], list[Finding]]


class Label(NamedTuple):
    file: str
    line: int | None
    category: str
    expect: str
    rule: str


class Outcome(NamedTuple):
    """A scored label: a miss (flag not hit) or a false alarm (clean hit)."""

    file: str
    line: int | None
    category: str
    language: str
    rule: str
    """The label's rule."""
    found: str
    """Rule ids of the findings involved (false alarms), or "" (misses)."""


@dataclass(slots=True)
class Score:
    flags: int = 0
    hits: int = 0
    cleans: int = 0
    false_alarms: int = 0

    @property
    def precision(self) -> float:
        total = self.hits + self.false_alarms
        return self.hits / total if total else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.flags if self.flags else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class EvalReport:
    files: int = 0
    labels: int = 0
    by_category: dict[str, Score] = field(default_factory=dict)
    by_language: dict[tuple[str, str], Score] = field(default_factory=dict)
    """(category, language) -> score."""
    misses: list[Outcome] = field(default_factory=list)
    false_alarms: list[Outcome] = field(default_factory=list)
    unlabeled: dict[str, int] = field(default_factory=dict)
    """Category -> findings on lines no label speaks about (not scored)."""
    unreadable: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    seconds: float = 0.0
    model: ModelOutcome | None = None
    """The model review's coverage, usage, cost and rejections, when a model reviewed the corpus."""


class _ChecksReviewer:
    """The default reviewer: every deterministic check; keeps the run's notices."""

    def __init__(self) -> None:
        self.notices: list[str] = []

    def __call__(self, contexts: Sequence[FileContext]) -> list[Finding]:
        # Each corpus file is its own case: one run per file, so what one file creates (a table, a
        # validated check) is not taken as part of another file's change.
        findings: list[Finding] = []
        for context in contexts:
            outcome = run_checks([context])
            self.notices.extend(outcome.notices)  # de-duplicated when the report is made
            findings.extend(outcome.findings)
        return findings


def load_labels(path: Path) -> list[Label]:
    """The labels of `path`; a missing file or a line that is not a label is a UsageError."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the labels file {path}: {exc}") from None
    labels: list[Label] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
            labels.append(
                Label(
                    str(data["file"]),
                    data.get("line"),
                    str(data["category"]),
                    str(data["expect"]),
                    str(data.get("rule", "")),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise UsageError(f"{path}:{number}: not a label ({exc})") from None
    return labels


def corpus_language(ctx: FileContext) -> str:
    """Language as the corpus README counts it: the file's language, migrations by framework."""
    kind = migration_kind(ctx)
    if kind is not None and ctx.language != "sql":
        return f"{kind.value}-migration"
    return ctx.language


def run_eval(
    corpus_dir: Path, labels_path: Path | None = None, reviewer: Reviewer | None = None,
    model_outcome: Callable[[], ModelOutcome | None] | None = None,
) -> EvalReport:
    """Score `reviewer` (the checks by default). `model_outcome`, when given, returns the model run's
    outcome after the review, so the report says what the model covered, used and rejected."""
    started = time.perf_counter()
    labels = load_labels(labels_path or corpus_dir / "labels.jsonl")
    report = EvalReport(labels=len(labels))
    contexts: dict[str, FileContext] = {}
    for name in sorted({label.file for label in labels}):
        try:
            text = (corpus_dir / name).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            report.unreadable.append(f"{name}: {exc.__class__.__name__}: {exc}")
            continue
        contexts[name] = context_for_text(name, text)
    report.files = len(contexts)
    default = _ChecksReviewer() if reviewer is None else None
    findings = (default or reviewer or _ChecksReviewer())(list(contexts.values()))
    if default is not None:
        report.notices = list(dict.fromkeys(default.notices))
    if model_outcome is not None:
        report.model = model_outcome()
        if report.model is not None:
            report.notices = list(dict.fromkeys([*report.notices, *report.model.notices]))
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_file[finding.path].append(finding)
    _score(report, labels, contexts, by_file)
    report.seconds = time.perf_counter() - started
    return report


def _score(
    report: EvalReport,
    labels: list[Label],
    contexts: dict[str, FileContext],
    by_file: dict[str, list[Finding]],
) -> None:
    covered: dict[tuple[str, str], set[int]] = defaultdict(set)
    whole: set[tuple[str, str]] = set()
    for label in labels:
        ctx = contexts.get(label.file)
        if ctx is None:
            continue
        language = corpus_language(ctx)
        same = [f for f in by_file.get(label.file, []) if f.category.value == label.category]
        if label.line is None:
            whole.add((label.file, label.category))
            involved = same
        else:
            window = statement_window(ctx, label.line)
            covered[(label.file, label.category)].update(window)
            involved = [f for f in same if f.line in window]
        for score in (
            report.by_category.setdefault(label.category, Score()),
            report.by_language.setdefault((label.category, language), Score()),
        ):
            _count(score, label, bool(involved))
        found = ",".join(sorted({f.rule_id for f in involved}))
        outcome = Outcome(label.file, label.line, label.category, language, label.rule, found)
        if label.expect == "flag" and not involved:
            report.misses.append(outcome)
        elif label.expect == "clean" and involved:
            report.false_alarms.append(outcome)
    for path, file_findings in by_file.items():
        for finding in file_findings:
            key = (path, finding.category.value)
            if key not in whole and finding.line not in covered.get(key, set()):
                report.unlabeled[key[1]] = report.unlabeled.get(key[1], 0) + 1


def _count(score: Score, label: Label, involved: bool) -> None:
    if label.expect == "flag":
        score.flags += 1
        score.hits += involved
    else:
        score.cleans += 1
        score.false_alarms += involved


_OPENERS = {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}
_COMMENT = {"sql": "--", "python": "#", "ruby": "#"}
_CONTINUES = (",", "\\", "(", "[", "{", "+", "&&", "||", " and", " or", "=", ".")


def statement_window(ctx: FileContext, line: int) -> set[int]:
    """The label's line and the following lines of the statement starting there (see module doc)."""
    window = {line}
    depth = 0
    sql = ctx.language == "sql"
    for no in range(line, line + WINDOW_MAX_LINES):
        text = ctx.lines.get(no)
        if text is None:
            break
        window.add(no)
        code = text.split(_COMMENT.get(ctx.language, "//"), 1)[0]
        depth += sum(_OPENERS.get(char, 0) for char in code)
        stripped = code.rstrip()
        if sql:
            if ";" in code:
                break
            continue
        continues = _CONTINUES if ctx.language == "ruby" else _CONTINUES[1:]
        if depth < 0 or (depth == 0 and stripped and not stripped.endswith(continues)):
            break
    return window
