"""Our own Postgres DDL checks, for what squawk cannot see.

Used in two places, never both on the same text (so findings are not duplicated):
- `.sql` migrations when the squawk binary is missing (fallback; see `sql_squawk`), and
- raw SQL embedded in Python/Ruby migrations (`op.execute`, `migrations.RunSQL`, Rails `execute`), which
  squawk never reads.

The scanner splits statements on `;` (outside quotes and dollar-quoted bodies), knows which tables the
same text creates (operations on them are harmless), and reports the first line of each statement.
This module registers no check itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from persona_review.checks._sql_facts import _SET_NOT_NULL, SqlFacts, facts_of, name
from persona_review.lazy_re import lazy_re


class SqlStatement(NamedTuple):
    line: int
    end_line: int
    text: str
    """Upper-cased, comments removed, white space folded."""


class SqlHit(NamedTuple):
    item: str
    """Checklist item, e.g. "MIG-03"."""
    line: int
    end_line: int
    detail: str


_WS = lazy_re(r"\s+")
_IDENT = r'(?:"[^"]+"|`[^`]+`|[\w$]+)(?:\.(?:"[^"]+"|`[^`]+`|[\w$]+))?'
_CREATE_TABLE = lazy_re(
    rf"^CREATE\s+(?:UNLOGGED\s+|TEMP\w*\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?({_IDENT})"
)
_ALTER_TABLE = lazy_re(rf"^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?({_IDENT})")
_CREATE_INDEX = lazy_re(
    rf"^CREATE\s+(UNIQUE\s+)?INDEX\s+(CONCURRENTLY\s+)?.*?\bON\s+(?:ONLY\s+)?({_IDENT})"
)
_ONLINE = lazy_re(r"\bONLINE\s*=\s*ON\b")
"""SQL Server's online index build (`WITH (ONLINE = ON)`), which lets writes go on."""
_NOCHECK = lazy_re(r"^\s*WITH\s+NOCHECK\b")
"""SQL Server's `ALTER TABLE t WITH NOCHECK ADD CONSTRAINT ...`: existing rows are not checked (NOT VALID)."""
_SAFE_DEFAULT_FUNCS = frozenset(
    {
        "NOW",
        "CURRENT_TIMESTAMP",
        "CURRENT_DATE",
        "CURRENT_TIME",
        "LOCALTIMESTAMP",
        "LOCALTIME",
        "TRANSACTION_TIMESTAMP",
        "STATEMENT_TIMESTAMP",
        "CURRENT_USER",
        "CURRENT_SCHEMA",
        "ARRAY",
        "JSONB_BUILD_OBJECT",
        "JSON_BUILD_OBJECT",
        "LOWER",
        "UPPER",
        "COALESCE",
        "CAST",
        "INTERVAL",
        "TO_JSONB",
        # SQL Server's runtime constants: evaluated once per statement, so the default is metadata-only
        "GETDATE",
        "GETUTCDATE",
        "SYSDATETIME",
        "SYSUTCDATETIME",
        "SYSDATETIMEOFFSET",
        "PI",
        "ABS",
        "ROUND",
        "FLOOR",
        "CEIL",
        "LENGTH",
        "CONCAT",
        "NULLIF",
        "GREATEST",
        "LEAST",
        "TO_CHAR",
        "TO_DATE",
        "TO_TIMESTAMP",
        "MAKE_INTERVAL",
        "JSON_BUILD_ARRAY",
        "JSONB_BUILD_ARRAY",
        "ARRAY_FILL",
        "CURRVAL",
    }
)
"""Default expressions that are the same for every row (constants, and functions of the statement's time)."""
BEYOND_SQUAWK = (
    "json column added", "DROP DEFAULT of a NOT NULL column", "CONCURRENTLY in a file the migration tool",
    "Serial column added", "Run by a DO block:", "Enum value renamed",
    "Validated in the transaction the migration tool opens",
)
"""Details of hazards squawk does not report: with squawk, the built-in scanner adds only these."""
BEYOND_SQUAWK_WORDS = ("JSON", "DROP", "CONCURRENTLY", "SERIAL", "DO $$", "RENAME VALUE", "VALIDATE")
"""Words a statement (upper-cased, as split) holds when the scanner can find a hazard of `BEYOND_SQUAWK` in
it: a json column's type, the DROP of DROP DEFAULT, an index built CONCURRENTLY, a serial column
(squawk only calls serial a style matter, `prefer-identity`, but filling it rewrites the table), the DDL
an anonymous `DO $$ … $$` block runs (squawk does not read inside a function body), an enum value renamed
(`ALTER TYPE … RENAME VALUE`), and the VALIDATE of a constraint added NOT VALID in the one transaction a
tool wraps the file in (squawk sees that only inside an explicit BEGIN). A file none of whose statements
holds one needs no scan for them."""
_ADD_COLUMN = lazy_re(r"\bADD\s+(?:COLUMN\s+)?(?!CONSTRAINT\b)(.*?)(?=,\s*ADD\b|,\s*ALTER\b|$)")
_FUNC_CALL = lazy_re(r"\b([A-Z_][\w.]*)\s*\(")


