"""Score the Ruby/Rails checks on Brakeman's test applications (labelled data the checks were not tuned on).

Brakeman's repository holds small Rails applications (`test/apps/<app>`) and, for each, a test file
(`test/tests/<name>.rb`) that asserts every warning Brakeman reports on it: `assert_warning` with the
warning type, the file and the line, and `assert_no_warning` for code that must stay quiet. This script
reads those assertions straight from a git clone of Brakeman (nothing is copied into this repository), runs
persona-review's checks on every Ruby file of each application as a whole file, and prints recall and
precision per class for a **dev** split (files you may read while working on the checks) and a **test**
split (files you only score). The split is a stable hash of `app/path`.

A labelled warning counts as found when a finding of the class's checks in the same file starts within
`--slack` lines of it (Brakeman reports a multi-line call on the line of its receiver, the checks on the
line of the called method); each finding is matched to one warning at most, same-line matches first.
A finding of a class's checks that matches no labelled warning of that class is a false alarm, as judged
by Brakeman: a rule Brakeman lacks counts against the checks.
Templates (`.erb`, `.haml`) and YAML are outside what the checks read and are left out of the counts.

    python bench/eval_brakeman.py BRAKEMAN_GIT_DIR [--split dev|test|both] [--show]

`--show` lists the misses and false alarms, for the dev split only.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category

CLASSES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    # class: (Brakeman warning types, check ids, message filter)
    "sql": (("SQL Injection",), ("RB-SQL-INTERPOLATION",), ""),
    "shell": (("Command Injection",), ("RB-SHELL-INTERPOLATION",), ""),
    "mass-assignment": (("Mass Assignment",), ("RB-MASS-ASSIGNMENT",), ""),
    "redirect": (("Redirect",), ("RB-OPEN-REDIRECT",), ""),
    "code-injection": (("Remote Code Execution", "Dangerous Send", "Dangerous Eval"), ("RB-CODE-INJECTION",),
                       ""),
    "xss-in-ruby": (("Cross-Site Scripting",), ("RB-UNESCAPED-HTML",), ""),
    "file-path": (("File Access", "Dynamic Render Path", "Path Traversal", "Directory Traversal"),
                  ("RB-FILE-PATH",), ""),
    "hardcoded-secret": (("Session Setting",), ("RB-HARDCODED-SECRET",), "secret"),
}
_SKIPPED_TESTS = {"only_files_option.rb"}
"""Test files that scan an application another test file already covers."""

_ASSERT = re.compile(r"\bassert_(no_)?warning\b")
_FIELD = {
    "warning_type": re.compile(r"""(?::warning_type\s*=>|warning_type:)\s*"([^"]+)\""""),
    "line": re.compile(r"(?::line\s*=>|\bline:)\s*(\d+)"),
    "relative_path": re.compile(r"""(?::relative_path\s*=>|relative_path:)\s*"([^"]+)\""""),
    "file": re.compile(r"(?::file\s*=>|\bfile:)\s*/(.+?)/(?=[,\s]|$)"),
    "message": re.compile(r"(?::message\s*=>|message:)\s*/(.+?)/(?=[,\s]|$)"),
}
_SCAN = re.compile(r"""run_scan\(?\s*"([^"]+)\"""")


@dataclass(frozen=True, slots=True)
class Label:
    app: str
    path: str
    line: int
    warning_type: str
    message: str
    positive: bool


def git(repo: str, *args: str) -> str:
    done = subprocess.run(["git", "--git-dir", repo, *args], check=True, capture_output=True, text=True)
    return done.stdout


def read_labels(repo: str, files: dict[str, list[str]]) -> list[Label]:
    labels: list[Label] = []
    for name in git(repo, "ls-tree", "--name-only", "HEAD", "test/tests/").split():
        base = name.rsplit("/", 1)[-1]
        if base in _SKIPPED_TESTS:
            continue
        text = git(repo, "show", f"HEAD:{name}")
        scan = _SCAN.search(text)
        if scan is None or scan.group(1) not in files:
            continue
        app = scan.group(1)
        starts = [m for m in _ASSERT.finditer(text)]
        for index, match in enumerate(starts):
            end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
            block = text[match.start() : end]
            block = block.split("\n  end", 1)[0]
            values = {key: pattern.search(block) for key, pattern in _FIELD.items()}
            if values["warning_type"] is None or values["line"] is None:
                continue
            path = _path_of(values["relative_path"], values["file"], files[app])
            if path is None:
                continue
            message = values["message"].group(1) if values["message"] else ""
            labels.append(Label(app, path, int(values["line"].group(1)), values["warning_type"].group(1),
                                message.replace("\\ ", " "), match.group(1) is None))
    return labels


def _path_of(relative: re.Match[str] | None, file: re.Match[str] | None, paths: list[str]) -> str | None:
    if relative is not None:
        return relative.group(1) if relative.group(1) in paths else None
    if file is None:
        return None
    pattern = re.compile(file.group(1))
    found = [p for p in paths if pattern.search(p)]
    return found[0] if len(found) == 1 else None


def app_files(repo: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for path in git(repo, "ls-tree", "-r", "--name-only", "HEAD", "test/apps/").split("\n"):
        parts = path.split("/", 3)
        if len(parts) == 4 and path.endswith(".rb") and not parts[3].startswith(("test/", "spec/")):
            out[parts[2]].append(parts[3])
    return dict(out)


def split_of(app: str, path: str) -> str:
    digest = hashlib.sha256(f"{app}/{path}".encode()).digest()
    return "dev" if digest[0] % 2 == 0 else "test"


@dataclass(slots=True)
class Score:
    positives: int = 0
    found: int = 0
    findings: int = 0
    matching: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)


def labelled(label: Label, types: tuple[str, ...], message_filter: str) -> bool:
    return label.warning_type in types and message_filter.lower() in (label.message.lower() or message_filter)


def score(repo: str, split: str, slack: int) -> dict[str, Score]:
    files = app_files(repo)
    labels = read_labels(repo, files)
    by_file: dict[tuple[str, str], list[Label]] = defaultdict(list)
    for label in labels:
        by_file[(label.app, label.path)].append(label)
    scores = {name: Score() for name in CLASSES}
    for app, paths in sorted(files.items()):
        for path in sorted(paths):
            if split != "both" and split_of(app, path) != split:
                continue
            text = git(repo, "show", f"HEAD:test/apps/{app}/{path}")
            outcome = run_checks([context_for_text(path, text)], categories=list(Category))
            for name, (types, ids, message_filter) in CLASSES.items():
                lines = {lb.line: lb for lb in by_file.get((app, path), []) if lb.positive
                         and labelled(lb, types, message_filter)}
                wanted = list(lines.values())  # two warnings of one class on one line count once
                found = [f for f in outcome.findings if f.rule_id in ids]
                s = scores[name]
                s.positives += len(wanted)
                s.findings += len(found)
                unused = list(found)
                open_labels = sorted(wanted, key=lambda lb: lb.line)
                for reach in (0, slack):  # same-line matches first, then the nearby ones
                    for label in list(open_labels):
                        match = min((f for f in unused if _near(f.line or 0, f.end_line, label.line, reach)),
                                    key=lambda f: abs((f.line or 0) - label.line), default=None)
                        if match is not None:
                            unused.remove(match)
                            open_labels.remove(label)
                            s.found += 1
                            s.matching += 1
                s.misses.extend(f"{app}/{path}:{lb.line} {lb.warning_type}" for lb in open_labels)
                for finding in unused:
                    if any(_near(finding.line or 0, finding.end_line, lb.line, slack) for lb in wanted):
                        s.matching += 1  # a second finding on a warning already found
                    else:
                        where = f"{app}/{path}:{finding.line}"
                        s.false_alarms.append(f"{where} {finding.rule_id}: {finding.body}")
    return scores


def _near(line: int, end: int | None, target: int, slack: int) -> bool:
    return line - slack <= target <= (end or line) + slack


def report(scores: dict[str, Score], split: str, show: bool) -> None:
    print(f"split: {split}")
    print(f"{'class':<18} {'labels':>6} {'found':>6} {'recall':>7} {'findings':>9} {'precision':>10}")
    total = Score()
    for name, s in scores.items():
        recall = f"{s.found / s.positives:.2f}" if s.positives else "-"
        precision = f"{s.matching / s.findings:.2f}" if s.findings else "-"
        print(f"{name:<18} {s.positives:>6} {s.found:>6} {recall:>7} {s.findings:>9} {precision:>10}")
        total.positives += s.positives
        total.found += s.found
        total.findings += s.findings
        total.matching += s.matching
    recall = f"{total.found / total.positives:.2f}" if total.positives else "-"
    precision = f"{total.matching / total.findings:.2f}" if total.findings else "-"
    print(f"{'all':<18} {total.positives:>6} {total.found:>6} {recall:>7} {total.findings:>9} "
          f"{precision:>10}")
    if show and split == "dev":
        for name, s in scores.items():
            for miss in s.misses:
                print(f"  miss  [{name}] {miss}")
            for alarm in s.false_alarms:
                print(f"  extra [{name}] {alarm}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("repo", help="git directory of a Brakeman clone")
    parser.add_argument("--split", choices=("dev", "test", "both"), default="dev")
    parser.add_argument("--slack", type=int, default=1)
    parser.add_argument("--show", action="store_true", help="list misses and false alarms (dev only)")
    args = parser.parse_args()
    try:
        splits = ("dev", "test") if args.split == "both" else (args.split,)
        for split in splits:
            report(score(args.repo, split, args.slack), split, args.show)
    except subprocess.CalledProcessError as exc:
        print(f"error: git failed on {args.repo}: {exc.stderr.strip()}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
