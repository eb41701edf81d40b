"""How many findings come with a committable suggestion, and how many name an empty thing.

Runs the deterministic checks (offline) on `examples/sample.diff` through the whole pipeline (placement,
grouping: what a reviewer sees), then on each corpus given (every file reviewed as a new file), and prints
per set: findings, findings with a suggested fix (and the share), findings whose title quotes nothing from
the code (the check's generic title), findings whose title or body shows an empty name (the bar is zero),
and the fix count per check.

Real changes: `--repo GIT_DIR` reviews each of the last `--commits` non-merge commits of a git repository
(a bare clone is fine) as one pull request (its diff, hunks only) and sums the findings.

    python bench/bench_suggestions.py [--corpus DIR ...] [--repo GIT_DIR ... --commits 50]
"""

from __future__ import annotations

import argparse
import re
import subprocess
from collections import Counter
from pathlib import Path

from persona_review.checks.registry import load_all
from persona_review.checks.runner import run_checks
from persona_review.config import Config
from persona_review.contexts import context_for_text
from persona_review.diff import parse_diff
from persona_review.findings import Finding
from persona_review.persona import load_persona
from persona_review.pipeline import ReviewInput, run_review

ROOT = Path(__file__).resolve().parents[1]
EMPTY_NAME = re.compile(r"``|\bon\s+(?:without\b|\.|,|:|$)|\bon\s{2,}")


def sample_findings() -> list[Finding]:
    diff = parse_diff((ROOT / "examples" / "sample.diff").read_bytes())
    result = run_review(ReviewInput(diff=diff, config=Config(), persona=load_persona(None), offline=True))
    return result.findings


def corpus_findings(corpus: Path) -> list[Finding]:
    contexts = []
    for path in sorted(corpus.rglob("*")):
        if path.is_file() and path.name not in ("labels.jsonl", "README.md", "NOTICE.md", "LICENSE"):
            text = path.read_bytes().decode("utf-8", errors="replace")
            contexts.append(context_for_text(str(path.relative_to(corpus)), text))
    return run_checks(contexts).findings


def commit_findings(repo: Path, commits: int) -> tuple[int, list[Finding]]:
    """Findings of the last `commits` non-merge commits of `repo`, each reviewed as one pull request."""
    shas = _git(repo, "rev-list", "--no-merges", f"--max-count={commits}", "HEAD").split()
    persona = load_persona(None)
    found: list[Finding] = []
    for sha in shas:
        raw = _git(repo, "show", "--format=", "-M", "--no-color", "--no-ext-diff", sha).encode()
        if raw.strip():
            inp = ReviewInput(diff=parse_diff(raw), config=Config(), persona=persona, offline=True)
            found.extend(run_review(inp).findings)
    return len(shas), found


def _git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, check=True, timeout=120)
    return proc.stdout.decode("utf-8", errors="replace")


def report(name: str, findings: list[Finding]) -> None:
    fixed = [f for f in findings if f.suggested_fix]
    empty = [f for f in findings if EMPTY_NAME.search(f.title) or EMPTY_NAME.search(f.body)]
    specs = {s.id: s for s in load_all().specs()}
    generic = [f for f in findings if f.rule_id in specs and "`" not in f.title]
    share = len(fixed) / len(findings) if findings else 0.0
    print(
        f"{name}: {len(findings)} findings, {len(fixed)} with a suggested fix ({share:.0%}), "
        f"{len(generic)} whose title quotes no code, {len(empty)} with an empty name"
    )
    for rule, n in Counter(f.rule_id for f in fixed).most_common():
        print(f"    {rule:<30} {n}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", action="append", default=[], metavar="DIR")
    parser.add_argument("--repo", action="append", default=[], metavar="GIT_DIR")
    parser.add_argument("--commits", type=int, default=50)
    args = parser.parse_args()
    report("examples/sample.diff", sample_findings())
    for corpus in [ROOT / "tests" / "data" / "corpus", *map(Path, args.corpus)]:
        report(str(corpus), corpus_findings(corpus))
    every: list[Finding] = []
    reviewed = 0
    for repo in map(Path, args.repo):
        count, found = commit_findings(repo, args.commits)
        reviewed += count
        every.extend(found)
        report(f"{repo} (last {count} commits)", found)
    if len(args.repo) > 1:
        report(f"all {reviewed} commits", every)


if __name__ == "__main__":
    main()
