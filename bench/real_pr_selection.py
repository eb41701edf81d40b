"""Backend and false selection on real pull requests, for the bundled persona and persona files.

Rebuilds each pull request of the manifest with `git diff base head` from local clones (by default the
mirrors under /work/.mirror, as `owner+name/repo`), selects files with each persona, and prints per split:
backend selection (reviewed / backend source and migration files) and false selection (reviewed / frontend
and docs files). The bars: the bundled persona >= 0.95 and <= 0.02; persona files >= 0.90 and <= 0.05.
Tune on dev; report test.

    python bench/real_pr_selection.py [--manifest eval/real_prs/manifest.yml] [--mirrors /work/.mirror]
        [--persona FILE ...] [--show dev|test]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from persona_review.errors import PersonaReviewError
from persona_review.persona import load_persona
from persona_review.selection_eval import (
    CommitFiles,
    PullRequest,
    git_diff,
    load_manifest,
    mirror_git_dir,
    render_scores,
    score_persona,
)

ROOT = Path(__file__).resolve().parents[1]
_FIXTURES = ROOT / "tests/data/personas/backend"
DEFAULT_PERSONAS = ["backend", *sorted(str(p) for p in _FIXTURES.glob("*.md") if p.name != "README.md")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=ROOT / "eval/real_prs/manifest.yml")
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--persona", action="append", help="persona file or bundled name (repeatable)")
    parser.add_argument("--show", choices=["dev", "test"], help="list the misses and false picks of a split")
    args = parser.parse_args(argv)
    try:
        prs = load_manifest(args.manifest)
        cache: dict[tuple[str, str, str], bytes] = {}

        def diff_of(pr: PullRequest) -> bytes:
            key = (pr.repo, pr.base, pr.head)
            if key not in cache:
                cache[key] = git_diff(mirror_git_dir(args.mirrors, pr.repo), pr.base, pr.head)
            return cache[key]

        rows = []
        for spec in args.persona or DEFAULT_PERSONAS:
            persona = load_persona(spec)
            label = spec if spec == "backend" else f"{Path(spec).parent.name}/{Path(spec).name}"
            rows.append((label, score_persona(
                prs, persona, diff_of,
                files_of=lambda pr: CommitFiles(mirror_git_dir(args.mirrors, pr.repo), pr.head).read)))
    except PersonaReviewError as exc:
        print(f"real_pr_selection: error: {exc}", file=sys.stderr)
        return 2
    counts = {s: sum(pr.split == s for pr in prs) for s in ("dev", "test")}
    stacks = sorted({pr.stack for pr in prs})
    print(f"{len(prs)} pull requests ({counts['dev']} dev, {counts['test']} test) from "
          f"{len({pr.repo for pr in prs})} repositories; stacks: {', '.join(stacks)}")
    print(render_scores(rows, {"backend": (0.95, 0.02), "*": (0.90, 0.05)}))
    if args.show:
        for name, scores in rows:
            score = scores[args.show]
            for line in score.missed:
                print(f"[{name}] missed {line}")
            for line in score.wrongly:
                print(f"[{name}] false {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
