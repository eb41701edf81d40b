"""A pull request past GitHub's limits, at full size, on the fake GitHub server.

3,050 files (50 more than the files API lists) with 3 findings each: 9,150 findings. Prints where every
finding is visible, the size of each hidden state against GitHub's 65,536 characters, the API calls, and
what a rerun posts. The baseline, in the same run, is a 200-file pull request's first review.

Run: python bench/bench_huge_pr.py
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from action.scenario import NUMBER, event, new_fake, run  # noqa: E402
from action.test_huge import huge_tree  # noqa: E402
from persona_review.action.markers import Known, fingerprints_in  # noqa: E402

FILES = 3_050
COMMENT_LIMIT = 65_536
JOB_SUMMARY_LIMIT = 1_048_576


def main() -> int:
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        with new_fake() as small:
            small.open_tree_pull(NUMBER, {}, huge_tree(200))
            base = run(small, Path(tmp) / "base", "pull_request", event("pull_request.opened"))
        with new_fake() as fake:
            tree = huge_tree(FILES)
            fake.open_tree_pull(NUMBER, {}, tree)
            first = run(fake, Path(tmp) / "1", "pull_request", event("pull_request.opened"))
            total = int(first.outputs["findings-count"])
            comments = fake.bot_issue_comments()
            (review,) = fake.submitted_reviews()
            summary = comments[0]["body"]
            more = re.search(r"\*\*(\d+) more findings not shown here\*\*", summary)
            listed = summary.count("\n- **")
            inline = len(fake.bot_review_comments())
            in_body = len(fingerprints_in(review["body"]))
            state = Known()
            for comment in comments:
                state.add_text(comment["body"])
            job = first.summary
            missing_in_job = [p for p in tree if p not in job]
            rerun = run(fake, Path(tmp) / "2", "pull_request", event("pull_request.synchronize"))
            after = (len(fake.submitted_reviews()), len(fake.bot_review_comments()),
                     len(fake.bot_issue_comments()))
            assert not fake.contract_errors, fake.contract_errors

    print(f"pull request: {FILES} files (files API lists 3,000), {total} findings (expected {3 * FILES})")
    print(f"inline comments: {inline}; review body shows {in_body}; summary lists {listed} and says "
          f"{more.group(1) if more else 0} more are in the job summary")
    print(f"job summary: {len(job.encode()):,} bytes (limit {JOB_SUMMARY_LIMIT:,}); files not named in it: "
          f"{len(missing_in_job)}")
    sizes = [len(c["body"]) for c in comments]
    print(f"summary + state comments: {sizes} chars (limit {COMMENT_LIMIT:,}); "
          f"review body {len(review['body']):,}")
    print(f"fingerprints in the hidden state: {len(state.prefixes)} of {total}")
    print(f"API calls: first review {first.calls} ({first.calls / base.calls:.1f}x a 200-file PR's "
          f"{base.calls}), rerun {rerun.calls}")
    print(f"after the rerun: {after[0]} review(s), {after[1]} inline comments, {after[2]} issue comments")
    ok &= total == 3 * FILES and not missing_in_job and max(sizes) <= COMMENT_LIMIT
    ok &= len(review["body"]) <= COMMENT_LIMIT and len(job.encode()) <= JOB_SUMMARY_LIMIT
    ok &= more is not None and listed + int(more.group(1)) + inline == total
    ok &= len(state.prefixes) == total and after == (1, inline, len(comments))
    print("all bars hold" if ok else "A BAR FAILS")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
