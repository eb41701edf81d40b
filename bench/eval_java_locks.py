"""Score JAVA-LOCK-HELD on labelled Java test files written for other tools' lock rules (nothing copied here).

Sources:
- sonar-java's samples for its rule S2222 "Locks should be released" (`LocksNotUnlockedCheckSample*.java`,
  `LocksNotUnlockedCheckCache.java`), read from a git clone at the commit before the symbolic-execution
  checks left the repository; a line the rule must report carries `// Noncompliant`.
- CodeQL's `java/ql/test/query-tests/UnreleasedLock` test (the `.java` file and its `.expected` results),
  given as two local files.
- The Juliet Java test suite's lock-release cases (CWE404 `ReentrantLock`, CWE667 `Improper_Locking`):
  an acquisition in a method whose name holds `Bad` is labelled, one in a `Good` method is not.

Each acquisition labelled is found when a finding lands on its line; any other finding is a false alarm by
that suite's judgement. Note what the suites label that this check leaves alone on purpose: a lock the
method never releases (S2222 and Juliet CWE667 count it; here it is taken as handed on to a release
method), and a `finally` that runs other code before `unlock()` (CodeQL's `bad4`).

The split is a stable hash of `suite/path`: **dev** files may be read while working on the check, **test**
files are only scored.

    python bench/eval_java_locks.py [--sonar-java GIT_DIR] [--codeql JAVA EXPECTED] [--juliet GIT_DIR]
"""

from __future__ import annotations

import argparse
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from _line_scores import LineScore, split_of
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "JAVA-LOCK-HELD"
_SONAR_BEFORE_REMOVAL = "4765a65ffb~1"
_SONAR_DIR = "java-symbolic-execution/java-symbolic-execution-checks-test-sources/src/main"
_EXPECTED = re.compile(r"^\|\s*[\w.]+\.java:(\d+):", re.MULTILINE)
_ACQUIRE = re.compile(r"\.(?:lock|lockInterruptibly|tryLock)\(\)")
_METHOD = re.compile(r"^\s*(?:public|private|protected|static|\s)*[\w<>\[\]]+\s+(\w+)\s*\(")



@dataclass
class Case:
    name: str
    text: str
    labels: set[int] = field(default_factory=set)
    negatives: set[int] | None = None
    """Lines known not to be findings; None when every unlabelled line counts."""


def _git(git_dir: Path, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", str(git_dir), *args], check=True, capture_output=True,
                          text=True).stdout


def sonar_cases(git_dir: Path) -> list[Case]:
    out = []
    listing = _git(git_dir, "ls-tree", "-r", "--name-only", _SONAR_BEFORE_REMOVAL, _SONAR_DIR)
    for path in listing.split():
        if "LocksNotUnlocked" not in path or not path.endswith(".java"):
            continue
        text = _git(git_dir, "show", f"{_SONAR_BEFORE_REMOVAL}:{path}")
        labels = {no for no, line in enumerate(text.splitlines(), 1) if "// Noncompliant" in line}
        out.append(Case(f"sonar-java/{path}", text, labels))
    return out


def codeql_case(java: Path, expected: Path) -> Case:
    labels = {int(n) for n in _EXPECTED.findall(expected.read_text())}
    return Case(f"codeql/{java.name}", java.read_text(), labels)


def juliet_cases(git_dir: Path) -> list[Case]:
    out = []
    for path in _git(git_dir, "ls-tree", "-r", "--name-only", "HEAD", "src/testcases").split():
        name = Path(path).name
        if not (name.startswith("CWE404_") and "ReentrantLock" in name) and not name.startswith("CWE667_"):
            continue
        text = _git(git_dir, "show", f"HEAD:{path}")
        case = Case(f"juliet/{name}", text, negatives=set())
        method = ""
        for no, line in enumerate(text.splitlines(), 1):
            found = _METHOD.match(line)
            if found is not None and not line.rstrip().endswith(";"):
                method = found.group(1).lower()
            if _ACQUIRE.search(line):
                if "bad" in method:
                    case.labels.add(no)
                elif "good" in method and case.negatives is not None:
                    case.negatives.add(no)
        out.append(case)
    return out



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sonar-java", type=Path, help="git dir of SonarSource/sonar-java")
    parser.add_argument("--codeql", type=Path, nargs=2, metavar=("JAVA", "EXPECTED"))
    parser.add_argument("--juliet", type=Path, help="git dir of a Juliet Java test suite clone")
    parser.add_argument("--show", action="store_true", help="list the dev split's misses and false alarms")
    args = parser.parse_args()
    cases: list[Case] = []
    if args.sonar_java:
        cases += sonar_cases(args.sonar_java)
    if args.codeql:
        cases.append(codeql_case(*args.codeql))
    if args.juliet:
        cases += juliet_cases(args.juliet)
    if not cases:
        parser.error("give at least one suite")
    scores: dict[tuple[str, str], LineScore] = {}
    for case in cases:
        suite, split = case.name.split("/", 1)[0], split_of(case.name)
        score = scores.setdefault((suite, split), LineScore())
        total = scores.setdefault(("all", split), LineScore())
        flagged = {f.line for f in run_checks([context_for_text(Path(case.name).name, case.text)]).findings
                   if f.rule_id == RULE and f.line is not None}
        lines = case.text.splitlines()
        for no in sorted(case.labels | flagged):
            if no in case.labels and no in flagged:
                kind = "found"
            elif no in case.labels:
                kind = "missed"
            elif case.negatives is None or no in case.negatives:
                kind = "false_alarms"
            else:
                continue
            for s in (score, total):
                setattr(s, kind, getattr(s, kind) + 1)
            if args.show and split == "dev" and kind != "found":
                print(f"{kind:12} {case.name}:{no}: {lines[no - 1].strip()}")
    for (suite, split), score in sorted(scores.items(), key=lambda item: (item[0][1], item[0][0] == "all")):
        print(f"{split:4}  {suite:10}  {score.line()}")
    for split in ("dev", "test"):
        print(f"{split} files: {', '.join(sorted(c.name for c in cases if split_of(c.name) == split))}")


if __name__ == "__main__":
    main()
