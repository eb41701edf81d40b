"""Check a set of hand-written PR cases: every diff parses strictly, every label points at an added line.

    python eval/validate_pr_cases.py eval/pr_cases_batch16 [more set folders]   (needs `unidiff`)

A set folder holds `labels.jsonl` (one label per case) and `diffs/CASE.diff`. Each hunk is recounted by
hand as well as parsed by `unidiff`, so a hand-edited diff whose `@@` counts are off is caught even where
the parser would tolerate it. Exit status 1 when any set has a problem.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from unidiff.errors import UnidiffParseError
from unidiff.patch import PatchSet

HUNK_RE = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
CASE_RE = re.compile(r"^(go|py|js|ts|java|rb)-[a-z0-9]+(?:-[a-z0-9]+)*$")
KEYS = {"case", "file", "line", "expect", "category", "rule", "subtle"}
CATEGORIES = {"error-handling", "security", "migration-safety"}


def check_hunk_counts(text: str) -> list[str]:
    """Count hunk body lines by hand, independently of unidiff."""
    problems: list[str] = []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    i = 0
    while i < len(lines):
        m = HUNK_RE.match(lines[i])
        if not m:
            i += 1
            continue
        want_old = int(m.group(2) or 1)
        want_new = int(m.group(4) or 1)
        got_old = got_new = 0
        i += 1
        while i < len(lines) and (got_old < want_old or got_new < want_new):
            tag = lines[i][:1]
            if tag == " ":
                got_old += 1
                got_new += 1
            elif tag == "-":
                got_old += 1
            elif tag == "+":
                got_new += 1
            elif tag != "\\":
                problems.append(f"unexpected line in hunk: {lines[i]!r}")
                break
            i += 1
        if (got_old, got_new) != (want_old, want_new):
            problems.append(f"hunk {m.group(0)} has -{got_old} +{got_new}")
        if i < len(lines) and lines[i][:1] in " -+" and not lines[i].startswith(("--- ", "+++ ")):
            problems.append(f"hunk {m.group(0)} is followed by extra body line {lines[i]!r}")
    return problems


def check_set(here: Path) -> int:
    """Print the problems of the set in `here` and a count line; return how many problems there were."""
    errors: list[str] = []
    labels: list[dict[str, object]] = []
    for n, raw in enumerate((here / "labels.jsonl").read_text().splitlines(), 1):
        if not raw.strip():
            continue
        try:
            label = json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append(f"labels.jsonl:{n}: {exc}")
            continue
        if set(label) != KEYS:
            errors.append(f"labels.jsonl:{n}: keys {sorted(label)}")
        labels.append(label)

    seen: dict[str, int] = {}
    for label in labels:
        case = str(label.get("case"))
        seen[case] = seen.get(case, 0) + 1
        if not CASE_RE.match(case):
            errors.append(f"{case}: bad case name")
        if label.get("expect") not in ("flag", "clean"):
            errors.append(f"{case}: expect {label.get('expect')!r}")
        if label.get("category") not in CATEGORIES:
            errors.append(f"{case}: category {label.get('category')!r}")
        if not isinstance(label.get("subtle"), bool):
            errors.append(f"{case}: subtle must be a bool")
        if label.get("subtle") and label.get("expect") != "flag":
            errors.append(f"{case}: only flag cases are marked subtle")
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", str(label.get("rule"))):
            errors.append(f"{case}: rule {label.get('rule')!r} is not kebab-case")
        diff_path = here / "diffs" / f"{case}.diff"
        if not diff_path.exists():
            errors.append(f"{case}: no diff")
            continue
        text = diff_path.read_text()
        errors.extend(f"{case}: {p}" for p in check_hunk_counts(text))
        try:
            patch = PatchSet(text)
        except UnidiffParseError as exc:
            errors.append(f"{case}: unidiff cannot parse: {exc}")
            continue
        files = {pf.path: pf for pf in patch}
        pf = files.get(str(label.get("file")))
        if pf is None:
            errors.append(f"{case}: file {label.get('file')} not in diff ({sorted(files)})")
            continue
        for hunk in pf:
            if hunk.source_length != sum(1 for ln in hunk if not ln.is_added):
                errors.append(f"{case}: hunk {hunk.source_start} source count is off")
            if hunk.target_length != sum(1 for ln in hunk if not ln.is_removed):
                errors.append(f"{case}: hunk {hunk.target_start} target count is off")
        added = {ln.target_line_no for hunk in pf for ln in hunk if ln.is_added}
        line = label.get("line")
        if not isinstance(line, int) or line not in added:
            errors.append(f"{case}: line {line} is not an added line of {pf.path}")

    for case, count in seen.items():
        if count != 1:
            errors.append(f"{case}: {count} labels")
    for diff_path in sorted((here / "diffs").glob("*.diff")):
        if diff_path.stem not in seen:
            errors.append(f"{diff_path.name}: diff without a label")

    for e in errors:
        print(e)
    flags = sum(1 for lb in labels if lb.get("expect") == "flag")
    print(f"{here}: {len(labels)} labels ({flags} flag, {len(labels) - flags} clean), {len(errors)} problems")
    return len(errors)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("sets", nargs="+", type=Path, help="folders holding labels.jsonl and diffs/")
    args = parser.parse_args()
    problems = sum(check_set(folder.resolve()) for folder in args.sets)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
