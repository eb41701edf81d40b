"""Postgres SQL migrations checked by squawk (PyPI `squawk-cli`), one process for every SQL file of a run.

Each SQL migration is written to a temp dir with its known lines at their own line numbers (blank lines
where only hunks are known), squawk is run once over all of them with the JSON reporter, and its rules are
mapped onto checklist items. Style rules that fire on every safe migration (prefer-*, timeouts, robust
statements, transaction nesting) and rules we do not know are dropped.

Where squawk is missing or fails, one notice says so and our own SQL checks (`migrations_sql`) run on the
same files instead, under the same check ids: a file is checked by exactly one of the two, so findings
are never duplicated. squawk is a Postgres linter: when the change's database is MySQL, MariaDB or SQLite
our own checks run instead, with that engine's advice, and no notice.

A migration's reverting part (a goose/sql-migrate/dbmate Down section, a `.down.sql` or Flyway undo file) is
not checked: it is meant to drop what the forward part adds.

squawk's findings are read against what the migration (and the change) already did: nothing on a table the
change creates, no type change that only widens, no SET NOT NULL a validated NOT NULL check covers. A json
column (MIG-00), which squawk does not report, comes from our own scanner.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath

from persona_review.checks._migration_advice import advice
from persona_review.checks._migration_engines import POSTGRES
from persona_review.checks._migration_paths import is_sql_migration
from persona_review.checks._migration_specs import for_engine, make_specs, with_advice
from persona_review.checks._sql_facts import SqlFacts, facts_of
from persona_review.checks._sql_reverting import forward_lines, reverting_sql
from persona_review.checks.base import BatchResult, CheckSpec, FileContext, Hit
from persona_review.checks.migrations_sql import (
    BEYOND_SQUAWK,
    BEYOND_SQUAWK_WORDS,
    SqlStatement,
    adds_per_row_values,
    checks_dropped_after_set_not_null,
    created_tables,
    learn_restored_types,
    scan_sql,
    split_statements,
    target_table,
)
from persona_review.checks.registry import register_batch
from persona_review.lazy_re import lazy_re

SQUAWK_TIMEOUT_SECONDS = 60

RULE_ITEMS: dict[str, str] = {
    "ban-drop-column": "MIG-01",
    "ban-drop-table": "MIG-01",
    "ban-drop-database": "MIG-01",
    "ban-truncate-cascade": "MIG-01",
    "adding-not-nullable-field": "MIG-02",
    "adding-required-field": "MIG-02",
    "require-concurrent-index-creation": "MIG-03",
    "require-concurrent-index-deletion": "MIG-03",
    "require-concurrent-reindex": "MIG-03",
    "require-concurrent-partition-detach": "MIG-03",
    "changing-column-type": "MIG-04",
    "renaming-column": "MIG-05",
    "renaming-table": "MIG-05",
    "adding-foreign-key-constraint": "MIG-06",
    "constraint-missing-not-valid": "MIG-06",
    "ban-create-domain-with-constraint": "MIG-06",
    "ban-alter-domain-with-add-constraint": "MIG-06",
    "disallowed-unique-constraint": "MIG-07",
    "adding-serial-primary-key-field": "MIG-07",
    "adding-field-with-default": "MIG-08",
    "ban-concurrent-index-creation-in-transaction": "MIG-12",
}
"""squawk rule -> checklist item. Rules not listed are dropped: ban-drop-not-null (dropping NOT NULL is
backward compatible for writers and takes a brief lock; the Django and Alembic linters call it safe) and
style rules (prefer-bigint-over-int,
prefer-text-field, prefer-identity, prefer-robust-stmts, require-lock-timeout / require-statement-timeout,
transaction-nesting, ban-char-field flag nearly every safe migration)."""

STYLE_RULES = (
    "prefer-robust-stmts",
    "require-lock-timeout",
    "require-statement-timeout",
    "prefer-bigint-over-int",
    "prefer-bigint-over-smallint",
    "prefer-identity",
    "prefer-text-field",
    "prefer-timestamptz",
    "ban-char-field",
    "transaction-nesting",
)
"""Excluded on the command line, which keeps squawk's JSON small (they are dropped anyway, see RULE_ITEMS).
MIG-11 (lock_timeout) is not taken from require-lock-timeout: the timeout is usually set by the migration
runner's connection settings, which a migration file cannot show, so the rule fires on every migration."""

