"""All deterministic checks on a synthetic 500-file pull request.

The PR mixes Python/JS/Go/Java service code with SQL (Flyway), Django, Alembic and Rails migrations, each
file changed by one to three hunks of typical size (10-40 added lines, 3 context lines either side).
Prints, per stage, CPU time (this process plus its children, i.e. squawk) and wall time: parsing the
diff (the baseline), building the check contexts, importing the checks, running every check (including
the single squawk process for all SQL migrations), and the number of squawk processes started. CPU time is
the steadier figure on a shared machine; every figure is also printed as a ratio to the parse of the same
diff in the same run. Each round runs the checks twice: as a review runs them (in as many processes as
`_file_pool.workers_for` chooses on this machine) and in one process, the baseline. Bars: the checks stage
under 0.6 s for 500 files, printed both as the CPU time of the best warm run in one process and as the wall
time of the best warm run as a review runs it (with its CPU time in all processes, and its ratio to the
wall time in one process); and contexts + checks, cold (imports included), under 2 s.

With --per-check, the best warm run's checks stage (in one process) is also split by check: CPU time in
the check itself (its pre-filter included) and in naming its findings (`runner._to_findings`: titles,
bodies, fixes), worst first, as a share of the checks stage. A view several checks share (the lexer, a
file's parse and data flow) is charged to the first check that asks for it on each file.

With --instructions the same work also runs under valgrind's callgrind, in three processes (build the diff
text; also parse it and build the contexts; also import and run the checks), and the differences give the
instructions executed by parsing and by the checks: a figure the load of a shared machine does not move.

    python bench/bench_checks.py [--files 500] [--repeat 3] [--instructions] [--per-check [N]]
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable

from persona_review.gc_pacing import pace_short_run

# The checks run inside a review process, and every entry point of one (`persona-review`, `python -m
# persona_review`, the Action) paces the garbage collector for a short run before it imports anything:
# so does this bench, so that it measures the checks as a review runs them.
pace_short_run()

from persona_review.checks import runner  # noqa: E402
from persona_review.checks._file_pool import workers_for  # noqa: E402
from persona_review.checks.base import CheckFunc, CheckSpec, FileContext, Hit  # noqa: E402
from persona_review.checks.registry import Registry, load_all  # noqa: E402
from persona_review.checks.runner import run_checks  # noqa: E402
from persona_review.checks.sql_squawk import SquawkBatch  # noqa: E402
from persona_review.contexts import build_context  # noqa: E402
from persona_review.diff import parse_diff  # noqa: E402

_PY = [
    "    resp = requests.get(url, params=params)",
    "    try:\n        payload = resp.json()\n    except Exception:\n        pass",
    '    rows = cursor.execute(f"SELECT * FROM orders WHERE id = {order_id}")',
    "    total = sum(item.price * item.qty for item in basket.items)",
    '    log.info("order %s settled", order.id)',
    '    if not user.is_active:\n        raise PermissionError("inactive user")',
    "    data = yaml.safe_load(stream)",
]
_JS = [
    "  const res = await fetch(`${base}/orders/${id}`);",
    "  try {\n    await queue.publish(evt);\n  } catch (e) {}",
    '  db.query("SELECT * FROM users WHERE email = \'" + email + "\'");',
    "  return res.status(200).json({ ok: true, items });",
    "  const total = items.reduce((acc, i) => acc + i.price, 0);",
]
_GO = [
    "\tresp, _ := http.Get(url)",
    '\tif err := tx.Commit(); err != nil {\n\t\treturn fmt.Errorf("commit: %w", err)\n\t}',
    '\tq := fmt.Sprintf("SELECT * FROM t WHERE id = %s", id)',
    "\tclient := &http.Client{Timeout: 5 * time.Second}",
    "\tdefer rows.Close()",
]
_JAVA = [
    "        try {\n            repo.save(order);\n        } catch (Exception e) {\n        }",
    '        String sql = "SELECT * FROM orders WHERE id = " + id;',
    "        return ResponseEntity.ok(service.find(id));",
    '        log.info("saved {}", order.getId());',
]
_SQL = [
    "CREATE INDEX orders_{n}_idx ON orders (c{n});",
    "ALTER TABLE orders ADD COLUMN c{n} text;",
    "ALTER TABLE orders ALTER COLUMN c{n} SET NOT NULL;",
    "CREATE INDEX CONCURRENTLY orders_{n}_cidx ON orders (c{n});",
    "ALTER TABLE orders ADD CONSTRAINT fk_{n} FOREIGN KEY (u{n}) REFERENCES users (id) NOT VALID;",
]
_DJANGO = [
    '        migrations.AddField(\n            model_name="order",\n            name="c{n}",\n'
    "            field=models.TextField(null=True),\n        ),",
    '        migrations.RemoveField(\n            model_name="order",\n'
    '            name="old{n}",\n        ),',
    "        migrations.RunPython(forwards_{n}),",
]
_ALEMBIC = [
    '    op.add_column("orders", sa.Column("c{n}", sa.Text(), nullable=True))',
    '    op.create_index("ix_{n}", "orders", ["c{n}"])',
    '    op.alter_column("orders", "c{n}", nullable=False)',
]
_RAILS = [
    "    add_column :orders, :c{n}, :string",
    "    add_index :orders, :c{n}",
    "    remove_column :orders, :old{n}",
]

_KINDS: list[tuple[str, list[str], str, str]] = [
    ("services/api_{i}/handlers.py", _PY, "def handler_{i}(request):", ""),
    ("web/src/orders/service{i}.js", _JS, "async function handle{i}(req, res) {", "}"),
    ("internal/store/store_{i}.go", _GO, "func (s *Store) Op{i}(ctx context.Context) error {", "}"),
    ("src/main/java/com/acme/Orders{i}.java", _JAVA, "    public Order op{i}(long id) {", "    }"),
    ("db/migration/V{i}__orders.sql", _SQL, "-- orders change {i}", ""),
    ("shop/migrations/{i:04d}_orders.py", _DJANGO, "    operations = [", "    ]"),
    ("alembic/versions/rev_{i}.py", _ALEMBIC, "def upgrade():", ""),
    ("db/migrate/2024{i:06d}_orders.rb", _RAILS, "  def change", "  end"),
]
_HEADERS = {
    "shop/migrations": "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):",
    "alembic/versions": "from alembic import op\nimport sqlalchemy as sa\n",
    "db/migrate": "class Orders{i} < ActiveRecord::Migration[7.1]",
}


def _fill(template: str, **values: int) -> str:
    """`template` with {name} placeholders replaced (code templates keep their own braces)."""
    for name, value in values.items():
        template = template.replace(f"{{{name}:04d}}", f"{value:04d}").replace(
            f"{{{name}:06d}}", f"{value:06d}"
        )
        template = template.replace(f"{{{name}}}", str(value))
    return template


def synth(files: int, seed: int = 11) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    for i in range(files):
        path_t, pool, opener, closer = _KINDS[i % len(_KINDS)]
        path = _fill(path_t, i=i)
        out.append(
            f"diff --git a/{path} b/{path}\nindex 1111111..2222222 100644\n--- a/{path}\n+++ b/{path}\n"
        )
        start = 1
        for _hunk in range(rng.randint(1, 3)):
            context = [_fill(opener, i=i), "", ""]
            for prefix, header in _HEADERS.items():
                if path.startswith(prefix) and start == 1:
                    context = ["", "", "", *_fill(header, i=i).split("\n")[:3], _fill(opener, i=i)][-3:]
            added: list[str] = []
            while len(added) < rng.randint(10, 40):
                added.extend(_fill(rng.choice(pool), n=len(added), i=i).split("\n"))
            tail = [_fill(closer, i=i), "", ""]
            out.append(f"@@ -{start},6 +{start},{len(added) + 6} @@\n")
            out.extend(f" {line}\n" for line in context)
            out.extend(f"+{line}\n" for line in added)
            out.extend(f" {line}\n" for line in tail)
            start += len(added) + 6 + rng.randint(5, 60)
    return "".join(out)


def _cpu() -> float:
    """CPU seconds of this process and its finished children (squawk)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _once(text: str, workers: int | None = None) -> dict[str, float | int]:
    figures: dict[str, float | int] = {}
    marks: list[tuple[float, float]] = [(time.perf_counter(), _cpu())]
    diff = parse_diff(text)
    marks.append((time.perf_counter(), _cpu()))
    contexts = [build_context(f) for f in diff]
    marks.append((time.perf_counter(), _cpu()))
    registry = load_all()
    marks.append((time.perf_counter(), _cpu()))
    squawk = next((b for b in registry.batches if isinstance(b, SquawkBatch)), None)
    before = squawk.processes_started if squawk else 0
    chosen = workers if workers is not None else workers_for([len(ctx.lines) for ctx in contexts])
    outcome = run_checks(contexts, workers=chosen)
    marks.append((time.perf_counter(), _cpu()))
    for index, stage in enumerate(("parse", "contexts", "load", "checks")):
        figures[stage] = marks[index + 1][0] - marks[index][0]
        figures[f"{stage}_cpu"] = marks[index + 1][1] - marks[index][1]
    figures["total"] = marks[-1][0] - marks[0][0]
    figures["total_cpu"] = marks[-1][1] - marks[0][1]
    figures.update(
        findings=len(outcome.findings),
        files=len(diff),
        added=sum(f.added_count for f in diff),
        squawk_processes=(squawk.processes_started - before) if squawk else 0,
        notices=len(outcome.notices),
        workers=chosen,
    )
    return figures


