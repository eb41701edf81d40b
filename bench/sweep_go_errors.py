"""Go error-handling checks swept over whole mature Go projects: hits per 1,000 lines and judged precision.

The repositories, their commits and their dev/test split are in a manifest (`eval/sweeps/go_eh.json`,
fixed before any check ran). Every non-test `.go` file of each repository of the chosen part is reviewed
whole, every line added, with every Go check of the error-handling category (`sweep_projects` picks the
files), unless a review would leave it out as generated (`triggers`). `--hits FILE` writes each hit as one
JSON line (`key`, check, repo, path, line, code, message) for a person to judge; `--judged FILE` reads such
judgements (a JSON object: key -> "true", "arguable" or "false") and prints, per check, hits, hits per
1,000 lines and precision (true / (true + false); arguable ones are counted apart), over every hit or, with
`--sample N`, over N hits per check drawn by a fixed shuffle (the hits a person read).

    python bench/sweep_go_errors.py --part dev [--manifest eval/sweeps/go_eh.json] [--hits H.jsonl]
        [--judged J.json] [--checks IDS] [--sample 40]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

from persona_review.checks.registry import load_all
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category
from persona_review.triggers import generated_reason

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sweep_projects import _files  # a sibling script, not a package

ROOT = Path(__file__).resolve().parent.parent
VERDICTS = ("true", "arguable", "false")


def _go_error_checks() -> list[str]:
    return sorted(spec.id for spec in load_all().specs()
                  if spec.category == "error-handling" and "go" in spec.languages and not spec.opt_in)


def _sweep(part: list[dict[str, str]], ids: set[str]) -> tuple[int, list[dict[str, object]]]:
    total = 0
    hits: list[dict[str, object]] = []
    for entry in part:
        files = [(path, text) for path, text in _files(Path(entry["git_dir"]), {"go"}, False)
                 if generated_reason(path, text.splitlines()) is None]
        total += sum(text.count("\n") + 1 for _path, text in files)
        for path, text in files:
            outcome = run_checks([context_for_text(path, text)], categories={Category.ERROR_HANDLING},
                                 enabled=ids, workers=1)
            source = text.splitlines()
            for finding in outcome.findings:
                if finding.rule_id not in ids or finding.line is None:
                    continue
                code = source[finding.line - 1].strip()[:140] if finding.line <= len(source) else ""
                hits.append({"key": f"{entry['repo']} {path}:{finding.line} {finding.rule_id}",
                             "check": finding.rule_id, "repo": entry["repo"], "path": path,
                             "line": finding.line, "code": code, "message": finding.body})
    return total, hits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--part", choices=("dev", "test"), required=True)
    parser.add_argument("--manifest", type=Path, default=ROOT / "eval" / "sweeps" / "go_eh.json")
    parser.add_argument("--hits", type=Path, help="write every hit here, one JSON object a line")
    parser.add_argument("--judged", type=Path, help="judgements to score the hits with")
    parser.add_argument("--checks", help="comma-separated check ids (default: every Go error-handling check)")
    parser.add_argument("--sample", type=int, default=0,
                        help="score only this many hits per check, drawn by a fixed shuffle (seed 17)")
    args = parser.parse_args()
    try:
        part = json.loads(args.manifest.read_text())[args.part]
        judged: dict[str, str] = json.loads(args.judged.read_text()) if args.judged else {}
    except (OSError, ValueError, KeyError) as err:
        print(f"cannot read the manifest or judgements: {err}", file=sys.stderr)
        return 2
    every = _go_error_checks()
    ids = {c.strip() for c in args.checks.split(",")} if args.checks else set(every)
    lines, hits = _sweep(part, ids)
    if args.hits:
        args.hits.write_text("".join(json.dumps(hit) + "\n" for hit in hits))
    per_check = Counter(str(hit["check"]) for hit in hits)
    verdicts: dict[str, Counter[str]] = {check: Counter() for check in ids}
    for check in ids:
        own = [hit for hit in hits if hit["check"] == check]
        if args.sample:
            random.Random(17).shuffle(own)
            own = own[: args.sample]
        for hit in own:
            verdicts[check][judged.get(str(hit["key"]), "unjudged")] += 1
    print(f"{args.part}: {len(part)} repositories, {lines} lines, {len(hits)} hits, "
          f"{1000 * len(hits) / max(lines, 1):.3f} per 1,000 lines")
    print(f"{'check':30} {'hits':>5} {'per1k':>7} {'true':>5} {'arg':>4} {'false':>5} {'unj':>4} {'prec':>5}")
    for check in sorted(ids):
        v = verdicts[check]
        scored = v["true"] + v["false"]
        precision = f"{v['true'] / scored:.2f}" if scored else "-"
        print(f"{check:30} {per_check[check]:5} {1000 * per_check[check] / max(lines, 1):7.3f} {v['true']:5} "
              f"{v['arguable']:4} {v['false']:5} {v['unjudged']:4} {precision:>5}")
    total: Counter[str] = Counter()
    for counts in verdicts.values():
        total.update(counts)
    scored = total["true"] + total["false"]
    if scored:
        print(f"all judged: true {total['true']}, arguable {total['arguable']}, false {total['false']}, "
              f"unjudged {total['unjudged']}; precision {total['true'] / scored:.2f} "
              f"(arguable as false: {total['true'] / (scored + total['arguable']):.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
