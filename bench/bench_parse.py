"""Parse + trigger matching on a synthetic 2,000-file, 200,000-changed-line diff.

Prints wall time and peak memory for (a) unidiff's parse alone, the baseline, and (b) our whole front of
the pipeline: parse into the typed diff model plus trigger selection with the bundled persona. The issue's
bar: (b) under 1.5 s and 300 MB on this machine. Each figure is the best of --repeat runs in a fresh
process, so one run's garbage does not inflate the next.

    python bench/bench_parse.py [--files 2000] [--lines 100] [--repeat 3] [--encodings]

With --encodings it also times the same diff saved as UTF-16 with a byte-order mark and CRLF line
endings (what Windows PowerShell writes), as a ratio to the LF UTF-8 run.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

_KINDS = [
    ("app/api/v{}/handlers_{}.py", "    rows = db.execute(query, params)  # line {}"),
    (
        "services/billing/internal/store_{}_{}.go",
        "\tif err := s.db.QueryRow(ctx, q, id).Scan(&v); err != nil {{ // {}",
    ),
    ("web/src/components/Widget{}_{}.tsx", '  return <div className="w">{{props.label}}</div>; // {}'),
    ("docs/guide_{}_{}.md", "Some prose about the system, paragraph {}."),
    ("src/main/java/com/acme/repo/OrderRepository{}_{}.java", "    return jdbc.query(sql, mapper); // {}"),
    ("db/migrations/V{}__change_{}.sql", "ALTER TABLE t ADD COLUMN c{} integer;"),
    ("lib/util/helpers_{}_{}.py", "    value = compute(value) + {}"),
]


def synth(files: int, lines_per_file: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    for i in range(files):
        path_t, line_t = _KINDS[i % len(_KINDS)]
        path = path_t.format(i % 9, i)
        out.append(
            f"diff --git a/{path} b/{path}\nindex 1111111..2222222 100644\n--- a/{path}\n+++ b/{path}\n"
        )
        added = lines_per_file // 2
        removed = lines_per_file - added
        start = rng.randint(1, 400)
        out.append(f"@@ -{start},{removed + 6} +{start},{added + 6} @@ def f{i}():\n")
        out.extend(f" context {k}\n" for k in range(3))
        out.extend(f"-{line_t.format(k)}\n" for k in range(removed))
        out.extend(f"+{line_t.format(k)}\n" for k in range(added))
        out.extend(f" context {k}\n" for k in range(3))
    return "".join(out)


def _child(stage: str, path: str, persona_spec: str | None) -> None:
    data = open(path, "rb").read()  # noqa: SIM115 - read once, timed separately
    if stage == "unidiff":
        import unidiff

        t0, c0 = time.perf_counter(), time.process_time()
        patch = unidiff.PatchSet(data.decode("utf-8", errors="replace"))
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        n = len(patch)
    else:
        from persona_review.config import Config
        from persona_review.diff import parse_diff
        from persona_review.persona import load_persona
        from persona_review.triggers import select_files

        persona = load_persona(persona_spec)
        t0, c0 = time.perf_counter(), time.process_time()
        diff = parse_diff(data)
        selection = select_files(diff, persona, Config())
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        n = len(selection.reviewed)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "cpu": cpu, "peak_mb": peak_mb, "n": n}))


def _measure(stage: str, path: str, repeat: int, persona: str | None) -> dict[str, float]:
    runs = []
    extra = ["--persona", persona] if persona else []
    for _ in range(repeat):
        proc = subprocess.run(
            [sys.executable, __file__, "--child", stage, path, *extra],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(proc.stdout))
    best = min(runs, key=lambda r: r["seconds"])
    return {
        "seconds": best["seconds"],
        "cpu": min(r["cpu"] for r in runs),
        "peak_mb": max(r["peak_mb"] for r in runs),
        "n": best["n"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--lines", type=int, default=100, help="changed lines per file (added + removed)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--persona", help="persona file (default: the bundled backend persona)")
    parser.add_argument("--encodings", action="store_true", help="also time a UTF-16 + CRLF copy")
    parser.add_argument("--child", nargs=2, metavar=("STAGE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child, args.persona)
        return
    import tempfile

    text = synth(args.files, args.lines)
    with tempfile.NamedTemporaryFile("w", suffix=".diff", delete=False) as fh:
        fh.write(text)
    changed = args.files * args.lines
    print(f"synthetic diff: {args.files} files, {changed:,} changed lines, {len(text) / 1e6:.1f} MB")
    base = _measure("unidiff", fh.name, args.repeat, None)
    ours = _measure("ours", fh.name, args.repeat, args.persona)
    print(f"unidiff parse alone (baseline):        {base['seconds']:.3f} s  peak {base['peak_mb']:.0f} MB")
    print(
        f"parse_diff + select_files (pipeline):  {ours['seconds']:.3f} s  peak {ours['peak_mb']:.0f} MB"
        f"  ({int(ours['n'])} files selected)"
    )
    print(
        f"ratio ours/baseline: time {ours['seconds'] / base['seconds']:.2f}x "
        f"(CPU time {ours['cpu'] / base['cpu']:.2f}x, steadier on a busy machine), "
        f"memory {ours['peak_mb'] / base['peak_mb']:.2f}x"
    )
    ok = ours["seconds"] < 1.5 and ours["peak_mb"] < 300
    print(f"bar (< 1.5 s and < 300 MB): {'met' if ok else 'NOT met'}")
    if args.encodings:
        with tempfile.NamedTemporaryFile("wb", suffix=".diff", delete=False) as wide:
            wide.write(b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"))
        other = _measure("ours", wide.name, args.repeat, args.persona)
        print(
            f"same diff as UTF-16 + CRLF:            {other['seconds']:.3f} s  peak {other['peak_mb']:.0f} MB"
            f"  ({int(other['n'])} files selected; time {other['seconds'] / ours['seconds']:.2f}x the LF run)"
        )


if __name__ == "__main__":
    main()