def norm_table(name: str) -> str:
    """A table name lower-cased, with its quotes (`"`, backticks, T-SQL brackets) and schema dropped."""
    for quote in "\"`[]":
        name = name.replace(quote, "")
    return name.lower().rsplit(".", 1)[-1]


def split_statements(lines: Iterable[tuple[int, str]]) -> list[SqlStatement]:
    """Statements of numbered SQL lines (a fragment is fine: an unterminated tail is a statement too)."""
    splitter = _Splitter()
    for no, text in lines:
        splitter.feed(no, text)
    splitter.flush()
    return splitter.out


_MARKS = lazy_re(r"--|\$\$|[';]")
"""What the splitter stops at outside strings and bodies: a comment, a dollar quote, a quote, a `;`."""


class _Splitter:
    """Splits on `;` outside quotes, dollar-quoted bodies and `--` comments."""

    def __init__(self) -> None:
        self.out: list[SqlStatement] = []
        self.buf: list[str] = []
        self.start: int | None = None
        self.last = 0
        self.in_dollar = False
        self.in_quote = False

    def _mark(self, no: int) -> None:
        if self.start is None:
            self.start = no
        self.last = no

    def feed(self, no: int, text: str) -> None:
        if not (self.in_dollar or self.in_quote) and not any(mark in text for mark in ("'", "$$", ";", "--")):
            if text.strip():
                self._mark(no)
            self.buf.append(text)
            self.buf.append(" ")
            return
        i = 0
        n = len(text)
        while i < n:
            if self.in_dollar or self.in_quote:
                close = "$$" if self.in_dollar else "'"
                j = text.find(close, i)
                if j < 0:
                    self.buf.append(text[i:])
                    break
                self.buf.append(text[i : j + len(close)])
                self.in_dollar = self.in_quote = False
                i = j + len(close)
                continue
            # Copy the plain text up to the next mark in one piece (not a character at a time).
            mark = _MARKS.search(text, i)
            j = n if mark is None else mark.start()
            if j > i:
                piece = text[i:j]
                if not piece.isspace():
                    self._mark(no)
                self.buf.append(piece)
            if mark is None:
                break
            token = mark.group()
            if token == "--":
                break
            if token == ";":
                self.flush()
            else:  # `$$` or `'` opens a body or a string
                self.in_dollar = token == "$$"
                self.in_quote = token == "'"
                self._mark(no)
                self.buf.append(token)
            i = mark.end()
        self.buf.append(" ")

    def flush(self) -> None:
        if self.start is not None:
            text = _WS.sub(" ", "".join(self.buf)).strip().upper()
            self.out.append(SqlStatement(self.start, self.last, text))
        self.buf, self.start = [], None


