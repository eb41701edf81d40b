"""Score the review on the hand-written pull-request cases of `eval/pr_cases/` (see its README).

Each case is one diff, reviewed the way `persona-review review --diff CASE --offline` reviews it (the
bundled persona's file selection, the default config, no workspace: hunks only, whole files only where the
diff adds them). A case's labels name a line, a category and whether the line must be flagged or stay
quiet.

- A flag label is found when a reported finding of its category covers a line of the statement that starts
  on the label's line (the window of `persona_review.evaluation.statement_window`).
- Precision counts every reported finding of the three scored categories: one that covers a flag label of
  its category is true, any other (on a clean look-alike, or elsewhere in a case) is a false alarm.
- Recall is given over all flag labels and over the non-subtle ones; the count of missed labels on a file
  the review did not select tells a selection miss from a check's (a number, so it may be printed for the
  test split too).

The split is fixed by a hash of the case name: `dev` cases may be read while changing the checks, `test`
cases are only scored.

    python bench/eval_pr_cases.py [--split dev|test|both] [--show] [--dir eval/pr_cases]

`--show` lists the dev split's misses and false alarms (never the test split's).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from persona_review.config import Config
from persona_review.contexts import build_context
from persona_review.diff import parse_diff
from persona_review.evaluation import statement_window
from persona_review.findings import Finding
from persona_review.persona import load_persona
from persona_review.pipeline import ReviewInput, run_review

CATEGORIES = ("security", "error-handling", "migration-safety")
LANGUAGES = {".py": "python", ".js": "js/ts", ".ts": "js/ts", ".go": "go", ".java": "java", ".rb": "ruby",
             ".sql": "sql"}
NEAR = 5
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "eval" / "pr_cases"


@dataclass(frozen=True, slots=True)
class Label:
    case: str
    file: str
    line: int
    expect: str
    category: str
    rule: str
    subtle: bool


@dataclass(slots=True)
class Cell:
    flags: int = 0
    hits: int = 0
    plain_flags: int = 0
    plain_hits: int = 0
    findings: int = 0
    true_findings: int = 0

    def add(self, other: Cell) -> None:
        for name in ("flags", "hits", "plain_flags", "plain_hits", "findings", "true_findings"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self, name: str) -> str:
        def ratio(a: int, b: int) -> str:
            return f"{a / b:5.2f}" if b else "    -"

        plain = f"{ratio(self.plain_hits, self.plain_flags)} ({self.plain_hits:>2}/{self.plain_flags:<2})"
        return (f"{name:<26} {plain} {ratio(self.hits, self.flags)} ({self.hits:>2}/{self.flags:<2})"
                f" {ratio(self.true_findings, self.findings)} ({self.true_findings:>2}/{self.findings:<2})")


@dataclass(slots=True)
class Results:
    cells: dict[tuple[str, str, str], Cell] = field(default_factory=lambda: defaultdict(Cell))
    """(split, category, language) -> counts."""
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    missed: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    """Split -> flag labels not found."""
    unselected: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    near_misses: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    """Split -> false alarms within NEAR lines of a missed flag label of their category and file: most
    likely the right problem reported on another line than the label's statement."""
    """Split -> of those, labels on a file the review did not select (a selection miss, not a check's)."""


def split_of(case: str) -> str:
    return "dev" if hashlib.sha256(case.encode()).digest()[0] % 2 == 0 else "test"


def language_of(path: str) -> str:
    return LANGUAGES.get(Path(path).suffix, "other")


def load_labels(path: Path) -> list[Label]:
    labels = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
            labels.append(Label(str(data["case"]), str(data["file"]), int(data["line"]), str(data["expect"]),
                                str(data["category"]), str(data["rule"]), bool(data["subtle"])))
        except (ValueError, KeyError, TypeError) as exc:
            raise SystemExit(f"{path}:{number}: not a label ({exc})") from None
    return labels


def review(diff_bytes: bytes) -> tuple[list[Finding], dict[str, dict[int, str]], set[str]]:
    """The reported findings of an offline review of the diff, each file's new-side lines, and the paths
    the review left out (not selected)."""
    diff = parse_diff(diff_bytes)
    result = run_review(ReviewInput(diff=diff, config=Config(), persona=load_persona(None), offline=True))
    lines = {f.path: build_context(f).lines for f in diff.files}
    return result.findings, lines, {d.path for d in result.skipped_files}


