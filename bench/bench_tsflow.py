"""The tree-sitter data flow on real Java changes: how well hunks parse, and what it costs.

Reads the last N commits that change Java files in a git repository (a bare clone will do) and prints:
- **fragments**: for each run of hunk lines (git's three lines of context), whether tree-sitter parses it
  without error nodes as it is, and after the best of the adapter's wrappers (`parse.parse_fragment`);
  error nodes per 100 fragment lines;
- **speed**, on the whole files those commits leave behind: the line-based Java checks (the lexer, every
  Java check that does not read the data flow, and the line-based halves of the SQL and command checks)
  are the baseline of the run; tree-sitter's parse alone, the parse plus the data flow, and every Java
  check as shipped (line-based and flow-based) are printed as ratios to it, with the lines per second of
  each.

    python bench/bench_tsflow.py GIT_DIR [--commits 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from persona_review.checks import java_security
from persona_review.checks._lexing import lex
from persona_review.checks._tsflow.parse import error_count, error_lines, flows, parse_fragment, parse_text
from persona_review.checks.base import FileContext
from persona_review.checks.registry import load_all
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff

FLOW_CHECKS = frozenset(
    {
        "JAVA-SQL-STRING",
        "JAVA-COMMAND-INJECTION",
        "JAVA-WEAK-HASH",
        "JAVA-PATH-TRAVERSAL",
        "JAVA-LDAP-INJECTION",
        "JAVA-XPATH-INJECTION",
        "JAVA-XSS",
        "JAVA-SESSION-TRUST",
        "JAVA-OPEN-REDIRECT",
        "JAVA-SSRF",
        "JAVA-INSECURE-RANDOM",
        "JAVA-COOKIE-INSECURE",
        "JAVA-WEAK-CIPHER",
        "JAVA-XXE",
    }
)
"""Checks that read the data flow (JAVA-SQL-STRING, -COMMAND-INJECTION and -WEAK-HASH also lex)."""


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "--git-dir", str(repo), *args], capture_output=True, check=True)
    return done.stdout.decode("utf-8", errors="replace")


def commits(repo: Path, count: int) -> list[str]:
    return _git(repo, "log", "--no-merges", "--format=%H", f"-n{count}", "--", "*.java").split()


def fragments(repo: Path, shas: list[str]) -> tuple[int, int, int, int, int, int]:
    """(fragments, clean as they are, clean after wrapping, fragment lines, error nodes after wrapping,
    lines inside error nodes after wrapping)."""
    total = raw_clean = clean = lines = errors = lost = 0
    for sha in shas:
        diff = _git(repo, "show", "--format=", "--unified=3", sha, "--", "*.java")
        for diff_file in parse_diff(diff):
            if not diff_file.path.endswith(".java") or not diff_file.added:
                continue
            for _first, texts in build_context(diff_file).segments():
                text = "\n".join(texts)
                total += 1
                lines += len(texts)
                raw_clean += error_count(parse_text("java", text).root_node) == 0
                tree, _shift, found = parse_fragment("java", text)
                clean += found == 0
                errors += found
                lost += error_lines(tree.root_node)
    return total, raw_clean, clean, lines, errors, lost


def whole_files(repo: Path, shas: list[str], limit: int = 400) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for sha in shas:
        for path in _git(repo, "show", "--format=", "--name-only", "--diff-filter=AM", sha).split():
            if path.endswith(".java") and path not in seen and len(out) < limit:
                seen.add(path)
                out.append(_git(repo, "show", f"{sha}:{path}"))
    return out


def _timed(texts: list[str], work: Callable[[FileContext], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        contexts = [context_for_text(f"F{i}.java", text) for i, text in enumerate(texts)]
        start = time.perf_counter()
        for ctx in contexts:
            work(ctx)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    try:
        shas = commits(args.repo, args.commits)
    except (subprocess.CalledProcessError, FileNotFoundError):
        print(f"not a git repository: {args.repo}", file=sys.stderr)
        return 2
    total, raw_clean, clean, lines, errors, lost = fragments(args.repo, shas)
    print(f"{len(shas)} commits, {total} hunk fragments, {lines} lines")
    if total:
        print(
            f"  parse without error nodes: {raw_clean / total:.1%} as they are, {clean / total:.1%} with the "
            f"best wrapper; {100 * errors / max(lines, 1):.2f} error nodes per 100 lines; "
            f"{lost / max(lines, 1):.1%} of the lines inside error nodes"
        )

    texts = whole_files(args.repo, shas)
    count = sum(text.count("\n") + 1 for text in texts)
    registry = load_all()
    line_checks = [
        func for spec, func in registry.checks if "java" in spec.languages and spec.id not in FLOW_CHECKS
    ]
    every_check = [func for spec, func in registry.checks if "java" in spec.languages]

    def baseline(ctx: FileContext) -> None:
        lex(ctx)
        for func in line_checks:
            list(func(ctx))
        list(java_security._sql_string_lines(ctx))
        list(java_security._command_lines(ctx))

    def with_checks(ctx: FileContext) -> None:
        for func in every_check:
            list(func(ctx))

    base = _timed(texts, baseline, args.repeat)
    parse_only = _timed(texts, lambda ctx: parse_text("java", "\n".join(ctx.lines.values())), args.repeat)
    flow = _timed(texts, flows, args.repeat)
    checks = _timed(texts, with_checks, args.repeat)
    print(f"{len(texts)} whole files, {count} lines")
    for name, seconds in (
        ("line-based Java checks (baseline)", base),
        ("tree-sitter parse", parse_only),
        ("parse + data flow", flow),
        ("every Java check, as shipped", checks),
    ):
        print(f"  {name:<38} {seconds / base:>6.2f}x baseline  {count / seconds / 1000:>7.1f}k lines/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