_DO_BLOCK = lazy_re(
    r"^DO\s+\$\$\s*BEGIN\s+(.*?)\s*(?:EXCEPTION\s+WHEN\s+[\w\s]+?\s+THEN\s+NULL\s*;\s*)?END\s*;?\s*\$\$\s*;?$"
)
_DDL_HEAD = lazy_re(r"^(?:ALTER\s+TABLE|CREATE\s+(?:UNIQUE\s+)?INDEX)\b")


def _unwrapped(statements: list[SqlStatement]) -> tuple[list[SqlStatement], set[int]]:
    """`statements` with each anonymous block that only wraps DDL (`DO $$ BEGIN ALTER TABLE …; EXCEPTION
    WHEN duplicate_object THEN null; END $$;`, drizzle-kit's idempotent foreign key) replaced by the
    statements it runs, which take the same locks as they would outside it, and the indexes of those. A
    block with any other PL/pgSQL (IF, loops, queries) is left whole."""
    if not any(stmt.text.startswith("DO ") for stmt in statements):
        return statements, set()
    out: list[SqlStatement] = []
    inside: set[int] = set()
    for stmt in statements:
        block = _DO_BLOCK.match(stmt.text) if stmt.text.startswith("DO ") else None
        body = [part.strip() for part in block.group(1).split(";") if part.strip()] if block else []
        if body and all(_DDL_HEAD.match(part) for part in body):
            inside.update(range(len(out), len(out) + len(body)))
            out.extend(SqlStatement(stmt.line, stmt.end_line, part) for part in body)
        else:
            out.append(stmt)
    return out, inside


def learn_restored_types(facts: SqlFacts, restored: Iterable[str]) -> None:
    """Teach `facts` the column types the reverting SQL lines `restored` give back, as the types before."""
    for statement in split_statements(enumerate(restored)):
        facts.learn_restored_types(statement.text)


def created_tables(statements: Iterable[SqlStatement]) -> set[str]:
    """Tables the statements create (lower-cased, schema dropped)."""
    return {norm_table(m.group(1)) for s in statements if (m := _CREATE_TABLE.match(s.text))}


def target_table(statement: SqlStatement) -> str | None:
    """The table an ALTER TABLE or CREATE INDEX statement works on."""
    if m := _ALTER_TABLE.match(statement.text):
        return norm_table(m.group(1))
    if m := _CREATE_INDEX.match(statement.text):
        return norm_table(m.group(3))
    return None


