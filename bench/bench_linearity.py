"""Is every check linear in the size of a file? Each check on a file of N lines and of 4N lines.

For every kind of file the checks read (Python, JavaScript, TypeScript, Go and Java service code; Django,
Alembic, Rails and SQL migrations), a synthetic file is built by repeating functions made of realistic
lines (the statement pools of bench_checks.py, with their problems: every function has findings), reviewed
as a new file. Each registered check that runs on that language is timed on the N-line and the 4N-line
file (CPU time, best of --repeat), after the shared work (lexing, the Python data flow) is done and timed
on its own; the whole review of the file (`run_checks`: every check, naming, fixes, and squawk for SQL)
is timed too (the migration checks of one framework share one scan of the file, which the first of them
pays: their cost shows in the whole review). A linear check takes about 4x as long on the 4N-line file:
the ratio is printed for every check above --floor ms, and a ratio above --limit (default 6) is flagged as
super-linear.

A second pass grows the lines instead of their number: one string literal of L and of 4L characters in an
otherwise fixed file, since a regex that backtracks over a run of blanks (a long string in the lexed view)
is quadratic in the length of a line.

    python bench/bench_linearity.py [--lines 1000] [--repeat 2] [--limit 6] [--floor 2]
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable

from bench_checks import _ALEMBIC, _DJANGO, _GO, _JAVA, _JS, _PY, _RAILS, _SQL, _fill
from persona_review.checks import _lexing, _pyflow
from persona_review.checks.base import FileContext
from persona_review.checks.registry import load_all
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

Kind = tuple[str, str, list[str], str, str]
"""(name, path, statement pool, function opener, function closer)."""

KINDS: list[Kind] = [
    ("python", "services/api/handlers.py", _PY, "def handler_{i}(request):", ""),
    ("javascript", "web/src/orders/service.js", _JS, "async function handle{i}(req, res) {", "}"),
    ("typescript", "web/src/orders/service.ts", _JS, "export async function handle{i}(req, res) {", "}"),
    ("go", "internal/store/store.go", _GO, "func (s *Store) Op{i}(ctx context.Context) error {", "}"),
    ("java", "src/main/java/com/acme/Orders.java", _JAVA, "    public Order op{i}(long id) {", "    }"),
    ("django", "shop/migrations/0042_orders.py", _DJANGO, "    operations_{i} = [", "    ]"),
    ("alembic", "alembic/versions/rev_42.py", _ALEMBIC, "def upgrade_{i}():", ""),
    ("rails", "db/migrate/20240101000000_orders.rb", _RAILS, "  def change_{i}", "  end"),
    ("sql", "db/migration/V42__orders.sql", _SQL, "-- change {i}", ""),
]
HEADERS = {
    "django": ["from django.db import migrations, models", "", "", "class Migration(migrations.Migration):"],
    "alembic": ["from alembic import op", "import sqlalchemy as sa", ""],
    "rails": ["class Orders < ActiveRecord::Migration[7.1]"],
    "java": ["package com.acme;", "", "public class Orders {"],
}
FOOTERS = {"rails": ["end"], "java": ["}"]}


def synth_file(kind: Kind, lines: int) -> str:
    """A file of about `lines` lines: the kind's header, then functions of 12 pool statements each."""
    name, _path, pool, opener, closer = kind
    out = list(HEADERS.get(name, []))
    i = 0
    while len(out) < lines:
        out.append(_fill(opener, i=i))
        for k in range(12):
            out.extend(_fill(pool[(i + k) % len(pool)], n=i * 12 + k, i=i).split("\n"))
        if closer:
            out.append(closer)
        out.append("")
        i += 1
    return "\n".join([*out, *FOOTERS.get(name, [])]) + "\n"


