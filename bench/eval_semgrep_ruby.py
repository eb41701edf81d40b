"""Score the Ruby/Rails checks on semgrep-rules' Ruby rule tests (labelled data the checks were not tuned on).

Each rule of semgrep-rules has a test file whose lines are labelled by a comment on the line above:
`# ruleid: <rule>` (the rule must match the next line) or `# ok: <rule>` (it must not). This script reads
the test files of the rules listed in CLASSES straight from a git clone (nothing is copied into this
repository), runs persona-review's checks on each file as a whole file, and prints per class and split:

- recall: `ruleid` lines covered by a finding of the class's checks;
- false alarms: `ok` lines covered by such a finding;
- unlabelled: findings of the class's checks on lines with no label (neither counted right nor wrong).

Several of these rules are audits that flag every use of an API (`html_safe`, `send`), while the checks
flag only request data or interpolation; their recall measures that difference. The split is a stable hash
of the file path: look at **dev**, only score **test**.

    python bench/eval_semgrep_ruby.py SEMGREP_RULES_GIT_DIR [--split dev|test|both] [--show]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
from dataclasses import dataclass, field

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category

CLASSES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # class: (rule test files, check ids)
    "sql": (("ruby/rails/security/brakeman/check-sql.rb",
             "ruby/rails/security/injection/tainted-sql-string.rb"), ("RB-SQL-INTERPOLATION",)),
    "shell": (("ruby/lang/security/dangerous-exec.rb", "ruby/lang/security/dangerous-subshell.rb",
               "ruby/lang/security/dangerous-open3-pipeline.rb",
               "ruby/rails/security/audit/avoid-tainted-shell-call.rb"), ("RB-SHELL-INTERPOLATION",)),
    "redirect": (("ruby/rails/security/brakeman/check-redirect-to.rb",
                  "ruby/rails/security/audit/xss/avoid-redirect.rb"), ("RB-OPEN-REDIRECT",)),
    "code-injection": (("ruby/lang/security/no-send.rb", "ruby/lang/security/no-eval.rb",
                        "ruby/rails/security/brakeman/check-unsafe-reflection.rb",
                        "ruby/rails/security/brakeman/check-unsafe-reflection-methods.rb",
                        "ruby/lang/security/bad-deserialization.rb",
                        "ruby/lang/security/bad-deserialization-yaml.rb"), ("RB-CODE-INJECTION",)),
    "mass-assignment": (("ruby/lang/security/mass-assignment-protection-disabled.rb",
                         "ruby/lang/security/unprotected-mass-assign.rb",
                         "ruby/lang/security/create-with.rb"),
                        ("RB-MASS-ASSIGNMENT",)),
    "xss-in-ruby": (("ruby/rails/security/audit/xss/avoid-render-inline.rb",
                     "ruby/rails/security/audit/xss/avoid-render-text.rb",
                     "ruby/rails/security/audit/xss/avoid-raw.rb",
                     "ruby/rails/security/audit/xss/avoid-html-safe.rb"), ("RB-UNESCAPED-HTML",)),
    "file-path": (("ruby/rails/security/brakeman/check-send-file.rb",
                   "ruby/rails/security/brakeman/check-render-local-file-include.rb",
                   "ruby/rails/security/audit/avoid-tainted-file-access.rb",
                   "ruby/rails/security/audit/xss/avoid-render-dynamic-path.rb"), ("RB-FILE-PATH",)),
    "hardcoded-secret": (("ruby/rails/security/brakeman/check-rails-session-secret-handling.rb",
                          "ruby/rails/security/brakeman/check-secrets.rb"), ("RB-HARDCODED-SECRET",)),
}
_LABEL = re.compile(r"#\s*(ruleid|ok|todoruleid|todook)\s*:\s*([\w.-]+)")


def git(repo: str, *args: str) -> str:
    done = subprocess.run(["git", "--git-dir", repo, *args], check=True, capture_output=True, text=True)
    return done.stdout


def split_of(path: str) -> str:
    return "dev" if hashlib.sha256(path.encode()).digest()[0] % 2 == 0 else "test"


def labels(text: str) -> tuple[set[int], set[int]]:
    """Lines the rule must match and lines it must not (the next code line after each label comment)."""
    lines = text.split("\n")
    positive: set[int] = set()
    negative: set[int] = set()
    for index, line in enumerate(lines):
        match = _LABEL.search(line)
        if match is None or match.group(1).startswith("todo"):
            continue
        target = index + 1
        while target < len(lines) and (not lines[target].strip() or lines[target].lstrip().startswith("#")):
            target += 1
        if line.split("#", 1)[0].strip():
            target = index  # a label at the end of a code line labels that line
        (positive if match.group(1) == "ruleid" else negative).add(target + 1)
    return positive, negative


@dataclass(slots=True)
class Score:
    positives: int = 0
    found: int = 0
    negatives: int = 0
    false_alarms: int = 0
    unlabelled: int = 0
    notes: list[str] = field(default_factory=list)


def score(repo: str, split: str) -> dict[str, Score]:
    present = set(git(repo, "ls-tree", "-r", "--name-only", "HEAD", "ruby/").split())
    scores = {name: Score() for name in CLASSES}
    for name, (paths, ids) in CLASSES.items():
        s = scores[name]
        for path in paths:
            if path not in present or (split != "both" and split_of(path) != split):
                continue
            text = git(repo, "show", f"HEAD:{path}")
            positive, negative = labels(text)
            outcome = run_checks([context_for_text(path, text)], categories=list(Category))
            spans = [(f.line or 0, f.end_line or f.line or 0) for f in outcome.findings if f.rule_id in ids]
            covered = {n for first, last in spans for n in range(first, last + 1)}
            s.positives += len(positive)
            s.found += len(positive & covered)
            s.negatives += len(negative)
            s.false_alarms += len(negative & covered)
            labelled = positive | negative
            s.unlabelled += sum(1 for first, last in spans if not labelled & set(range(first, last + 1)))
            s.notes.extend(f"miss {path}:{n}" for n in sorted(positive - covered))
            s.notes.extend(f"false alarm {path}:{n}" for n in sorted(negative & covered))
    return scores


def report(scores: dict[str, Score], split: str, show: bool) -> None:
    print(f"split: {split}")
    print(f"{'class':<18} {'ruleid':>6} {'found':>6} {'recall':>7} {'ok':>5} {'flagged':>8} "
          f"{'unlabelled':>11}")
    for name, s in scores.items():
        recall = f"{s.found / s.positives:.2f}" if s.positives else "-"
        print(f"{name:<18} {s.positives:>6} {s.found:>6} {recall:>7} {s.negatives:>5} {s.false_alarms:>8} "
              f"{s.unlabelled:>11}")
        if show and split == "dev":
            for note in s.notes:
                print(f"  {note}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("repo", help="git directory of a semgrep-rules clone")
    parser.add_argument("--split", choices=("dev", "test", "both"), default="dev")
    parser.add_argument("--show", action="store_true", help="list misses and false alarms (dev only)")
    args = parser.parse_args()
    try:
        for split in ("dev", "test") if args.split == "both" else (args.split,):
            report(score(args.repo, split), split, args.show)
    except subprocess.CalledProcessError as exc:
        print(f"error: git failed on {args.repo}: {exc.stderr.strip()}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
