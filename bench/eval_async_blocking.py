"""Score PY-BLOCKING-IN-ASYNC on two linters' labelled test files (data the check was not tuned on).

Sources, read straight from git clones (nothing is copied into this repository):
- flake8-async (`tests/eval_files/*.py`): a call the linter must report carries a `# ASYNCnnn: ...` comment on
  its line;
- ruff's port of the same rules (`crates/ruff_linter/resources/test/fixtures/flake8_async/*.py`), labelled by
  the `file:line:col` positions in its snapshot files (`src/rules/flake8_async/snapshots/*.snap`).

Only the rules for what this check reports are scored: synchronous HTTP calls (ASYNC210-212), processes run
to completion and waits (ASYNC221, ASYNC222) and `time.sleep` (ASYNC251). Lines labelled with other rules
(starting a process, ASYNC220; local file I/O, ASYNC23x; `input`, ASYNC250; cancel scopes...) count neither
way. A labelled line with a finding is found; a finding on a line without a scored label is a false alarm
(by the linter's judgement). A file is scored only when the linter's own test ran a scored rule on it
(flake8-async: the rule in the file name and `# ARG --enable=`; ruff: a snapshot named for the rule and the
file). Each file is whole, once.

The split is a stable hash of `source/file name`: **dev** files may be read while working on the check,
**test** files are only scored.

    python bench/eval_async_blocking.py --flake8-async GIT_DIR --ruff GIT_DIR [--split dev|test|both] [--show]

`--show` lists misses and false alarms of the dev split only.
"""

from __future__ import annotations

import argparse
import re
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from _line_scores import LineScore, split_of
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "PY-BLOCKING-IN-ASYNC"
SCORED = {"ASYNC210": "http", "ASYNC211": "http", "ASYNC212": "http", "ASYNC221": "process",
          "ASYNC222": "process", "ASYNC251": "sleep"}
_COMMENT_LABEL = re.compile(r"#\s*(ASYNC\d{3})\b")
_SNAP_ARROW = re.compile(r"-->\s*(ASYNC\w+\.py):(\d+):\d+")
_SNAP_OLD = re.compile(r"^(ASYNC\w+\.py):(\d+):\d+:\s*(ASYNC\d{3})", re.MULTILINE)
_SNAP_RULE = re.compile(r"^(ASYNC\d{3})\b", re.MULTILINE)
_RUFF_FIXTURES = "crates/ruff_linter/resources/test/fixtures/flake8_async"
_RUFF_SNAPSHOTS = "crates/ruff_linter/src/rules/flake8_async/snapshots"



@dataclass
class Case:
    name: str  # "source/file.py"
    text: str
    labels: dict[int, set[str]] = field(default_factory=dict)  # line -> rule codes
    rules: set[str] = field(default_factory=set)  # the rules the linter ran on this file when testing it


def _git(git_dir: Path, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", str(git_dir), *args], check=True, capture_output=True,
                          text=True).stdout


def flake8_async_cases(git_dir: Path) -> list[Case]:
    out = []
    for path in _git(git_dir, "ls-tree", "-r", "--name-only", "HEAD", "tests/eval_files").split():
        if not path.endswith(".py"):
            continue
        text = _git(git_dir, "show", f"HEAD:{path}")
        case = Case(f"flake8-async/{Path(path).name}", text, rules=_file_rules(Path(path).name, text))
        for no, line in enumerate(text.splitlines(), 1):
            codes = set(_COMMENT_LABEL.findall(line)) if not line.lstrip().startswith("#") else set()
            if codes:
                case.labels[no] = codes
        out.append(case)
    return out


_NAMED_RULE = re.compile(r"^async(\d{2}[\dx])", re.IGNORECASE)
_ENABLE = re.compile(r"^#\s*ARG\s+--enable=([\w,]+)", re.MULTILINE)
_SNAP_NAME = re.compile(r"__(ASYNC\d{3})_(\w+\.py)\.snap$")


def _file_rules(name: str, text: str) -> set[str]:
    """flake8-async's harness checks a file for the rule its name gives (`async22x.py`: ASYNC220-229) and
    those its `# ARG --enable=` line adds; what other rules would say there is not labelled."""
    rules: set[str] = set()
    named = _NAMED_RULE.match(name)
    if named is not None:
        stem = named.group(1).lower()
        rules |= {f"ASYNC{stem[:2]}{d}" for d in "0123456789"} if stem.endswith("x") else {f"ASYNC{stem}"}
    for listed in _ENABLE.findall(text):
        rules |= {code.strip().upper() for code in listed.split(",") if code.strip()}
    return rules