def scan_sql(
    lines: Iterable[tuple[int, str]],
    new_tables: Iterable[str] = (),
    checked: Iterable[tuple[str, str]] = (),
    *,
    statements: list[SqlStatement] | None = None,
    runner_tx: str = "",
    restored: Iterable[str] = (),
    tx_breaks: Iterable[int] = (),
) -> list[SqlHit]:
    """Migration-safety hazards in numbered SQL lines. `new_tables`: tables the surrounding migration (or
    change) creates (lower-case names), on which index and constraint operations are harmless. `checked`:
    (table, column) pairs an earlier migration of the change covers with a validated NOT NULL check.
    `statements`: `split_statements(lines)`, when the caller has it already. `runner_tx`: the name of the
    migration tool that runs the whole file in one transaction (goose without `NO TRANSACTION`), or "".
    `restored`: SQL lines of the file's reverting part, read only for the column types it gives back.
    `tx_breaks`: lines where the tool commits and opens its next transaction (Liquibase's changeSets)."""
    statements, from_blocks = _unwrapped(split_statements(lines) if statements is None else statements)
    created = created_tables(statements) | {name.lower() for name in new_tables}
    facts = facts_of((), [*checked, *checks_dropped_after_set_not_null(statements)])
    learn_restored_types(facts, restored)
    rebuilt = rebuild_steps(statements)
    defaults: dict[tuple[str, str], int] | None = None
    hits: list[SqlHit] = []
    in_tx = False
    not_valid: set[str] = set()
    """Constraints added NOT VALID in the transaction still open."""
    breaks = sorted(tx_breaks)
    for index, stmt in enumerate(statements):
        text = stmt.text
        while breaks and breaks[0] <= stmt.line:
            breaks.pop(0)
            not_valid.clear()
        if index in rebuilt:
            hits.extend(SqlHit("MIG-02", stmt.line, stmt.end_line, d) for d in rebuilt[index])
            facts.learn(text)
            continue
        if text.startswith(("BEGIN", "START")) and re.match(r"^(BEGIN|START TRANSACTION)\b", text):
            in_tx = True
            not_valid.clear()
            continue
        if text.startswith(("COMMIT", "END", "ROLLBACK")) and re.match(r"^(COMMIT|END|ROLLBACK)\b", text):
            in_tx = False
            not_valid.clear()
            continue
        in_any_tx = in_tx or bool(runner_tx)
        runner = "" if in_tx else runner_tx
        said = ""
        if in_any_tx and "VALID" in text:
            said = _validated_in_same_transaction(text, not_valid, runner)
        if said:
            hits.append(SqlHit("MIG-06", stmt.line, stmt.end_line, said))
        for item, found in _statement_hazards(text, created, in_tx or bool(runner_tx), facts):
            wrapped = item == "MIG-12" and not in_tx
            detail = _runner_tx_detail(runner_tx, target_table(stmt)) if wrapped else found
            if detail.startswith(BEYOND_SQUAWK[1]):
                defaults = _defaults_set(statements) if defaults is None else defaults
                named = _DROPPED_DEFAULT.search(detail)
                if named and defaults.get((named.group(1), named.group(2)), -1) > index:
                    continue  # a later statement gives the column a default again
            if index in from_blocks:
                detail = f"{BEYOND_SQUAWK[4]} {detail}"
            hits.append(SqlHit(item, stmt.line, stmt.end_line, detail))
        facts.learn(text)
    return hits


_VALIDATE_CONSTRAINT = lazy_re(rf"\bVALIDATE\s+CONSTRAINT\s+({_IDENT})", re.IGNORECASE)


def _validated_in_same_transaction(text: str, not_valid: set[str], runner: str) -> str:
    """Record the constraints `text` adds NOT VALID in `not_valid`; for a VALIDATE of one of them, what to
    say (the ADD's lock, SHARE ROW EXCLUSIVE or ACCESS EXCLUSIVE, is still held while VALIDATE scans the
    table, so NOT VALID spared nothing). `runner`: the tool whose transaction it is, when it is not an
    explicit BEGIN in the file."""
    if "NOT VALID" in text:
        not_valid.update(name(found) for found in _ADDED_CONSTRAINT.findall(text))
    said = ""
    for found in _VALIDATE_CONSTRAINT.findall(text) if "VALIDATE" in text else ():
        if name(found) in not_valid:
            where = f"{BEYOND_SQUAWK[6]} ({runner})" if runner else "Validated in the same transaction"
            said = (f"{where} that adds constraint {name(found)} NOT VALID: the lock the ADD took is held "
                    "while VALIDATE scans the table, so writes stay blocked. Validate it in a later "
                    "migration.")
    return said


_DROP_CONSTRAINT = lazy_re(rf"\bDROP\s+CONSTRAINT\s+(?:IF\s+EXISTS\s+)?({_IDENT})", re.IGNORECASE)
_ADDED_CONSTRAINT = lazy_re(rf"\bADD\s+CONSTRAINT\s+({_IDENT})", re.IGNORECASE)