def covers(finding: Finding, window: set[int]) -> bool:
    if finding.line is None:
        return False
    return any(no in window for no in range(finding.line, (finding.end_line or finding.line) + 1))


def score(root: Path, wanted: str) -> Results:
    labels = load_labels(root / "labels.jsonl")
    by_case: dict[str, list[Label]] = defaultdict(list)
    for label in labels:
        by_case[label.case].append(label)
    out = Results()
    for case in sorted(by_case):
        split = split_of(case)
        if wanted not in (split, "both"):
            continue
        findings, lines, skipped = review((root / "diffs" / f"{case}.diff").read_bytes())
        true_findings: set[int] = set()
        missed_here: list[Label] = []
        for label in by_case[case]:
            cell = out.cells[(split, label.category, language_of(label.file))]
            file_lines = lines.get(label.file, {})
            window = statement_window(_Lines(label.file, file_lines), label.line)  # type: ignore[arg-type]
            involved = [i for i, f in enumerate(findings)
                        if f.path == label.file and f.category.value == label.category and covers(f, window)]
            if label.expect != "flag":
                continue
            cell.flags += 1
            cell.plain_flags += not label.subtle
            found = bool(involved)
            cell.hits += found
            cell.plain_hits += found and not label.subtle
            true_findings.update(involved)
            if not found:
                missed_here.append(label)
                out.unselected[split] += label.file in skipped
                out.missed[split] += 1
                out.misses.append(f"{split} miss {case} {label.file}:{label.line} {label.category} "
                                  f"{label.rule}{' (subtle)' if label.subtle else ''}")
        for index, finding in enumerate(findings):
            if finding.category.value not in CATEGORIES:
                continue
            cell = out.cells[(split, finding.category.value, language_of(finding.path))]
            cell.findings += 1
            if index in true_findings:
                cell.true_findings += 1
            else:
                out.near_misses[split] += any(
                    m.file == finding.path and m.category == finding.category.value
                    and finding.line is not None and abs(finding.line - m.line) <= NEAR for m in missed_here)
                out.false_alarms.append(f"{split} false alarm {case} {finding.path}:{finding.line} "
                                        f"{finding.rule_id}: {finding.title}")
    return out


class _Lines:
    """What `statement_window` reads of a file context: its language and new-side lines."""

    def __init__(self, path: str, lines: dict[int, str]) -> None:
        self.lines = lines
        self.language = {"python": "python", "ruby": "ruby", "sql": "sql"}.get(language_of(path), "other")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--split", choices=["dev", "test", "both"], default="dev")
    parser.add_argument("--show", action="store_true", help="list the dev split's misses and false alarms")
    args = parser.parse_args()
    if not (args.dir / "labels.jsonl").is_file():
        print(f"no labels.jsonl in {args.dir}", file=sys.stderr)
        return 2
    results = score(args.dir, args.split)
    for split in ("dev", "test"):
        rows = {key[1:]: cell for key, cell in results.cells.items() if key[0] == split}
        if not rows:
            continue
        print(f"\n{split}: {'row':<21} non-subtle recall      recall     precision")
        total = Cell()
        for category in CATEGORIES:
            per_category = Cell()
            for (cat, _), cell in rows.items():
                if cat == category:
                    per_category.add(cell)
            total.add(per_category)
            print(per_category.row(category))
        print(total.row("all"))
        for language in sorted({lang for _, lang in rows}):
            per_language = Cell()
            for (_, lang), cell in rows.items():
                if lang == language:
                    per_language.add(cell)
            print(per_language.row(f"  {language}"))
        print(f"  missed flag labels: {results.missed[split]}, of which on a file the review did not select: "
              f"{results.unselected[split]}; false alarms within {NEAR} lines of a missed label of their "
              f"category: {results.near_misses[split]}")
    if args.show:
        for line in [*results.misses, *results.false_alarms]:
            if line.startswith("dev "):
                print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
