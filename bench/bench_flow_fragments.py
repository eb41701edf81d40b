"""How the data flow copes with hunks alone: parse errors of the runs of hunk lines, and findings parity.

For every Go, JavaScript and TypeScript file under DIR, the "old" version drops every N-th line, and the
diff is read twice: with the whole new file (what the Action and the CLI give) and from its hunks alone,
with 0, 1 and 3 lines of context. It prints, per language and context:

- runs: runs of hunk lines parsed; `raw err`: the share whose plain parse has error nodes; `err`: the share
  still with errors after the wrappers, the cuts after outer closers and the closing of open blocks
  (what the engine analyses);
- `added`: security findings the hunks give that the whole file does not (the bar is 0), and `lost`:
  whole-file findings on added lines the hunks miss;
- `time`: the checks on the hunks as a ratio to the checks on the whole file, both measured in this run.

    python bench/bench_flow_fragments.py DIR [--every 3 5 11]

DIR can be any checkout; the files are only read.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from persona_review.checks._tsflow.parse import _fragment_trees, error_count, grammar_of, parse_text
from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff
from persona_review.findings import Category
from persona_review.languages import detect_language

_SUFFIXES = {".go", ".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs"}


def _diff(name: str, old: list[str], new: list[str], context: int) -> str:
    lines = difflib.unified_diff(
        [f"{x}\n" for x in old], [f"{x}\n" for x in new], f"a/{name}", f"b/{name}", n=context
    )
    return f"diff --git a/{name} b/{name}\n" + "".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--every", type=int, nargs="+", default=[3, 5, 11])
    args = parser.parse_args()
    if not args.root.is_dir():
        print(f"not a directory: {args.root}", file=sys.stderr)
        return 2
    stats: dict[tuple[str, int], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    workspace = Path(tempfile.mkdtemp())
    for path in sorted(p for p in args.root.rglob("*") if p.suffix in _SUFFIXES and p.is_file()):
        language = detect_language(path.name)
        if language not in {"go", "javascript", "typescript"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        new = text.splitlines()
        if not new or len(new) > 3000:
            continue
        (workspace / path.name).write_text(text)
        family = "go" if language == "go" else "js/ts"
        for every in args.every:
            old = [line for i, line in enumerate(new) if i % every != every - 1]
            for context in (0, 1, 3):
                diff_text = _diff(path.name, old, new, context)
                files = list(parse_diff(diff_text))
                if not files:
                    continue
                cell = stats[(family, context)]
                started = time.perf_counter()
                whole_ctx = build_context(files[0], workspace)
                whole = {
                    (f.line, f.rule_id)
                    for f in run_checks([whole_ctx], categories=(Category.SECURITY,)).findings
                }
                middle = time.perf_counter()
                hunk_ctx = build_context(files[0], None)
                hunks = {
                    (f.line, f.rule_id)
                    for f in run_checks([hunk_ctx], categories=(Category.SECURITY,)).findings
                }
                cell["whole_s"] += middle - started
                cell["hunk_s"] += time.perf_counter() - middle
                cell["added"] += len(hunks - whole)
                for line, rule in sorted(hunks - whole, key=str):
                    print(f"added: {path}:{line} {rule} (every {every}, context {context})", file=sys.stderr)
                cell["lost"] += len(whole - hunks)
                grammar = grammar_of(hunk_ctx)
                for first, texts in hunk_ctx.segments():
                    cell["runs"] += 1
                    cell["raw"] += error_count(parse_text(grammar, "\n".join(texts)).root_node) > 0
                    pieces = _fragment_trees(grammar, first, list(texts))
                    cell["err"] += any(error_count(tree.root_node) for _start, tree in pieces)
    header = ("language", "ctx", "runs", "raw err", "err", "added", "lost", "time")
    print("{:<8} {:>3} {:>6} {:>8} {:>6} {:>6} {:>5} {:>6}".format(*header))
    for (family, context), cell in sorted(stats.items()):
        runs = cell["runs"] or 1
        ratio = cell["hunk_s"] / cell["whole_s"] if cell["whole_s"] else 0.0
        print(
            f"{family:<8} {context:>3} {int(cell['runs']):>6} {cell['raw'] / runs:>8.3f} "
            f"{cell['err'] / runs:>6.3f} {int(cell['added']):>6} {int(cell['lost']):>5} {ratio:>5.2f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
