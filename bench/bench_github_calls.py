"""GitHub API calls per Action run, counted on the fake GitHub server.

A 200-file pull request with 45 findings, reviewed with the default settings (10 inline comments, the
rest in the review body), then re-run on the same head, then after a push. Every file is a modification
and there is no checkout, so the head version of all 200 files is fetched through the API for whole-file
context; 45 of the hunks start inside a module docstring. The baseline, measured in the
same run, is what the naive design costs: the same reads, then one POST per finding (the
create-review-comment endpoint) plus the summary comment.

Run: python bench/bench_github_calls.py
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from action.scenario import NUMBER, SWALLOW, added_file, event, modified_file, new_fake, run  # noqa: E402
from fakes.github_server import Call  # noqa: E402

BUDGET = 12
FILES = 200
FINDING_FILES = 45
DOCSTRING = ['"""Orders.', "", "Cancelling deletes the row; callers", "learn whether it worked.", '"""',
             "", ""]


def describe(calls: list[Call]) -> str:
    counts = Counter(f"{c.method} {_route(c.path)}" for c in calls)
    return "\n".join(f"    {n:3d}  {route}" for route, n in counts.most_common())


def _route(path: str) -> str:
    parts = path.removeprefix("/api/v3").split("/")
    return "/".join("{n}" if p.isdigit() or len(p) >= 40 else p for p in parts)


def main() -> int:
    files = [modified_file(f"app/models/ok_{i:03}.py", ["import os", "", f"VALUE_{i} = {i}"],
                           [f"OTHER_{i} = {i}"], ["", "", "def value():", f"    return VALUE_{i}"])
             for i in range(FILES - FINDING_FILES)]
    files += [modified_file(f"app/models/bad_{i:02}.py", DOCSTRING, SWALLOW, ["", "", "VERSION = 1"])
              for i in range(FINDING_FILES)]
    with new_fake() as fake, tempfile.TemporaryDirectory() as tmp:
        fake.open_pull(NUMBER, files)
        first = run(fake, Path(tmp) / "1", "pull_request", event("pull_request.opened"))
        first_calls = fake.calls[:]
        served = fake.graphql.objects_served
        findings = int(first.outputs["findings-count"])
        reads = sum(1 for c in first_calls if c.method == "GET")
        baseline = reads + findings + 1
        mark = len(fake.calls)
        rerun = run(fake, Path(tmp) / "2", "pull_request", event("pull_request.synchronize"))
        rerun_calls = fake.calls[mark:]
        fake.push(NUMBER, [*files, added_file("app/new.py", SWALLOW)], [added_file("app/new.py", SWALLOW)])
        push = run(fake, Path(tmp) / "3", "pull_request", event("pull_request.synchronize"))
        assert not fake.contract_errors, fake.contract_errors

    print(f"pull request: {FILES} files, {findings} findings "
          f"({len(fake.bot_review_comments())} comments inline after the push)")
    graphql = sum(1 for c in first_calls if c.path.endswith("/graphql"))
    print(f"first review : {first.calls:3d} API calls (budget {BUDGET}), {graphql} of them GraphQL for "
          f"whole-file context ({served} file contents served)")
    print(describe(first_calls))
    print(f"rerun, same head: {rerun.calls:3d} API calls")
    print(describe(rerun_calls))
    print(f"after a push    : {push.calls:3d} API calls")
    print(f"baseline (one POST per finding): {baseline} API calls; "
          f"persona-review uses {first.calls / baseline:.2f}x of that")
    ok = first.calls <= BUDGET and findings == FINDING_FILES and served == FILES
    print("within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
