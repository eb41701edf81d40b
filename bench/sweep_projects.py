"""False alarms per 1,000 lines: a few checks run over every source file of real projects, to read each hit.

Each repository is read at its HEAD from a bare git directory (the `fetch` mirrors), every file of the
chosen languages reviewed whole, with every line added; vendored, generated and minified files are left out
(`node_modules/`, `vendor/`, `dist/`, `*.min.js`, `*.d.ts`), and so are tests unless `--tests` is given.
A check of configuration files (YAML, or `unknown` for `.properties`/`.xml`) reads those files too.
With `--reviewed`, only the files a pull request changing that one file would have reviewed (the bundled
persona's file selection, default config, the head's other files readable): a hit in browser code the
selection skips is one no user sees. Opt-in checks named are enabled, unless `--as-default` is given: then
only what a review with the default config reports (an opt-in check's `sure` hits) is printed.
Printed per repository: files, lines, hits and hits per 1,000 lines, then every hit (path, line, the line's
code and the message), for a person to judge.

    python bench/sweep_projects.py GIT_DIR [GIT_DIR ...] --checks JS-TIMING-COMPARE,JS-COOKIE-INSECURE
        [--tests] [--reviewed] [--as-default]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from persona_review.checks.registry import load_all
from persona_review.checks.runner import run_checks
from persona_review.config import Config
from persona_review.contexts import context_for_text
from persona_review.diff import Diff, DiffFile, FileStatus
from persona_review.languages import detect_language
from persona_review.persona import load_persona
from persona_review.ruby_jobs import active_job_timing
from persona_review.triggers import select_files

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
        language = SUFFIXES.get(suffix) or detect_language(path)  # config files too (yaml, properties, xml)
        if kind != "blob" or language not in languages or _SKIPPED.search(path):
            continue
        if not tests and _TESTS.search(path):
            continue
        wanted.append((path, blob))
    return _read_blobs(git_dir, wanted)


def _read_blobs(git_dir: Path, wanted: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The text of each (path, blob) under 400,000 bytes, read in one `git cat-file --batch`; a blob the
    snapshot left out (its largest files) is skipped."""
    request = "".join(f"{blob}\n" for _path, blob in wanted).encode()
    raw = subprocess.run(["git", "--git-dir", str(git_dir), "cat-file", "--batch"], input=request,
                         check=True, capture_output=True).stdout
    out: list[tuple[str, str]] = []
    pos = 0
    for path, _blob in wanted:
        header_end = raw.index(b"\n", pos)
        header = raw[pos:header_end].split()
        pos = header_end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue  # "<blob> missing"
        size = int(header[2])
        data = raw[pos:pos + size]
        pos += size + 1
        if size < 400_000:
            out.append((path, data.decode("utf-8", errors="replace")))
    return out


def _reader(git_dir: Path) -> Callable[[Sequence[str]], Mapping[str, str]]:
    """Reads files of the repository at HEAD (each once)."""
    cache: dict[str, str | None] = {}

    def read(paths: Sequence[str]) -> Mapping[str, str]:
        for path in paths:
            if path not in cache:
                proc = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"HEAD:{path}"],
                                      capture_output=True, check=False)
                cache[path] = proc.stdout.decode("utf-8", errors="replace") if proc.returncode == 0 else None
        return {path: text for path in paths if (text := cache[path]) is not None}

    return read


def _reviewed(git_dir: Path, files: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The files the selection reviews when a pull request changes only that file."""
    persona, config = load_persona(None), Config()
    read = _reader(git_dir)
    kept: list[tuple[str, str]] = []
    for path, text in files:
        added = dict(enumerate(text.splitlines(), start=1))
        diff = Diff([DiffFile(path, None, FileStatus.ADDED, added=added, commentable=frozenset(added))])
        if select_files(diff, persona, config, read).reviewed:
            kept.append((path, text))
    return kept


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("git_dirs", nargs="+", type=Path)
    parser.add_argument("--checks", required=True, help="comma-separated check ids")
    parser.add_argument("--tests", action="store_true", help="also read test files")
    parser.add_argument("--as-default", action="store_true",
                        help="leave opt-in checks disabled, as the default config does "
                             "(only their sure hits)")
    parser.add_argument("--reviewed", action="store_true",
                        help="only files the file selection reviews (each as a one-file pull request)")
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
        if args.reviewed:
            files = _reviewed(git_dir, files)
        lines = sum(text.count("\n") + 1 for _path, text in files)
        timing = active_job_timing(_reader(git_dir)) if "ruby" in languages else None
        hits: list[str] = []
        for path, text in files:
            outcome = run_checks([context_for_text(path, text)], categories=categories,
                                 enabled=() if args.as_default else ids,
                                 active_jobs=timing)
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