def checks_dropped_after_set_not_null(statements: list[SqlStatement]) -> list[tuple[str, str]]:
    """(table, column) pairs set NOT NULL where a later statement of the file drops, from the same table, a
    constraint named for that column that the file did not add itself (`SET NOT NULL` then `DROP
    CONSTRAINT orders_region_not_null`): the last steps of the safe sequence, whose `CHECK (region IS NOT
    NULL)` an earlier migration added NOT VALID and validated. PostgreSQL takes that validated check as
    proof and sets NOT NULL without scanning the table, and the check is dropped once it is redundant."""
    added = {name(m.group(1)) for stmt in statements for m in _ADDED_CONSTRAINT.finditer(stmt.text)}
    dropped: list[tuple[int, str, str]] = []
    for index, stmt in enumerate(statements):
        table = _ALTER_TABLE.match(stmt.text)
        if table is not None:
            dropped.extend((index, norm_table(table.group(1)), name(m.group(1)))
                           for m in _DROP_CONSTRAINT.finditer(stmt.text) if name(m.group(1)) not in added)
    if not dropped:
        return []
    out: list[tuple[str, str]] = []
    for index, stmt in enumerate(statements):
        table = _ALTER_TABLE.match(stmt.text)
        if table is None or "NOT NULL" not in stmt.text.upper():
            continue
        on = norm_table(table.group(1))
        for column in (name(m.group(1)) for m in _SET_NOT_NULL.finditer(stmt.text)):
            words = re.compile(rf"(?:^|_){re.escape(column)}(?:_|$)")
            if any(later > index and where == on and words.search(constraint)
                   for later, where, constraint in dropped):
                out.append((on, column))
    return out


_RUNNER_OPT_OUTS = {
    "goose": "`-- +goose NO TRANSACTION` as the file's first line",
    "sql-migrate": "`notransaction` to its `-- +migrate Up` line",
    "dbmate": "`transaction:false` to its `-- migrate:up` line",
    "liquibase": "`runInTransaction:false` to its `--changeset` line",
    "django": "`atomic = False` to the Migration class",
}


def _runner_tx_detail(runner: str, table: str | None) -> str:
    on = f" on {table}" if table else ""
    opt_out = _RUNNER_OPT_OUTS.get(runner, "the tool's no-transaction marker")
    return (f"{BEYOND_SQUAWK[2]} ({runner}) runs as one transaction: Postgres refuses the CONCURRENTLY "
            f"build{on} inside it and the migration fails. Add {opt_out}, and keep the statement alone in "
            "its file.")


def _defaults_set(statements: list[SqlStatement]) -> dict[tuple[str, str], int]:
    """(table, column) -> the last statement that gives the column a default (SET DEFAULT), in one pass."""
    found: dict[tuple[str, str], int] = {}
    for index, stmt in enumerate(statements):
        match = _ALTER_TABLE.match(stmt.text)
        if match is None or "SET DEFAULT" not in stmt.text:
            continue
        table = norm_table(match.group(1))
        for column in _SET_DEFAULT_COLUMN.findall(stmt.text):
            found[(table, norm_table(column))] = index
    return found


_SET_DEFAULT_COLUMN = lazy_re(r"\bALTER\s+(?:COLUMN\s+)?(\"[^\"]+\"|`[^`]+`|[\w$]+)\s+SET\s+DEFAULT\b")
_DROPPED_DEFAULT = lazy_re(r"column (\S+)\.(\S+) added")


_RENAME_TABLE = lazy_re(rf"^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?({_IDENT})\s+RENAME\s+TO\s+({_IDENT})$")
_DROP_TABLE = lazy_re(rf"^DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?({_IDENT})$")
_INSERT_SELECT = lazy_re(rf"^INSERT\s+INTO\s+({_IDENT})\s*\(([^)]*)\)\s*SELECT\s+(.*?)\s+FROM\b")


_REBUILD_REACH = 20
"""Statements after a rebuild's CREATE TABLE within which its copy (INSERT ... SELECT) is looked for."""