def ruff_cases(git_dir: Path) -> list[Case]:
    labels: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    rules: dict[str, set[str]] = defaultdict(set)
    for path in _git(git_dir, "ls-tree", "-r", "--name-only", "HEAD", _RUFF_SNAPSHOTS).split():
        snap = _git(git_dir, "show", f"HEAD:{path}")
        named = _SNAP_NAME.search(path)
        if named is not None:  # ruff's test ran this one rule on this one fixture
            rules[named.group(2)].add(named.group(1))
        for fixture, no, code in _SNAP_OLD.findall(snap):
            labels[fixture][int(no)].add(code)
        # The newer format: a block starting with the rule code, then ` --> FILE:LINE:COL`.
        rule = ""
        for line in snap.splitlines():
            head = _SNAP_RULE.match(line)
            if head is not None:
                rule = head.group(1)
            arrow = _SNAP_ARROW.search(line)
            if arrow is not None and rule:
                labels[arrow.group(1)][int(arrow.group(2))].add(rule)
    out = []
    for path in _git(git_dir, "ls-tree", "-r", "--name-only", "HEAD", _RUFF_FIXTURES).split():
        name = Path(path).name
        if name.endswith(".py"):
            out.append(Case(f"ruff/{name}", _git(git_dir, "show", f"HEAD:{path}"), dict(labels.get(name, {})),
                            rules[name]))
    return out



def score(cases: list[Case]) -> dict[tuple[str, str], LineScore]:
    scores: dict[tuple[str, str], LineScore] = defaultdict(LineScore)
    for case in cases:
        if not case.rules & set(SCORED):
            continue  # the linter's tests never asked these rules about this file
        scored = {no: {SCORED[c] for c in codes if c in SCORED} for no, codes in case.labels.items()}
        scored = {no: kinds for no, kinds in scored.items() if kinds}
        other = {no for no, codes in case.labels.items() if not any(c in SCORED for c in codes)}
        split = split_of(case.name)
        lines = case.text.splitlines()
        flagged = {f.line for f in run_checks([context_for_text("svc/" + case.name.split("/")[1], case.text)]
                                              ).findings if f.rule_id == RULE and f.line is not None}
        for no, kinds in scored.items():
            for kind in kinds:
                s = scores[(kind, split)]
                if no in flagged:
                    s.found += 1
                else:
                    s.missed += 1
                    s.notes.append(f"missed  {case.name}:{no}: {lines[no - 1].strip()}")
        for no in sorted(flagged - set(scored) - other):
            s = scores[("false alarm", split)]
            s.false_alarms += 1
            s.notes.append(f"false   {case.name}:{no}: {lines[no - 1].strip()}")
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--flake8-async", type=Path, help="git dir of python-trio/flake8-async")
    parser.add_argument("--ruff", type=Path, help="git dir of astral-sh/ruff")
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--show", action="store_true", help="list the dev split's misses and false alarms")
    args = parser.parse_args()
    cases: list[Case] = []
    if args.flake8_async:
        cases += flake8_async_cases(args.flake8_async)
    if args.ruff:
        cases += ruff_cases(args.ruff)
    if not cases:
        parser.error("give --flake8-async and/or --ruff")
    scores = score(cases)
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    for split in splits:
        total = LineScore()
        for kind in ("http", "process", "sleep"):
            s = scores[(kind, split)]
            total.found += s.found
            total.missed += s.missed
            print(f"{split:4}  {kind:8}  {s.line()}")
        total.false_alarms = scores[("false alarm", split)].false_alarms
        print(f"{split:4}  {'all':8}  {total.line()}")
        files = sorted(c.name for c in cases if split_of(c.name) == split and c.rules & set(SCORED))
        print(f"{split:4}  files with scored labels: {', '.join(files)}")
    if args.show and "dev" in splits:
        for kind in ("http", "process", "sleep", "false alarm"):
            for note in scores[(kind, "dev")].notes:
                print(note)


if __name__ == "__main__":
    main()