BAR_CHECKS_SECONDS = 0.6
BAR_COLD_SECONDS = 2.0


def _stage(stage: str, files: int) -> None:
    """One of the processes --instructions counts: up to `stage` (synth, parse or checks), once."""
    text = synth(files)
    if stage in ("parse", "checks"):
        contexts = [build_context(f) for f in parse_diff(text)]
        if stage == "checks":
            run_checks(contexts, workers=1)  # instructions of all the work, in one process


def _instructions(stage: str, files: int) -> int:
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
         "--files", str(files), "--stage", stage],
        capture_output=True, text=True, check=False,
    )
    found = re.search(r"Collected\s*:\s*(\d+)", proc.stderr)
    if proc.returncode != 0 or found is None:
        raise SystemExit(f"callgrind failed on stage {stage}: {proc.stderr[-1500:]}")
    return int(found.group(1))


def _count(files: int) -> None:
    if shutil.which("valgrind") is None:
        print("no valgrind on PATH: instruction counts skipped")
        return
    synth_only, parsed, checked = (_instructions(stage, files) for stage in ("synth", "parse", "checks"))
    parse, checks = parsed - synth_only, checked - parsed
    print(f"instructions (callgrind): parse + contexts {parse / 1e6:.0f} M; checks, imports included "
          f"{checks / 1e6:.0f} M = {checks / parse:.1f}x the parse")