def rebuild_steps(statements: list[SqlStatement]) -> dict[int, list[str]]:
    """The steps of a table rebuild (SQLite's way to change a column, as Django and Rails write it): rename
    the table away, create it again, copy the rows, drop the old copy; or create `new__t`, copy, drop `t`,
    rename `new__t` to `t`. The table ends as it began, so these steps drop and rename nothing; what the
    rebuild adds is judged on the copy: a NOT NULL column without a default that the copy does not fill
    from the old rows (index -> MIG-02 details; an empty list marks a harmless step)."""
    created: dict[str, list[int]] = {}
    drops: dict[str, list[int]] = {}
    renames: list[tuple[int, str, str]] = []
    for i, stmt in enumerate(statements):
        if not stmt.text.startswith(("CREATE", "DROP", "ALTER")):
            continue
        if m := _CREATE_TABLE.match(stmt.text):
            created.setdefault(norm_table(m.group(1)), []).append(i)
        elif m := _DROP_TABLE.match(stmt.text):
            drops.setdefault(norm_table(m.group(1)), []).append(i)
        elif m := _RENAME_TABLE.match(stmt.text):
            renames.append((i, norm_table(m.group(1)), norm_table(m.group(2))))
    steps: dict[int, list[str]] = {}
    made_again: set[int] = set()
    for at, old, new in renames:
        again = [i for i in created.get(old, []) if i > at]
        dropped_after = [i for i in drops.get(new, []) if i > at]
        if again and dropped_after:  # rename away, create again, drop the old copy
            steps.update({i: [] for i in (at, *dropped_after)})
            made_again.update(again)
        made = [i for i in created.get(old, []) if i < at]
        dropped_before = [i for i in drops.get(new, []) if i < at]
        if made and dropped_before:  # create new__t, drop t, rename new__t to t
            steps.update({i: [] for i in (at, *dropped_before)})
    for at in made_again:
        steps[at] = _unfilled_not_null(statements, at)
    return steps


def _unfilled_not_null(statements: list[SqlStatement], create_at: int) -> list[str]:
    match = _CREATE_TABLE.match(statements[create_at].text)
    if match is None:
        return []
    table = norm_table(match.group(1))
    body = statements[create_at].text[match.end():]
    required = [
        column.strip().split(" ")[0].strip('"').lower()
        for column in re.split(r",(?![^(]*\))", body.strip().strip("()"))
        if re.search(r"\bNOT\s+NULL\b", column) and not re.search(r"\b(DEFAULT|PRIMARY\s+KEY)\b", column)
    ]
    for stmt in statements[create_at + 1 : create_at + 1 + _REBUILD_REACH]:
        copy = _INSERT_SELECT.match(stmt.text)
        if copy is None or norm_table(copy.group(1)) != table:
            continue
        into = [c.strip().strip('"').lower() for c in copy.group(2).split(",")]
        chosen = [c.strip().strip('"').lower() for c in re.split(r",(?![^(]*\))", copy.group(3))]
        filled_from_rows = {
            col for col, value in zip(into, chosen, strict=False)
            if re.fullmatch(r"[\w$]+", value) and not value.isdigit()
        }
        return [f"NOT NULL column {col} added to {table} without a default (table rebuild)."
                for col in required if col not in filled_from_rows]
    return []


def _search(word: str, pattern: str, text: str) -> re.Match[str] | None:
    """`re.search(pattern, text)`, tried only when `text` holds `word`, which every match of `pattern` holds:
    a substring test is far cheaper than a search, and a statement holds few of the words asked about."""
    return re.search(pattern, text) if word in text else None


