"""The migration checks on one large migration file: is their time linear in its size?

Builds one new SQL migration of N lines (tables created and indexed in the file, plus indexes and columns
on an existing table, so squawk reports many findings the new-table lookup must judge), or with
--kind rails one Rails migration class of N lines (columns, indexes, `change_table` blocks), reviews it as
a new file at N/4, N/2 and N lines, and prints the time of the migration checks at each size, per 1,000
lines, as a ratio to the smallest size (a linear check stays near 1.0x at every size), and as a ratio to
parsing the same diff (the baseline, measured in the same run). SQL runs squawk when it is installed (the
notice says when it is not) and, with --fallback, persona-review's own SQL scanner instead.

    python bench/bench_sql_file.py [--lines 40000] [--repeat 3] [--fallback] [--kind sql|rails]
"""

from __future__ import annotations

import argparse
import time

from persona_review.checks.runner import run_checks
from persona_review.checks.sql_squawk import SquawkBatch
from persona_review.contexts import build_context
from persona_review.diff import parse_diff
from persona_review.findings import Category

_BLOCK = [
    "CREATE TABLE audit_{n} (id bigint PRIMARY KEY, order_id bigint NOT NULL, note text);",
    "CREATE INDEX audit_{n}_order_idx ON audit_{n} (order_id);",
    "ALTER TABLE audit_{n} ADD CONSTRAINT audit_{n}_fk FOREIGN KEY (order_id) REFERENCES orders (id);",
    "CREATE INDEX orders_c{n}_idx ON orders (c{n});",
    "ALTER TABLE orders ADD COLUMN d{n} text;",
    "-- change {n}",
]


def synth_sql(lines: int) -> str:
    out: list[str] = []
    n = 0
    while len(out) < lines:
        out.extend(line.format(n=n) for line in _BLOCK)
        n += 1
    return "\n".join(out[:lines]) + "\n"


_RAILS_BLOCK = [
    "    create_table :audit_{n} do |t|",
    "      t.bigint :order_id",
    "      t.index :order_id",
    "    end",
    "    add_column :orders, :c{n}, :string",
    "    add_index :orders, :c{n}",
    "    change_table :payments do |t|",
    "      t.index :p{n}",
    "    end",
]


def synth_rails(lines: int) -> str:
    out = ["class BigChange < ActiveRecord::Migration[7.1]", "  def change"]
    n = 0
    while len(out) < lines - 2:
        out.extend(line.format(n=n) for line in _RAILS_BLOCK)
        n += 1
    return "\n".join([*out[: lines - 2], "  end", "end"]) + "\n"


def as_new_file_diff(path: str, text: str) -> str:
    body = text.splitlines()
    head = f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
    return head + f"@@ -0,0 +1,{len(body)} @@\n" + "".join(f"+{line}\n" for line in body)


def _time(lines: int, fallback: bool, kind: str) -> tuple[float, float, int, list[str]]:
    if kind == "rails":
        diff_text = as_new_file_diff("db/migrate/20240101000000_big_change.rb", synth_rails(lines))
        fallback = False
    else:
        diff_text = as_new_file_diff("db/migration/V1__big.sql", synth_sql(lines))
    t0 = time.perf_counter()
    diff = parse_diff(diff_text)
    parse = time.perf_counter() - t0
    contexts = [build_context(f) for f in diff]
    batch = SquawkBatch(locate=lambda: None) if fallback else SquawkBatch()
    t1 = time.perf_counter()
    outcome = batch.run_batch(contexts) if fallback else None
    if outcome is None:
        result = run_checks(contexts, [Category.MIGRATION_SAFETY])
        checks, findings, notices = time.perf_counter() - t1, len(result.findings), result.notices
    else:
        checks, findings, notices = time.perf_counter() - t1, len(outcome.hits), outcome.notices
    return parse, checks, findings, notices


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=40_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fallback", action="store_true", help="use the built-in SQL scanner, not squawk")
    parser.add_argument("--kind", choices=["sql", "rails"], default="sql")
    args = parser.parse_args()
    sizes = [args.lines // 4, args.lines // 2, args.lines]
    engine = "built-in scanner" if args.fallback else "squawk"
    print(f"one {'Rails' if args.kind == 'rails' else 'SQL'} migration, reviewed as a new file"
          + ("" if args.kind == "rails" else f" ({engine})"))
    first_rate = None
    seen_notices: list[str] = []
    for size in sizes:
        runs = [_time(size, args.fallback, args.kind) for _ in range(args.repeat)]
        parse, checks, findings, notices = min(runs, key=lambda r: r[1])
        rate = checks / size * 1000
        first_rate = first_rate or rate
        print(
            f"  {size:>6} lines: checks {checks:.3f}s ({rate * 1000:.2f} ms per 1k lines, "
            f"{rate / first_rate:.2f}x the smallest size), {checks / parse:.1f}x the parse, "
            f"{findings} findings"
        )
        seen_notices.extend(notices)
    for notice in dict.fromkeys(seen_notices):
        print(f"notice: {notice}")
    print("linear when the per-1k-lines ratio stays near 1.0x as the file grows")


if __name__ == "__main__":
    main()