def _timed(func: CheckFunc, spent: list[float]) -> CheckFunc:
    def check(ctx: FileContext) -> Iterable[Hit]:
        start = time.process_time()
        hits = list(func(ctx))
        spent[0] += time.process_time() - start
        return hits

    return check


def _per_check(text: str, repeat: int, top: int) -> None:
    """CPU time of each check on the PR (best of `repeat` runs per check), worst first."""
    registry = load_all()
    own: dict[str, list[float]] = defaultdict(lambda: [0.0])
    naming: dict[str, float] = defaultdict(float)
    plain_findings = runner._to_findings

    def timed_findings(ctx: FileContext, spec: CheckSpec, hits: Iterable[Hit]) -> list[object]:
        start = time.process_time()
        found = plain_findings(ctx, spec, hits)
        naming[spec.id] += time.process_time() - start
        return list(found)

    timed = Registry(
        checks=[(spec, _timed(func, own[spec.id])) for spec, func in registry.checks],
        batches=registry.batches,
    )
    best: dict[str, tuple[float, float]] = {}
    stage = float("inf")
    runner._to_findings = timed_findings  # type: ignore[assignment]
    try:
        for _ in range(repeat):
            contexts = [build_context(f) for f in parse_diff(text)]
            for spent in own.values():
                spent[0] = 0.0
            naming.clear()
            start = time.process_time()
            run_checks(contexts, registry=timed, workers=1)  # the timers count in this process only
            stage = min(stage, time.process_time() - start)
            for check_id, spent in own.items():
                run = (spent[0], naming.get(check_id, 0.0))
                if check_id not in best or sum(run) < sum(best[check_id]):
                    best[check_id] = run
    finally:
        runner._to_findings = plain_findings
    ranked = sorted(best.items(), key=lambda item: -sum(item[1]))
    print(f"per check (best of {repeat} runs each; the whole checks stage, timed: {stage:.3f}s CPU):")
    print(f"  {'check':<28} {'total':>7} {'check':>7} {'naming':>7} {'share':>6}")
    for check_id, (check, name) in ranked[:top]:
        print(f"  {check_id:<28} {check + name:7.3f} {check:7.3f} {name:7.3f} {(check + name) / stage:6.1%}")
    rest = sum(sum(times) for _, times in ranked[top:])
    print(f"  {'the other ' + str(len(ranked[top:])) + ' checks':<28} {rest:7.3f} {'':>7} {'':>7} "
          f"{rest / stage:6.1%}")
    outside = stage - sum(sum(times) for _, times in ranked)
    print(f"  {'batches (squawk), runner':<28} {outside:7.3f} {'':>7} {'':>7} {outside / stage:6.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--instructions", action="store_true", help="also count instructions (valgrind)")
    parser.add_argument("--per-check", type=int, nargs="?", const=15, default=0, metavar="N",
                        help="also print the N checks that cost the most CPU time (default 15)")
    parser.add_argument("--stage", choices=["synth", "parse", "checks"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        _stage(args.stage, args.files)
        return
    text = synth(args.files)
    # Rounds alternate a review as it runs (as many processes as `workers_for` chooses on this machine)
    # and the same checks in one process, the in-run baseline for the wall time.
    runs = [_once(text, workers) for _ in range(args.repeat) for workers in (None, 1)]
    first = runs[0]
    shared = runs[2::2] or runs[:1]  # warm, unless there was only the cold one
    alone = runs[1::2]
    best = min(alone, key=lambda r: r["checks_cpu"])
    print(f"PR: {first['files']} files, {first['added']} added lines, {len(text) / 1e6:.1f} MB of diff")
    print(f"first run (cold imports, {first['workers']} processes): total {first['total']:.3f}s wall, "
          f"{first['total_cpu']:.3f}s CPU (checks import {first['load']:.3f}s)")
    print(f"best warm run of {args.repeat} in one process (by CPU time of the checks):")
    base = best["parse_cpu"] or float("inf")
    for stage in ("parse", "contexts", "load", "checks", "total"):
        print(f"  {stage:<9} {best[f'{stage}_cpu']:.3f}s CPU ({best[f'{stage}_cpu'] / base:5.1f}x the parse)"
              f"  {best[stage]:.3f}s wall")
    print(f"contexts + checks = {(best['contexts_cpu'] + best['checks_cpu']) / base:.1f}x the CPU time to "
          f"parse the diff (baseline, same run)")
    print(
        f"findings {best['findings']}, notices {best['notices']}, "
        f"squawk processes per run {best['squawk_processes']}"
    )
    scale = 500 / args.files
    checks = best["checks_cpu"] * scale
    verdict = "PASS" if checks < BAR_CHECKS_SECONDS else "FAIL"
    print(f"bar: checks in one process {best['checks_cpu']:.3f}s CPU for {args.files} files (scaled to 500: "
          f"{checks:.3f}s) < {BAR_CHECKS_SECONDS} s: {verdict}")
    review = min(shared, key=lambda r: r["checks"])
    fastest_alone = min(r["checks"] for r in alone)
    verdict = "PASS" if review["checks"] * scale < BAR_CHECKS_SECONDS else "FAIL"
    print(f"bar: checks as a review runs them ({review['workers']} processes on this machine) "
          f"{review['checks']:.3f}s wall, {review['checks_cpu']:.3f}s CPU in all processes "
          f"({review['checks'] / fastest_alone:.2f}x the wall time in one process, same run) "
          f"< {BAR_CHECKS_SECONDS} s: {verdict}")
    cold = first["contexts_cpu"] + first["load_cpu"] + first["checks_cpu"]
    verdict = "PASS" if cold < BAR_COLD_SECONDS else "FAIL"
    print(f"bar: contexts + checks (cold, incl. imports) {cold:.3f}s CPU < {BAR_COLD_SECONDS} s: {verdict}")
    if args.per_check:
        _per_check(text, args.repeat, args.per_check)
    if args.instructions:
        _count(args.files)


if __name__ == "__main__":
    main()
