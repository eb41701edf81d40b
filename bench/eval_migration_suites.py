"""Score the migration checks on labelled sets they were not built from.

    python bench/eval_migration_suites.py DIR          # DIR: a checkout of 3YOURMIND/django-migration-linter
    python bench/eval_migration_suites.py --cases DIR  # DIR: written by bench/migration_history.py, labelled

Two sets are read from DIR (neither is committed here):
- `sql`: the SQL statements of `tests/unit/test_sql_analyser.py`, each with the engine of its test class
  (MySQL, SQLite, Postgres) and its label: `assertValidSql` is safe, `assertBackwardIncompatibleSql` and
  `assertWarningSql` are hazards (`allow_warnings=True` cases are left out). Each is checked as one SQL
  migration with `database` set to that engine.
- `django`: the migrations of `tests/test_project/app_*`, labelled per app by `tests/functional/
  test_migration_linter.py` (`_test_linter_finds_errors` / `_finds_no_errors`). Each migration is checked
  as its own change (the ones before it are the base); an app with errors counts as found when any of its
  migrations is flagged, an app without errors as a false alarm when any is.

With `--cases`, each labelled migration of DIR/labels.jsonl (change, path, label, framework, engine) is
checked alone as the change that adds it; copies with the same path and text count once.

Each case goes to the dev or the test half by a hash of its id; dev was read while building, test is only
scored. Prints recall (hazards flagged) and false-alarm rate (safe cases flagged) per set, engine and half.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category

ENGINES = {"mysql": "mysql", "sqlite": "sqlite", "postgresql": "postgres"}
ASSERTS = {"assertValidSql": "safe", "assertBackwardIncompatibleSql": "flag", "assertWarningSql": "flag"}


@dataclass(frozen=True)
class Case:
    case_id: str
    suite: str
    engine: str
    label: str
    files: tuple[tuple[str, str], ...]
    """(path, text) of each migration checked on its own; the case is flagged when any of them is."""

    @property
    def half(self) -> str:
        return "dev" if int(hashlib.sha1(self.case_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def _text(node: ast.expr) -> str | None:
    """A string, a concatenation of strings, or a list/tuple of them (one statement per line)."""
    try:
        value = ast.literal_eval(node)
    except ValueError:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return "\n".join(value)
    return None


def sql_cases(root: Path) -> Iterator[Case]:
    tree = ast.parse((root / "tests/unit/test_sql_analyser.py").read_text(encoding="utf-8"))
    for klass in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        vendor = next(
            (ast.literal_eval(s.value) for s in klass.body if isinstance(s, ast.Assign)
             and any(isinstance(t, ast.Name) and t.id == "database_vendor" for t in s.targets)),
            None,
        )
        if vendor not in ENGINES:
            continue
        for method in (n for n in klass.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test")):
            sql: str | None = None
            count = 0
            for stmt in method.body:
                targets = stmt.targets if isinstance(stmt, ast.Assign) else []
                if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "sql"
                                                        for t in targets):
                    sql = _text(stmt.value)
                    continue
                call = stmt.value if isinstance(stmt, ast.Expr) else None
                if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
                    continue
                label = ASSERTS.get(call.func.attr)
                allow = any(k.arg == "allow_warnings" for k in call.keywords)
                if label is None or sql is None or allow:
                    continue
                count += 1
                case_id = f"sql/{vendor}/{klass.name}.{method.name}#{count}"
                yield Case(case_id, "sql", ENGINES[vendor], label, ((f"migrations/V{count}__case.sql", sql),))


def django_cases(root: Path) -> Iterator[Case]:
    fixtures: dict[str, str] = {}
    for node in ast.parse((root / "tests/fixtures.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            value = ast.literal_eval(node.value)
            if isinstance(value, str):
                fixtures[node.targets[0].id] = value
    tests = ast.parse((root / "tests/functional/test_migration_linter.py").read_text(encoding="utf-8"))
    labels: dict[str, str] = {}
    for func in ast.walk(tests):
        if not isinstance(func, ast.FunctionDef):
            continue
        app = None
        for node in ast.walk(func):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Attribute) and \
                    isinstance(node.value.value, ast.Name) and node.value.value.id == "fixtures":
                app = fixtures.get(node.value.attr)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and app:
                if node.func.attr == "_test_linter_finds_errors":
                    labels.setdefault(app, "flag")
                elif node.func.attr == "_test_linter_finds_no_errors":
                    labels.setdefault(app, "safe")
    for app, label in sorted(labels.items()):
        folder = root / "tests/test_project" / app / "migrations"
        files = tuple(
            (f"{app}/migrations/{p.name}", p.read_text(encoding="utf-8"))
            for p in sorted(folder.glob("0*.py"))
        )
        if files:
            yield Case(f"django/{app}", "django", "unknown", label, files)


def history_cases(root: Path) -> Iterator[Case]:
    seen: set[tuple[str, str]] = set()
    lines = (root / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line]
    for row in sorted(rows, key=lambda r: (r["change"], r["path"])):
        text = (root / row["change"] / row["path"]).read_text(encoding="utf-8")
        key = (row["path"], hashlib.sha1(text.encode()).hexdigest())
        if key in seen:
            continue
        seen.add(key)
        case_id = f"{row['change']}/{row['path']}"
        yield Case(case_id, row["framework"], row["engine"], row["label"], ((row["path"], text),))


def flagged(case: Case) -> bool:
    engine = None if case.engine == "unknown" else case.engine
    for path, text in case.files:
        ctx = context_for_text(path, text)
        if run_checks([ctx], [Category.MIGRATION_SAFETY], database=engine).findings:
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path, help="a django-migration-linter checkout, or with --cases a set")
    parser.add_argument("--cases", action="store_true", help="DIR holds labelled migrations from history")
    parser.add_argument("--show", choices=["dev"], help="list each dev case with its outcome")
    args = parser.parse_args(argv)
    if args.cases:
        if not (args.dir / "labels.jsonl").is_file():
            print(f"eval_migration_suites: {args.dir}/labels.jsonl not found", file=sys.stderr)
            return 2
        cases = list(history_cases(args.dir))
    elif (args.dir / "tests/unit/test_sql_analyser.py").is_file():
        cases = [*sql_cases(args.dir), *django_cases(args.dir)]
    else:
        print(f"eval_migration_suites: {args.dir} is not a django-migration-linter checkout", file=sys.stderr)
        return 2
    tally: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tp, fn, fp, tn
    for case in cases:
        hit = flagged(case)
        row = tally[(case.suite, case.engine, case.half)]
        index = (0 if hit else 1) if case.label == "flag" else (2 if hit else 3)
        row[index] += 1
        if args.show == "dev" and case.half == "dev":
            print(f"{case.case_id}: {case.label} -> {'flagged' if hit else 'clean'}")
    print("set        engine    half  hazards  recall  safe  false-alarm rate")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for (suite, engine, half), counts in sorted(tally.items()):
        _row(f"{suite:10} {engine:9} {half:5}", counts)
        totals[half] = [a + b for a, b in zip(totals[half], counts, strict=True)]
    for half, counts in sorted(totals.items()):
        _row(f"{'all':10} {'':9} {half:5}", counts)
    return 0


def _row(head: str, counts: list[int]) -> None:
    tp, fn, fp, tn = counts
    recall = f"{tp / (tp + fn):.2f}" if tp + fn else "  - "
    rate = f"{fp / (fp + tn):.2f}" if fp + tn else "  - "
    print(f"{head} {tp + fn:7}  {recall:6}  {fp + tn:4}  {rate}")


if __name__ == "__main__":
    raise SystemExit(main())