def _statement_hazards(text: str, created: set[str], in_tx: bool, facts: SqlFacts) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if "CONCURRENTLY" in text and in_tx and re.match(r"^(CREATE|DROP|REINDEX)\b", text):
        found.append(("MIG-12", "CONCURRENTLY inside BEGIN ... COMMIT."))
    if _search("DROP", r"^DROP\s+(TABLE|DATABASE|SCHEMA)\b", text):
        found.append(("MIG-01", "DROP of a whole table/schema."))
    elif _search("TRUNCATE", r"^TRUNCATE\b.*\bCASCADE\b", text):
        found.append(("MIG-01", "TRUNCATE ... CASCADE empties every referencing table too."))
    if _search("SP_RENAME", r"^(?:EXEC(?:UTE)?\s+)?(?:\w+\.)*SP_RENAME\b", text):
        kind = "column" if "'COLUMN'" in text else "object"
        found.append(("MIG-05", f"sp_rename of a {kind}."))
    if _search("VALUE", r"^ALTER\s+TYPE\s+\S+\s+RENAME\s+VALUE\b", text):
        found.append(("MIG-05", f"{BEYOND_SQUAWK[5]} (ALTER TYPE … RENAME VALUE): the release still running "
                                "writes and compares the old label, which the type no longer accepts."))
    if m := _CREATE_INDEX.match(text):
        if not m.group(2) and norm_table(m.group(3)) not in created and not _ONLINE.search(text):
            found.append(("MIG-03", f"CREATE INDEX on {norm_table(m.group(3))} without CONCURRENTLY."))
    elif _search("DROP", r"^DROP\s+INDEX\b", text) and "CONCURRENTLY" not in text:
        found.append(("MIG-03", "DROP INDEX without CONCURRENTLY."))
    elif _search("REINDEX", r"^REINDEX\b", text) and "CONCURRENTLY" not in text:
        found.append(("MIG-03", "REINDEX without CONCURRENTLY."))
    if _search("DOMAIN", r"^ALTER\s+DOMAIN\b.*\bADD\s+CONSTRAINT\b", text) or _search(
        "DOMAIN", r"^CREATE\s+DOMAIN\b.*\b(CHECK|CONSTRAINT)\b", text
    ):
        found.append(("MIG-06", "Domain constraints are checked against every column using the domain."))
    m = _ALTER_TABLE.match(text)
    if m:
        table = norm_table(m.group(1))
        found.extend(_alter_table_hazards(text[m.end() :], table, table in created, facts))
    return found


def _alter_table_hazards(actions: str, table: str, new_table: bool, facts: SqlFacts) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if _search("DROP", r"\bDROP\s+COLUMN\b", actions):
        found.append(("MIG-01", f"DROP COLUMN on {table}."))
    if _search("RENAME", r"\bRENAME\s+(COLUMN\s+)?\S+\s+TO\b", actions) or (
        _search("RENAME", r"^\s*RENAME\s+TO\b", actions) and not new_table
    ):
        found.append(("MIG-05", f"RENAME on {table}."))
    if _search("DETACH", r"\bDETACH\s+PARTITION\b", actions) and "CONCURRENTLY" not in actions:
        found.append(("MIG-03", f"DETACH PARTITION on {table} without CONCURRENTLY."))
    if new_table:
        return found
    for column_def in _ADD_COLUMN.findall(actions) if "ADD" in actions else ():
        found.extend(_add_column_hazards(column_def, table))
    for column in facts.defaults_dropped_from_new_not_null(table, actions):
        found.append((
            "MIG-02",
            f"DROP DEFAULT of a NOT NULL column {table}.{column} added (or made NOT NULL) in the same "
            "migration: inserts that leave it out fail.",
        ))
    if facts.unchecked_not_null(table, actions):
        found.append(("MIG-02", f"SET NOT NULL on {table} scans the table under an ACCESS EXCLUSIVE lock."))
    if facts.unsafe_type_changes(table, actions) or facts.redefined_types(table, actions):
        found.append(("MIG-04", f"Column type change on {table}."))
    unchecked = "NOT VALID" in actions or _NOCHECK.search(actions) is not None
    for constraint in _ADD_CONSTRAINT.findall(actions) if "ADD" in actions else ():
        if re.match(r"(FOREIGN\s+KEY|CHECK)\b", constraint) and not unchecked:
            found.append(("MIG-06", f"Constraint on {table} added without NOT VALID."))
        elif (
            re.match(r"(UNIQUE|PRIMARY\s+KEY|EXCLUDE)\b", constraint)
            and "USING INDEX" not in constraint
            and not _ONLINE.search(constraint)
        ):
            found.append(("MIG-07", f"Unique/primary key constraint on {table} built under a lock."))
    if _search("ADD", r"\bADD\s+(FOREIGN\s+KEY|CHECK)\b", actions) and not unchecked:
        found.append(("MIG-06", f"Constraint on {table} added without NOT VALID."))
    if _search("VALIDATE", r"\bVALIDATE\s+CONSTRAINT\b", actions) and _search(
        "ADD", r"\bADD\s+CONSTRAINT\b", actions
    ):
        found.append(("MIG-06", f"Constraint on {table} added and validated in the same statement."))
    return found


