"""Score the Go resource checks on Go analyzers' labelled test data (not used for tuning the test split).

Go linters test themselves with `golang.org/x/tools/go/analysis/analysistest`: each file in `testdata/`
marks the line a diagnostic must land on with a `// want "message"` comment, and every other line must stay
clean. This script reads such a directory, keeps the labels of the classes persona-review checks (see
CLASSES: an HTTP response body or `sql.Rows` never closed, rows iterated without `rows.Err()`), runs the
checks on every file as a whole file, and prints precision and recall per class for a **dev** split (files
you may read while working on the checks) and a **test** split (files you only score). The split is a
stable hash of each file's path.

Positives are the labelled lines that make the class's kind of call (an HTTP request, a query); negatives
are the lines that make such a call and carry no label. Labels of other classes are left out: a body that
must also be read to its end ("closed and consumed", an option of bodyclose), a prepared statement not
closed. A finding of the class's checks on any other line counts as a false alarm. A suite is scored only
on the classes it labels somewhere.

    python bench/eval_go_close_suites.py DIR [DIR ...] [--split dev|test|both] [--show dev]

The suites are not part of this repository (their licenses are their authors'); point DIR at a copy, e.g.
the `passes/bodyclose/testdata` folder of timakin/bodyclose, `pkg/analyzer/testdata` of
ryanrolds/sqlclosecheck and `passes/rowserr/testdata/src` of jingyugao/rowserrcheck.
"""

from __future__ import annotations

import argparse
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category


@dataclass(frozen=True, slots=True)
class SuiteClass:
    checks: tuple[str, ...]
    label: re.Pattern[str]
    """The `want` messages of this class."""
    call: re.Pattern[str]
    """Lines that make the kind of call the class is about (labelled or not)."""


CLASSES: dict[str, SuiteClass] = {
    "response body not closed": SuiteClass(
        ("GO-HTTP-BODY-UNCLOSED",),
        re.compile(r"//\s*want\s+\"response body must be closed\""),
        re.compile(r"\bhttp\.(?:Get|Head|Post|PostForm)\s*\(|\.Do\s*\(|[cC]lient\.(?:Get|Head|Post|PostForm)\s*\("),
    ),
    "rows not closed": SuiteClass(
        ("GO-ROWS-UNCLOSED",),
        re.compile(r"//\s*want\s+\"Rows/Stmt/NamedStmt was not closed"),
        re.compile(r"\.Query(?:Context)?\s*\("),
    ),
    "rows.Err not checked": SuiteClass(
        ("GO-ROWS-ERR-UNCHECKED",),
        re.compile(r"//\s*want\s+\"rows\.Err must be checked\""),
        re.compile(r"\.Query(?:x|Context|xContext)?\s*\("),
    ),
}
_WANT = re.compile(r"//\s*want\s+\"")


def split_of(path: str) -> str:
    return "dev" if hashlib.sha256(path.encode()).digest()[0] % 2 == 0 else "test"


@dataclass
class Score:
    hits: int = 0
    misses: int = 0
    false_alarms: int = 0
    clean: int = 0
    shown: list[str] = field(default_factory=list)

    def line(self) -> str:
        flagged = self.hits + self.false_alarms
        labelled = self.hits + self.misses
        precision = f"{self.hits / flagged:.2f}" if flagged else "-"
        recall = f"{self.hits / labelled:.2f}" if labelled else "-"
        return (f"hits {self.hits:3d}  misses {self.misses:3d}  false alarms {self.false_alarms:3d}  "
                f"clean {self.clean:3d}  precision {precision:>4}  recall {recall:>4}")


def _go_files(root: Path) -> list[Path]:
    return [path for path in sorted(root.rglob("*.go")) if "vendor" not in path.parts]


def labelled(root: Path) -> list[str]:
    """The classes a suite labels somewhere (in either half): a suite that never labels a class, such as
    a linter about `rows.Err` for closing, says nothing about that class's findings."""
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in _go_files(root)]
    return [name for name, cls in CLASSES.items() if any(cls.label.search(text) for text in texts)]


def score(dirs: list[Path]) -> dict[tuple[str, str], Score]:
    scores: dict[tuple[str, str], Score] = defaultdict(Score)
    for root in dirs:
        classes = labelled(root)
        for path in _go_files(root):
            rel = f"{root.name}/{path.relative_to(root)}"
            text = path.read_text(encoding="utf-8", errors="replace")
            lines = text.splitlines()
            outcome = run_checks([context_for_text(path.name, text)], categories=(Category.ERROR_HANDLING,))
            split = split_of(rel)
            for name in classes:
                cls = CLASSES[name]
                found = {f.line for f in outcome.findings if f.rule_id in cls.checks}
                calls = {i for i, line in enumerate(lines, 1) if cls.call.search(line.split("//")[0])}
                positives = {i for i in calls if cls.label.search(lines[i - 1])}
                negatives = {i for i in calls if not _WANT.search(lines[i - 1])}
                found -= {i for i in calls if _WANT.search(lines[i - 1]) and i not in positives}
                s = scores[(name, split)]
                s.hits += len(positives & found)
                s.misses += len(positives - found)
                s.false_alarms += len(found - positives)
                s.clean += len(negatives - found)
                for no in sorted((positives - found) | (found - positives)):
                    kind = "miss" if no in positives else "false alarm"
                    s.shown.append(f"  {kind}: {rel}:{no}: {lines[no - 1].strip()[:100]}")
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--show", choices=("dev",), help="list the dev split's misses and false alarms")
    args = parser.parse_args()
    for name in args.dirs:
        if not name.is_dir():
            parser.exit(2, f"error: {name} is not a directory\n")
    scores = score(args.dirs)
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    for split in splits:
        for name in CLASSES:
            s = scores[(name, split)]
            print(f"{split:4}  {name:26}  {s.line()}")
            if args.show == "dev" and split == "dev":
                print("\n".join(s.shown))


if __name__ == "__main__":
    main()
