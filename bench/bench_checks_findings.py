"""Every finding of the checks on `bench_checks.py`'s synthetic pull requests, written one per line, so that
a change meant only to make the checks faster can be shown to change no finding.

Each line is a JSON array: the PR (files, seed), the check id, path, line, end line, title, body,
severity, suggested fix, flagged code and explanation, in the order the runner reports them; notices
follow their PR's findings. Three PRs are written: the bench's own 500-file PR and two smaller ones with
other seeds (other mixes of the same snippets).

    python bench/bench_checks_findings.py --output before.jsonl    # on the code before the change
    python bench/bench_checks_findings.py --compare before.jsonl   # after it: prints any difference
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench_checks import synth
from persona_review.checks.registry import load_all
from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff

PULL_REQUESTS = ((500, 11), (200, 3), (120, 99))
"""(files, seed) of each synthetic PR; the first is the one `bench_checks.py` times."""


def dump() -> list[str]:
    load_all()
    out: list[str] = []
    for files, seed in PULL_REQUESTS:
        outcome = run_checks([build_context(f) for f in parse_diff(synth(files, seed))])
        for f in outcome.findings:
            out.append(json.dumps([
                files, seed, f.rule_id, f.path, f.line, f.end_line, f.title, f.body, f.severity.value,
                f.suggested_fix, f.code, f.explanation,
            ]))
        out.extend(json.dumps([files, seed, "notice", notice]) for notice in outcome.notices)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, help="write the findings here")
    parser.add_argument("--compare", type=Path, help="compare with findings written earlier")
    args = parser.parse_args()
    lines = dump()
    print(f"{len(lines)} findings and notices on {len(PULL_REQUESTS)} synthetic pull requests")
    if args.output:
        args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.compare:
        earlier = args.compare.read_text(encoding="utf-8").splitlines()
        if earlier == lines:
            print(f"identical to {args.compare}")
            return
        gone, new = set(earlier) - set(lines), set(lines) - set(earlier)
        for line in sorted(gone):
            print(f"- {line}")
        for line in sorted(new):
            print(f"+ {line}")
        if not gone and not new:
            print("the same findings, in another order")
        sys.exit(1)


if __name__ == "__main__":
    main()
