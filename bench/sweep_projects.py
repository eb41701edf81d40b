"""False alarms per 1,000 lines: a few checks run over every source file of real projects, to read each hit.

Each repository is read at its HEAD from a bare git directory (the `fetch` mirrors), every file of the
chosen languages reviewed whole, with every line added; vendored, generated and minified files are left out
(`node_modules/`, `vendor/`, `dist/`, `*.min.js`, `*.d.ts`), and so are tests unless `--tests` is given.
Printed per repository: files, lines, hits and hits per 1,000 lines, then every hit (path, line, the line's
code and the message), for a person to judge.

    python bench/sweep_projects.py GIT_DIR [GIT_DIR ...] --checks JS-TIMING-COMPARE,JS-COOKIE-INSECURE
        [--tests]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from persona_review.checks.registry import load_all
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

SUFFIXES = {".js": "javascript", ".mjs": "javascript", ".cjs": "javascript", ".jsx": "javascript",
            ".ts": "typescript", ".tsx": "typescript", ".go": "go", ".java": "java", ".py": "python",
            ".rb": "ruby", ".sql": "sql"}
_SKIPPED = re.compile(r"(?:^|/)(?:node_modules|vendor|dist|build|third_party)/|\.min\.js$|\.d\.ts$")
_TESTS = re.compile(r"(?:^|/)(?:tests?|__tests__|spec|e2e|testdata|fixtures?|mocks?)/|"
                    r"[._-](?:test|spec)\.\w+$|_test\.go$|Tests?\.java$")


def _files(git_dir: Path, languages: set[str], tests: bool) -> list[tuple[str, str]]:
    listing = subprocess.run(["git", "--git-dir", str(git_dir), "ls-tree", "-r", "HEAD"], check=True,
                             capture_output=True, text=True).stdout
    wanted: list[tuple[str, str]] = []
    for row in listing.splitlines():
        meta, path = row.split("\t", 1)
        _mode, kind, blob = meta.split()
        suffix = Path(path).suffix
        if kind != "blob" or SUFFIXES.get(suffix) not in languages or _SKIPPED.search(path):
            continue
        if not tests and _TESTS.search(path):
            continue
        wanted.append((path, blob))
    out: list[tuple[str, str]] = []
    for path, blob in wanted:
        data = subprocess.run(["git", "--git-dir", str(git_dir), "cat-file", "blob", blob], check=True,
                              capture_output=True).stdout
        if len(data) < 400_000:
            out.append((path, data.decode("utf-8", errors="replace")))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("git_dirs", nargs="+", type=Path)
    parser.add_argument("--checks", required=True, help="comma-separated check ids")
    parser.add_argument("--tests", action="store_true", help="also read test files")
    args = parser.parse_args()
    ids = {c.strip() for c in args.checks.split(",") if c.strip()}
    registry = load_all()
    specs = {spec.id: spec for spec in registry.specs()}
    unknown = sorted(ids - set(specs))
    if unknown:
        print(f"unknown check ids: {', '.join(unknown)}", file=sys.stderr)
        return 2
    languages = {lang for check in ids for lang in specs[check].languages}
    categories = {specs[check].category for check in ids}
    total_lines = total_hits = 0
    for git_dir in args.git_dirs:
        files = _files(git_dir, languages, args.tests)
        lines = sum(text.count("\n") + 1 for _path, text in files)
        hits: list[str] = []
        for path, text in files:
            outcome = run_checks([context_for_text(path, text)], categories=categories, enabled=ids)
            source = text.splitlines()
            for finding in outcome.findings:
                if finding.rule_id in ids and finding.line is not None:
                    code = source[finding.line - 1].strip()[:100] if finding.line <= len(source) else ""
                    hits.append(f"  {finding.rule_id} {path}:{finding.line}: {code}\n      {finding.body}")
        total_lines += lines
        total_hits += len(hits)
        rate = 1000 * len(hits) / lines if lines else 0.0
        print(f"{git_dir}: {len(files)} files, {lines} lines, {len(hits)} hits, {rate:.3f} per 1,000 lines")
        for row in hits:
            print(row)
    rate = 1000 * total_hits / total_lines if total_lines else 0.0
    print(f"all: {total_lines} lines, {total_hits} hits, {rate:.3f} per 1,000 lines")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