_ADD_CONSTRAINT = lazy_re(r"\bADD\s+CONSTRAINT\s+\S+\s+(.*?)(?=,\s*ADD\b|$)")
_STORED_GENERATED = lazy_re(r"\bGENERATED\s+ALWAYS\s+AS\s*\(.*\bSTORED\b")
_SERIAL = lazy_re(r"\b(BIG|SMALL)?SERIAL\d?\b")


def _add_column_hazards(column_def: str, table: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    default = _search("DEFAULT", r"\bDEFAULT\s+(.*)", column_def)
    if _search("NULL", r"\bNOT\s+NULL\b", column_def) and not default and "GENERATED" not in column_def:
        found.append(("MIG-02", f"NOT NULL column added to {table} without a default."))
    if "STORED" in column_def and _STORED_GENERATED.search(column_def):
        found.append(("MIG-08", f"Stored generated column added to {table} rewrites the table."))
    elif "SERIAL" in column_def and _SERIAL.search(column_def):
        found.append(("MIG-08", f"Serial column added to {table} fills every row under a rewrite."))
    elif default and _volatile(default.group(1)):
        found.append(("MIG-08", f"Column added to {table} with a volatile default."))
    if _search("REFERENCES", r"\bREFERENCES\b", column_def) and "NOT VALID" not in column_def:
        found.append(("MIG-06", f"Foreign key column added to {table} validates immediately."))
    if _search("JSON", r"^\S+\s+JSON\b", column_def):
        found.append(("MIG-00", f"json column added to {table}."))
    if _search("PRIMARY", r"\bPRIMARY\s+KEY\b", column_def) or _search("UNIQUE", r"\bUNIQUE\b", column_def):
        found.append(("MIG-07", f"Unique/primary key column added to {table} builds its index under a lock."))
    return found


def adds_per_row_values(statement: str) -> bool:
    """Whether a column that `statement` adds has a value computed per row: a default that differs per row,
    a stored generated column or a serial (each fills every row under a rewrite)."""
    return any(
        ((default := re.search(r"\bDEFAULT\s+(.*)", column_def)) is not None and _volatile(default.group(1)))
        or _STORED_GENERATED.search(column_def) or _SERIAL.search(column_def)
        for column_def in _ADD_COLUMN.findall(statement)
    )


def volatile_default(default_expr: str) -> bool:
    """Whether a column default written as SQL (any case) calls a function other than the ones Postgres
    evaluates once for the statement (now(), CURRENT_TIMESTAMP, ...): gen_random_uuid(), random(), ..."""
    return _volatile(default_expr.upper())


def _volatile(default_expr: str) -> bool:
    funcs = {name.rsplit(".", 1)[-1] for name in _FUNC_CALL.findall(default_expr)}
    return bool(funcs - _SAFE_DEFAULT_FUNCS)