NEW_TABLE_HARMLESS = frozenset(
    {
        "require-concurrent-index-creation",
        "constraint-missing-not-valid",
        "adding-foreign-key-constraint",
        "disallowed-unique-constraint",
        "adding-not-nullable-field",
        "changing-column-type",
    }
)
"""Rules squawk reports on a table created earlier in the same file unless told the file runs in one
transaction. A table created moments ago in the same migration is empty and unused: nothing to lock."""

NEW_TABLE_HARMLESS_IN_CHANGE = NEW_TABLE_HARMLESS | {
    "require-concurrent-index-deletion",
    "adding-required-field",
    "adding-field-with-default",
    "adding-serial-primary-key-field",
    "ban-drop-column",
    "renaming-column",
}
"""On a table another migration of the change creates (no release uses it yet), drops and renames of its
columns are harmless too."""

SPECS = make_specs("SQL", ["sql"], sorted({*RULE_ITEMS.values(), "MIG-00"}))

Locator = Callable[[], str | None]


def find_squawk() -> str | None:
    """The squawk binary next to the running interpreter (a venv), else on PATH."""
    beside = Path(sys.executable).parent / "squawk"
    if beside.is_file():
        return str(beside)
    return shutil.which("squawk")


def squawk_environment() -> dict[str, str]:
    """The variables squawk runs with: enough to find its libraries and decode text, and nothing else.
    In the Action the process holds the GitHub token and the model key (as INPUT_* variables); a linter
    needs neither, and squawk has a subcommand that posts to GitHub with a token from its environment."""
    keep = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "SYSTEMROOT")
    return {name: os.environ[name] for name in keep if name in os.environ}


class SquawkBatch:
    """The BatchCheck for SQL migrations. `locate` finds the binary (injectable for tests)."""

    def __init__(self, locate: Locator = find_squawk) -> None:
        self.specs: Sequence[CheckSpec] = list(SPECS.values())
        self._locate = locate
        self.processes_started = 0
        """How many squawk processes this batch has started (the bench prints it)."""

    def applies_to(self, ctx: FileContext) -> bool:
        return ctx.language == "sql" and is_sql_migration(ctx) and bool(forward_lines(ctx))

    def run_batch(self, contexts: Sequence[FileContext]) -> BatchResult:
        others = [ctx for ctx in contexts if ctx.change.database not in (None, POSTGRES)]
        postgres = [ctx for ctx in contexts if ctx.change.database in (None, POSTGRES)]
        result = _scan_files(others)
        if postgres:
            found = self._postgres_batch(postgres)
            result.hits.extend(found.hits)
            result.notices.extend(found.notices)
        return result

    def _postgres_batch(self, contexts: Sequence[FileContext]) -> BatchResult:
        binary = self._locate()
        if binary is None:
            return fold_index_builds(self._fallback(
                contexts,
                "squawk not found: install squawk-cli to lint SQL migrations; "
                "using persona-review's built-in SQL checks instead",
            ), contexts)
        try:
            return fold_index_builds(self._run(binary, contexts), contexts)
        except (OSError, subprocess.SubprocessError, ValueError) as exc:
            notice = f"squawk failed ({exc}); using persona-review's built-in SQL checks instead"
            return fold_index_builds(self._fallback(contexts, notice), contexts)

    def _run(self, binary: str, contexts: Sequence[FileContext]) -> BatchResult:
        with tempfile.TemporaryDirectory(prefix="persona-review-squawk-") as tmp:
            by_file: dict[str, FileContext] = {}
            for index, ctx in enumerate(contexts):
                target = Path(tmp) / f"{index:05d}.sql"
                target.write_text(_numbered_text(ctx), encoding="utf-8")
                by_file[str(target)] = ctx
            proc = self._squawk(binary, [f"--exclude={','.join(STYLE_RULES)}", *by_file], tmp)
            if proc.returncode == 2 and "invalid rule name" in proc.stderr:
                # a squawk release without one of these rule names: run once more, filtering ourselves
                proc = self._squawk(binary, list(by_file), tmp)
        if proc.returncode not in (0, 1) or not proc.stdout.strip():
            if proc.returncode == 0:
                return BatchResult()
            raise ValueError(f"exit {proc.returncode}: {proc.stderr.strip()[:200]}")
        result, unparsed = _parse(json.loads(proc.stdout), by_file)
        # squawk cannot parse these (typically hunk fragments cut mid-statement): our scanner covers them.
        result.hits.extend(_scan_files(unparsed).hits)
        parsed = [ctx for ctx in contexts if ctx not in unparsed]
        result.hits.extend(_scan_files(parsed, beyond_squawk=True).hits)
        return result

    def _squawk(self, binary: str, args: list[str], cwd: str) -> subprocess.CompletedProcess[str]:
        self.processes_started += 1
        return subprocess.run(
            [binary, "--reporter", "json", "--no-error-on-unmatched-pattern", *args],
            capture_output=True,
            text=True,
            timeout=SQUAWK_TIMEOUT_SECONDS,
            cwd=cwd,
            env=squawk_environment(),
            check=False,
        )

    def _fallback(self, contexts: Sequence[FileContext], notice: str) -> BatchResult:
        result = _scan_files(contexts)
        result.notices.append(notice)
        return result