def long_string_file(kind: Kind, width: int) -> str:
    """A small file of the kind whose middle holds one string literal `width` characters long."""
    name = kind[0]
    literal = "x " * (width // 2)
    line = {
        "python": f'    note = "{literal}" + suffix',
        "go": f'\tnote := "{literal}" + suffix',
        "java": f'        String note = "{literal}" + suffix;',
        "sql": f"COMMENT ON TABLE orders IS '{literal}';",
        "rails": f'    execute "{literal}"',
    }.get(name, f'  const note = "{literal}" + suffix;')
    base = synth_file(kind, 60).split("\n")
    return "\n".join([*base[:30], line, *base[30:]])


def best_cpu(action: Callable[[], object], repeat: int) -> float:
    """The least CPU time of `repeat` runs, with the cyclic garbage collector off while each runs (as
    timeit does): a collection's cost depends on everything else alive in the process, not on the check,
    and it made the Python data flow look 25x slower on 4x the lines in one run and 4x in the next."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            action()
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def fresh(path: str, text: str) -> FileContext:
    return context_for_text(path, text)


def time_kind(kind: Kind, make: Callable[[Kind, int], str], sizes: tuple[int, int],
              repeat: int) -> dict[str, tuple[float, float]]:
    """Check id (and the shared stages) -> (CPU seconds at the small size, at the large size)."""
    registry = load_all()
    path = kind[1]
    out: dict[str, list[float]] = {}
    for size in sizes:
        text = make(kind, size)
        ctx = fresh(path, text)
        language = ctx.language

        def lex_once(text: str = text) -> object:
            return _lexing.lex(fresh(path, text))

        out.setdefault("(lexing)", []).append(best_cpu(lex_once, repeat))
        if language == "python":

            def flow_once(text: str = text) -> object:
                return _pyflow.flows(fresh(path, text))

            out.setdefault("(python data flow)", []).append(best_cpu(flow_once, repeat))

        def review_once(text: str = text) -> object:
            return run_checks([fresh(path, text)])

        out.setdefault("(whole review of the file)", []).append(best_cpu(review_once, repeat))
        _lexing.lex(ctx)
        if language == "python":
            _pyflow.flows(ctx)
        for spec, func in registry.checks:
            if language in spec.languages:
                out.setdefault(spec.id, []).append(best_cpu(lambda f=func, c=ctx: list(f(c)), repeat))
    return {name: (got[0], got[1]) for name, got in out.items() if len(got) == 2}


def report(title: str, figures: dict[str, tuple[float, float]], factor: int, limit: float,
           floor: float) -> list[str]:
    flagged: list[str] = []
    shown = [(name, small, large) for name, (small, large) in figures.items() if large * 1000 >= floor]
    print(f"{title}: {len(figures)} timed, {len(shown)} above {floor:g} ms at the larger size")
    for name, small, large in sorted(shown, key=lambda row: -row[2]):
        ratio = large / small if small > 0 else float("inf")
        mark = ""
        if ratio > limit:
            mark = f"  <-- super-linear (over {limit:g}x for {factor}x the size)"
            flagged.append(f"{title}: {name}")
        print(f"  {name:<36} {small * 1000:8.2f} ms -> {large * 1000:8.2f} ms  {ratio:5.2f}x{mark}")
    return flagged


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1000, help="N, the smaller file's lines")
    parser.add_argument("--width", type=int, default=4000, help="the smaller long string's characters")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--limit", type=float, default=6.0, help="flag ratios above this for 4x the size")
    parser.add_argument("--floor", type=float, default=2.0, help="only judge checks taking this many ms")
    parser.add_argument("--kind", action="append", help="only these kinds (python, go, sql, ...)")
    args = parser.parse_args()
    kinds = [k for k in KINDS if not args.kind or k[0] in args.kind]
    flagged: list[str] = []
    for kind in kinds:
        figures = time_kind(kind, synth_file, (args.lines, 4 * args.lines), args.repeat)
        flagged += report(f"{kind[0]}, {args.lines} -> {4 * args.lines} lines", figures, 4, args.limit,
                          args.floor)
    for kind in kinds:
        figures = time_kind(kind, long_string_file, (args.width, 4 * args.width), args.repeat)
        flagged += report(f"{kind[0]}, one string of {args.width} -> {4 * args.width} characters", figures,
                          4, args.limit, args.floor / 4)
    if flagged:
        print("super-linear: " + "; ".join(flagged))
        return 1
    print(f"every check timed stays within {args.limit:g}x for 4x the file size and 4x the line length")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
