"""How many findings the deterministic checks report on real pull requests, per 1,000 changed lines.

Rebuilds each pull request of the manifest (the same one `real_pr_selection.py` uses) with `git diff base
head` from local clones, gives the checks whole-file context from the head commit (read with `git cat-file`,
as the Action reads its checkout), reviews it offline with the bundled persona and default config, and
prints per split: pull requests, changed lines, findings, and findings per 1,000 changed lines (the issue's
bar is at most 3). `--show dev` lists the dev split's findings one per line, for reading; the test split is
only counted until its code is final, then `--show test` lists it for scoring.

    python bench/real_pr_findings.py [--manifest eval/real_prs/manifest.yml] [--mirrors /work/.mirror]
        [--show dev|test]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from persona_review.config import Config
from persona_review.diff import parse_diff
from persona_review.diff_text import decode_diff
from persona_review.errors import PersonaReviewError
from persona_review.persona import load_persona
from persona_review.pipeline import ReviewInput, run_review
from persona_review.selection_eval import CommitFiles, PullRequest, git_diff, load_manifest, mirror_git_dir

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Tally:
    prs: int = 0
    changed: int = 0
    findings: int = 0
    rules: Counter[str] = field(default_factory=Counter)
    shown: list[str] = field(default_factory=list)


def review_pr(pr: PullRequest, mirrors: Path, tally: Tally, show: bool) -> None:
    git_dir = mirror_git_dir(mirrors, pr.repo)
    diff = parse_diff(decode_diff(git_diff(git_dir, pr.base, pr.head)))
    tally.prs += 1
    tally.changed += sum(len(f.added) + f.deleted_count for f in diff)
    result = run_review(
        ReviewInput(
            diff=diff,
            config=Config(),
            persona=load_persona(None),
            contents=CommitFiles(git_dir, pr.head),
            offline=True,
        )
    )
    for finding in result.findings:
        tally.findings += 1
        tally.rules[finding.rule_id or finding.checklist_item] += 1
        if show:
            where = f"{pr.repo}@{pr.head[:10]} {finding.path}:{finding.line}"
            tally.shown.append(f"{where} {finding.rule_id} {finding.title}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=ROOT / "eval/real_prs/manifest.yml")
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--show", choices=["dev", "test"], help="list a split's findings (test: to score)")
    args = parser.parse_args(argv)
    try:
        prs = load_manifest(args.manifest)
        tallies = {"dev": Tally(), "test": Tally()}
        for pr in prs:
            review_pr(pr, args.mirrors, tallies[pr.split], args.show == pr.split)
    except PersonaReviewError as exc:
        print(f"real_pr_findings: {exc}", file=sys.stderr)
        return 2
    print(f"{'split':<6} {'PRs':>4} {'changed lines':>14} {'findings':>9} {'per 1,000':>10}")
    for split, tally in tallies.items():
        rate = 1000 * tally.findings / tally.changed if tally.changed else 0.0
        print(f"{split:<6} {tally.prs:>4} {tally.changed:>14,} {tally.findings:>9} {rate:>10.2f}")
    shown = tallies[args.show or "dev"]
    if shown.rules:
        by_rule = ", ".join(f"{rule} {n}" for rule, n in shown.rules.most_common())
        print(f"{args.show or 'dev'} findings by rule: {by_rule}")
    for line in shown.shown:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