def statements_of(ctx: FileContext) -> list[SqlStatement]:
    """The file's SQL statements, split once (the built-in scanner and the look-ups that judge squawk's
    findings both read them)."""
    return ctx.cached("sql_squawk.statements", lambda: split_statements(sorted(forward_lines(ctx).items())))


def _scan_files(contexts: Sequence[FileContext], beyond_squawk: bool = False) -> BatchResult:
    """The built-in scanner's findings; with `beyond_squawk`, only those squawk does not report."""
    result = BatchResult()
    for ctx in contexts:
        change = ctx.change
        statements = statements_of(ctx)
        if beyond_squawk and not any(w in stmt.text for stmt in statements for w in BEYOND_SQUAWK_WORDS):
            continue  # no statement the scanner could find one of those hazards in (most files)
        found = [
            with_advice(hit.item, hit.line, hit.detail, hit.end_line)
            for hit in scan_sql((), change.created_tables, change.not_null_checked, statements=statements,
                                runner_tx=runner_transaction(ctx), restored=reverting_sql(ctx),
                                tx_breaks=liquibase_changesets(ctx))
            if hit.item in SPECS and (not beyond_squawk or hit.detail.startswith(BEYOND_SQUAWK))
        ]
        for each in for_engine(found, change.database):
            result.hits.append((ctx.path, SPECS[each.item], each.hit))
    return result


_RUNNER_UP = lazy_re(r"(?im)^\s*--\s*(?P<tool>\+goose\s+up|\+migrate\s+up|migrate:up)\b(?P<rest>.*)$")
_RUNNER_OPT_OUT = lazy_re(
    r"(?i)^\s*--\s*\+goose\s+NO\s+TRANSACTION\b|\bnotransaction\b|\btransaction\s*:\s*false\b"
)
_RUNNER_NAMES = {"+goose": "goose", "+migrate": "sql-migrate", "migrate:up": "dbmate"}
_FLYWAY_VERSIONED = lazy_re(r"^V\d[\w.]*__.+\.sql$", re.IGNORECASE)
_FLYWAY_OUTSIDE_TX = lazy_re(r"(?i)\bCONCURRENTLY\b|\bexecuteInTransaction\s*=\s*false\b")
_LIQUIBASE_SQL = lazy_re(r"(?i)^\s*--\s*liquibase\s+formatted\s+sql\b")
_LIQUIBASE_CHANGESET = lazy_re(r"(?im)^\s*--\s*changeset\s+\S")
_LIQUIBASE_OPT_OUT = lazy_re(r"(?i)\brunInTransaction\s*:\s*false\b")


def liquibase_changesets(ctx: FileContext) -> list[int]:
    """The lines of a Liquibase formatted SQL changelog that start a changeSet (`-- changeset a:1`): each
    runs in a transaction of its own."""
    if "changeset" not in ctx.known_text().lower():
        return []
    return [no for no, text in ctx.lines.items() if _LIQUIBASE_CHANGESET.match(text)]


def runner_transaction(ctx: FileContext) -> str:
    """The tool that runs this SQL migration file as one transaction, or "" when none does or it cannot be
    told. goose, sql-migrate and dbmate wrap each file's Up part in a transaction unless the file opts out
    (goose's `-- +goose NO TRANSACTION` line, sql-migrate's `-- +migrate Up notransaction`, dbmate's
    `-- migrate:up transaction:false`). Read only when the whole file is known: the opt-out may sit on any
    line of it. Liquibase runs each changeset of a formatted SQL changelog in a transaction unless the
    changeset says `runInTransaction:false`. Flyway runs a versioned script (`V3__x.sql`) in a transaction
    unless it holds a non-transactional statement (CONCURRENTLY) or says `executeInTransaction=false`."""
    if not (ctx.whole_file or ctx.is_new_file):
        return ""
    text = ctx.known_text()
    if "liquibase" in text.lower() and _LIQUIBASE_SQL.match(text.lstrip().split("\n", 1)[0]):
        if _LIQUIBASE_CHANGESET.search(text) and not _LIQUIBASE_OPT_OUT.search(text):
            return "liquibase"
        return ""
    found = _RUNNER_UP.search(text) if "goose" in text or "migrate" in text else None
    if found is not None:
        if any(_RUNNER_OPT_OUT.search(line) for line in text.splitlines()):
            return ""
        return _RUNNER_NAMES.get(found.group("tool").split()[0].lower(), "")
    if _FLYWAY_VERSIONED.match(PurePosixPath(ctx.path).name):
        # Flyway runs a versioned script in one transaction, except one holding a statement no transaction
        # allows (it then runs it without: CONCURRENTLY) or one whose script config turns that off
        return "" if _FLYWAY_OUTSIDE_TX.search(text) else "flyway"
    return ""


class _NewTables:
    """Per file: the statements, the tables it creates and what earlier statements tell about later ones
    (parsed once, on first need).

    Statements come in file order, so their last lines never decrease: the statements holding a line are
    found by bisection, and a file with many findings costs O(findings x log statements), not a scan of
    every statement per finding."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[list[SqlStatement], list[int], set[str], SqlFacts]] = {}

    def _statements(self, ctx: FileContext) -> tuple[list[SqlStatement], list[int], set[str], SqlFacts]:
        if ctx.path not in self._seen:
            statements = statements_of(ctx)
            ends = [stmt.end_line for stmt in statements]
            checked = [*ctx.change.not_null_checked, *checks_dropped_after_set_not_null(statements)]
            facts = facts_of(statements, checked)  # asked as of each statement
            learn_restored_types(facts, reverting_sql(ctx))
            created = created_tables(statements) | set(ctx.change.created_tables)
            self._seen[ctx.path] = (statements, ends, created, facts)
        return self._seen[ctx.path]

    def _at(self, ctx: FileContext, line: int) -> list[int]:
        statements, ends, _created, _facts = self._statements(ctx)
        at = bisect_left(ends, line)  # the first statement that ends on or after `line`
        found: list[int] = []
        while at < len(statements) and statements[at].line <= line:
            found.append(at)
            at += 1
        return found

    def on_new_table(self, ctx: FileContext, line: int) -> bool:
        statements, _ends, created, _facts = self._statements(ctx)
        targets: list[str | None] = []
        for at in self._at(ctx, line):
            stmt = statements[at]
            if stmt.text.startswith(("ALTER", "CREATE")) and not stmt.text.startswith("CREATE TABLE"):
                targets.append(target_table(stmt))
        # Several statements on one line (`CREATE TABLE t ...; CREATE INDEX ON t ...;`): harmless only when
        # every one that works on a table works on a table this file creates.
        return bool(targets) and all(table is not None and table in created for table in targets)

    def on_change_table(self, ctx: FileContext, line: int) -> bool:
        """Every statement on `line` works on a table another migration of the change creates."""
        statements = self._statements(ctx)[0]
        targets = [target_table(statements[at]) for at in self._at(ctx, line)]
        return bool(targets) and all(t is not None and t in ctx.change.created_tables for t in targets)

    def harmless(self, ctx: FileContext, line: int, rule: str) -> bool:
        """A type change that only widens, a SET NOT NULL that a validated check covers, or a default that
        is the same for every row (squawk counts any function call, even `pi()`, as volatile)."""
        statements, _ends, _created, facts = self._statements(ctx)
        ats = [at for at in self._at(ctx, line) if statements[at].text.startswith("ALTER")]
        if not ats:
            return False
        for at in ats:
            stmt = statements[at]
            table = target_table(stmt) or ""
            actions = stmt.text
            if rule == "changing-column-type" and facts.unsafe_type_changes(table, actions, at):
                return False
            if rule == "adding-not-nullable-field" and facts.unchecked_not_null(table, actions, at):
                return False
            if rule == "adding-field-with-default" and adds_per_row_values(actions):
                return False
        return rule in ("changing-column-type", "adding-not-nullable-field", "adding-field-with-default")


HOLDS_WRITES = frozenset({"MIG-02", "MIG-04", "MIG-06", "MIG-07", "MIG-08"})
"""Hazards whose lock blocks writes to their table for as long as the statement works (a rewrite, a scan
that validates): in a migration run as one transaction, that lock is held until it commits."""
_NO_TRANSACTION = lazy_re(
    r"(?im)^\s*--\s*\+goose\s+NO\s+TRANSACTION\b|^\s*--\s*migrate:up\b.*\btransaction\s*:\s*false\b"
    r"|^\s*--\s*atlas:txmode\s+none\b|^\s*--\s*squawk-ignore-file\b|\bCONCURRENTLY\b"
)
"""A migration that does not run as one transaction: goose's `NO TRANSACTION`, dbmate's
`transaction:false`, atlas's `txmode none`, or one that builds an index `CONCURRENTLY` (which no
transaction allows)."""
_COMMIT = lazy_re(r"^(?:COMMIT|END)\b")


def fold_index_builds(result: BatchResult, contexts: Sequence[FileContext]) -> BatchResult:
    """An index built (MIG-03) on a table an earlier statement of the same transactional migration already
    locks against writes (a rewrite, a constraint it validates, `HOLDS_WRITES`) blocks nothing new: it only
    keeps that lock longer. It is said in the earlier statement's finding instead of a finding of its own
    (once that statement is made safe, the next review reports the index build as the first to lock)."""
    by_path = {ctx.path: ctx for ctx in contexts}
    folded: dict[int, list[int]] = {}
    """Index of a holding hit in `result.hits` -> the lines of the index builds said in it."""
    dropped: set[int] = set()
    for at, (path, spec, hit) in enumerate(result.hits):
        ctx = by_path.get(path)
        if spec.checklist_item != "MIG-03" or ctx is None:
            continue
        holder = _earlier_holder(result, ctx, at)
        if holder is not None:
            folded.setdefault(holder, []).append(hit.line)
            dropped.add(at)
    if not dropped:
        return result
    hits: list[tuple[str, CheckSpec, Hit]] = []
    for at, (path, spec, found) in enumerate(result.hits):
        if at in dropped:
            continue
        hit = found
        if at in folded:
            lines = ", ".join(str(line) for line in folded[at])
            word = "line" if len(folded[at]) == 1 else "lines"
            note = (
                f"The index built on {word} {lines} runs while this statement's lock on the same table is "
                "still held (the migration commits once), so it keeps writes blocked for the build too: "
                "build it `CONCURRENTLY` in a migration of its own."
            )
            hit = replace(hit, explanation=f"{hit.explanation or spec.explanation} {note}")
        hits.append((path, spec, hit))
    return BatchResult(hits, result.notices)


def _earlier_holder(result: BatchResult, ctx: FileContext, at: int) -> int | None:
    """The index in `result.hits` of a finding of `HOLDS_WRITES` on an earlier statement of `ctx` that works
    on the table the index build on `result.hits[at]` works on, with no commit between them; None when
    there is none or the migration does not run as one transaction."""
    statements = statements_of(ctx)
    index_stmt = _statement_at(statements, result.hits[at][2].line)
    if index_stmt is None or not index_stmt.text.startswith("CREATE"):
        return None
    table = target_table(index_stmt)
    if table is None or _NO_TRANSACTION.search("\n".join(forward_lines(ctx).values())):
        return None
    for other, (path, spec, hit) in enumerate(result.hits):
        if path != ctx.path or spec.checklist_item not in HOLDS_WRITES or hit.line >= index_stmt.line:
            continue
        stmt = _statement_at(statements, hit.line)
        if stmt is None or target_table(stmt) != table:
            continue
        between = [s for s in statements if stmt.line < s.line < index_stmt.line]
        if not any(_COMMIT.match(s.text) for s in between):
            return other
    return None


def _statement_at(statements: list[SqlStatement], line: int) -> SqlStatement | None:
    return next((stmt for stmt in statements if stmt.line <= line <= stmt.end_line), None)


def _numbered_text(ctx: FileContext) -> str:
    """The file with every known line of its forward part at its own number; other lines are blank."""
    lines = forward_lines(ctx)
    if not lines:
        return ""
    last = max(lines)
    return "\n".join(lines.get(no, "") for no in range(1, last + 1)) + "\n"


def _parse(report: object, by_file: dict[str, FileContext]) -> tuple[BatchResult, list[FileContext]]:
    """squawk's findings, and the files it could not parse (their findings are left out)."""
    if not isinstance(report, list):
        raise ValueError("unexpected squawk JSON output")
    entries = [entry for entry in report if isinstance(entry, dict)]
    broken = {str(e.get("file")) for e in entries if e.get("rule_name") == "syntax-error"}
    result = BatchResult()
    fresh = _NewTables()
    for entry in entries:
        if str(entry.get("file")) in broken:
            continue
        item = RULE_ITEMS.get(str(entry.get("rule_name", "")))
        ctx = by_file.get(str(entry.get("file", "")))
        line = entry.get("line")
        if item is None or ctx is None or not isinstance(line, int):
            continue
        rule = str(entry["rule_name"])
        if rule in NEW_TABLE_HARMLESS and fresh.on_new_table(ctx, line + 1):
            continue
        if rule in NEW_TABLE_HARMLESS_IN_CHANGE and fresh.on_change_table(ctx, line + 1):
            continue
        if fresh.harmless(ctx, line + 1, rule):
            continue
        end = entry.get("line_end")
        # squawk's JSON lines are 0-based.
        first = line + 1
        last = end + 1 if isinstance(end, int) and end > line else None
        # squawk's own message, without its rule name: prose never shows a tool's internal ids.
        detail = str(entry.get("message", "")).strip()
        hit = Hit(first, last, advice(item).text(detail))
        result.hits.append((ctx.path, SPECS[item], hit))
    return result, [by_file[name] for name in sorted(broken) if name in by_file]


register_batch(SquawkBatch())
