"""Backfills that rewrite or copy a whole existing table in one statement inside a schema migration.

Read in every kind of migration (`_migration_paths.migration_kind`):
- the SQL the migration runs: a plain `.sql` migration's statements, and the string literals of Alembic
  `op.execute`, Django `RunSQL`, Rails `execute` (heredocs too), Knex `knex.raw`, Sequelize `query`, and
  Go/Java migration code, judged by `_backfill_statements`;
- ORM bulk updates over a whole model: Django `Model.objects.all().update(...)` (or `.objects.update`, or a
  `filter` on null tests only), Rails `Model.update_all(...)` (also after `.all`, `.unscoped`, or a `where`
  on a nil column), unless batched (`in_batches`, `find_in_batches`, `find_each` on the line);
  Knex `knex('t').update(...)` with no `where`, Sequelize `bulkUpdate('t', values, {})`;
- a Django data migration that saves (or deletes) a whole model's rows one by one
  (`for row in Model.objects.all(): ... row.save()`), unless the migration sets `atomic = False`;
- a Rails migration that writes a whole model's rows one by one (`Model.find_each do |row| row.update!`),
  unless it says `disable_ddl_transaction!`.

Quiet on SQLite (the `database` the config sets or the repository names), which has a single writer
and migrates before the app serves; for tables the change (or the file) creates, statements limited to a
batch (see `_backfill_statements`), and the reverting part of a migration (`down`, `downgrade`, a Django
reverse function named so), as the other migration checks do.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator

from persona_review.checks._backfill_statements import backfill_detail, whole_table_read
from persona_review.checks._blocks import Blocks, blocks_of
from persona_review.checks._lexing import lex
from persona_review.checks._migration_advice import advice
from persona_review.checks._migration_paths import MigrationKind, migration_kind
from persona_review.checks._spans import indent_of
from persona_review.checks._sql_reverting import forward_lines
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.migrations_sql import norm_table, split_statements
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_SAFE = (
    "Backfill in batches by primary-key range (`WHERE id >= :start AND id < :end`, a few thousand rows "
    "each, a commit per batch), outside the schema migration's transaction: a data migration that is not "
    "atomic, or a background job, safe to re-run."
)
_WHY = (
    "Inside a schema migration it runs in one transaction: every row it touches stays locked against other "
    "writers until the migration commits, the table bloats, replicas lag, and a failure or timeout rolls "
    "all of it back."
)
_FAMILIES: dict[MigrationKind, tuple[str, frozenset[str]]] = {
    MigrationKind.SQL: ("SQL", frozenset({"sql"})),
    MigrationKind.ALEMBIC: ("ALEMBIC", frozenset({"python"})),
    MigrationKind.DJANGO: ("DJANGO", frozenset({"python"})),
    MigrationKind.RAILS: ("RAILS", frozenset({"ruby"})),
    MigrationKind.JS: ("JS-MIG", frozenset({"javascript", "typescript"})),
    MigrationKind.GO: ("GO-MIG", frozenset({"go"})),
    MigrationKind.JAVA: ("JAVA-MIG", frozenset({"java"})),
}

_CREATE_TABLE = lazy_re(
    r"(?i)\bCREATE\s+(?:(?:GLOBAL\s+|LOCAL\s+)?TEMP(?:ORARY)?\s+|UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"
    r"((?:[\w$\"`\[\]]+\.)?[\w$\"`\[\]]+)"
)
_HEREDOC = lazy_re(r"<<[~-]?(['\"]?)([A-Za-z_]\w*)\1")
_QUOTE = lazy_re(r"\"\"\"|'''|[\"'`]")
_GLUE = lazy_re(r"^[\s+\\]*[A-Za-z]{0,2}$")
"""What may sit between two literals that form one string: white space, `+`, a line continuation, and
the prefix of the second literal (`f`, `r`, `b`)."""
_DOWN = lazy_re(
    r"^(\s*)(?:(?:async\s+)?def\s+(?:self\.)?(?:downgrade|down|backwards?|reverse|rollback|unapply)\w*\b|"
    r"(?:exports|module\.exports)\.down\b|(?:public\s+)?(?:async\s+)?down\s*[(:=]|func\s+[Dd]own\w*\s*\(|"
    r"down\s+do\s*$)"
)
"""The start of a reverting function; `down do` is the block of Ruby's `Sequel.migration do … end`."""
_DJANGO_UPDATE = lazy_re(r"\b([A-Za-z_]\w*)\.objects\.(?:all\(\)\.)?update\(")
_DJANGO_FILTERED = lazy_re(r"\b([A-Za-z_]\w*)\.objects\.filter\(([^()]*)\)\.update\(")
_DJANGO_NULL_ARG = lazy_re(r"^\s*\w+__isnull\s*=\s*(?:True|False)\s*$")
_GET_MODEL = lazy_re(r"\b([A-Za-z_]\w*)\s*=\s*apps\.get_model\(\s*[\"'][\w.]+[\"']\s*,\s*[\"'](\w+)[\"']")
_RAILS_UPDATE_ALL = lazy_re(
    r"(?<![\w:.])((?:[A-Z]\w*::)*[A-Z]\w*)(?:\.(?:all|unscoped))*"
    r"(?:\.where\(\s*(?::\w+\s*=>|\w+:)\s*nil\s*\))?\.update_all\b"
)
_RAILS_BATCHED = lazy_re(r"\b(?:in_batches|find_in_batches|find_each|each_slice|limit)\b")
_KNEX_UPDATE = lazy_re(r"\b(?:knex|trx|db)\s*\(\s*[\"'`]([\w.]+)[\"'`]\s*\)((?:\s*\.\s*\w+\s*\([^;]*?\))*?)"
                       r"\s*\.\s*update\s*\(")
_KNEX_BOUNDED = lazy_re(r"\.\s*(?:where\w*|limit|first)\s*\(")
_KNEX_NULL_TEST = lazy_re(r"\.\s*whereNull\s*\(\s*[\"'`][\w.]+[\"'`]\s*\)")
"""`whereNull('col')`: the filter a backfill of a new column uses, which still matches every old row."""
_BULK_UPDATE = lazy_re(r"\bbulkUpdate\s*\(\s*[\"'`](\w+)[\"'`]\s*,")
_EMPTY_WHERE = lazy_re(
    r"^\s*(?:\{\s*\}|null|undefined|\{\s*(?:[\w\"']+\s*:\s*null\s*,?\s*)+\})?\s*(?:,\s*\{[^{}]*\}\s*)?$"
)
"""A `bulkUpdate` where that keeps every old row: none, or only null tests (`{ channel: null }`, the filter a
backfill of a new column uses)."""
_SEQUEL_UPDATE = lazy_re(
    r"(?<![\w.])(?:(?:self|DB|db)?\[\s*:(\w+)\s*\]|from\(\s*:(\w+)\s*\))"
    r"(?:\.where\(\s*\w+:\s*nil\s*\))?\.update\("
)
"""A Sequel dataset of a whole table (`from(:orders)`, `self[:orders]`), at most filtered on a null test,
updated in one statement."""


def _spec(prefix: str, languages: frozenset[str]) -> CheckSpec:
    info = advice("MIG-10")
    return CheckSpec(
        id=f"{prefix}-BACKFILL",
        checklist_item="MIG-10",
        category=Category.MIGRATION_SAFETY,
        severity=Severity.MEDIUM,
        languages=languages,
        title="Backfill of a whole existing table in one statement inside a migration",
        explanation=f"{_WHY} {_SAFE} ({info.title}.)",
    )


def _hits(ctx: FileContext) -> list[Hit]:
    return ctx.cached("migrations_backfill.hits", lambda: list(_scan(ctx)))


def _scan(ctx: FileContext) -> Iterator[Hit]:
    kind = migration_kind(ctx)
    if kind is None or ctx.change.database == "sqlite":
        return  # SQLite: one writer at a time, migrations usually run before the app serves
    created = set(ctx.change.created_tables)
    created.update(norm_table(m.group(1)) for m in _CREATE_TABLE.finditer(ctx.known_text()))
    if kind is MigrationKind.SQL:
        lines = forward_lines(ctx)
        for statement in split_statements((no, lines[no]) for no in sorted(lines)):
            if detail := backfill_detail(statement.text, created):
                yield _hit(statement.line, statement.end_line, detail)
        return
    reverting = _reverting(ctx)
    for first, _last, text in _literals(ctx):
        if first in reverting or not ("UPDATE" in text.upper() or "INSERT" in text.upper()):
            continue
        pieces = text.split("\n")
        for statement in split_statements((first + i, piece) for i, piece in enumerate(pieces)):
            if detail := backfill_detail(statement.text, created):
                yield _hit(statement.line, max(statement.end_line, statement.line), detail)
    if kind is MigrationKind.DJANGO:
        yield from _django(ctx, created, reverting)
    elif kind is MigrationKind.RAILS:
        yield from _rails(ctx, created, reverting)
        yield from _rails_row_loops(ctx, created, reverting)
    elif kind is MigrationKind.JS:
        yield from _js(ctx, created, reverting)
    elif kind is MigrationKind.JAVA:
        yield from _java_row_loops(ctx, created)
    if kind in (MigrationKind.ALEMBIC, MigrationKind.JS, MigrationKind.GO):
        yield from _sql_row_loops(ctx, created, reverting)


def _hit(line: int, end: int, detail: str) -> Hit:
    return Hit(line, end if end > line else None, f"{detail} {_WHY} {_SAFE}")


def _reverting(ctx: FileContext) -> frozenset[int]:
    """Lines of the reverting part of the migration (a `down`/`downgrade` function and its body, told by
    indentation)."""
    out: set[int] = set()
    start_indent: int | None = None
    for no in sorted(ctx.lines):
        text = ctx.lines[no]
        stripped = text.strip()
        if start_indent is not None:
            indent = len(text) - len(text.lstrip())
            if stripped and indent <= start_indent and not stripped.startswith(("}", ")", "end", "]")):
                start_indent = None
            else:
                out.add(no)
                continue
        match = _DOWN.match(text)
        if match is not None:
            start_indent = len(match.group(1))
            out.add(no)
    return frozenset(out)


def _literals(ctx: FileContext) -> Iterator[tuple[int, int, str]]:
    """The string literals of the file's code as (first line, last line, contents), literals that form one
    string (`"a" "b"`, `'a' + 'b'`) joined; Ruby heredocs too."""
    rows = lex(ctx).rows
    if not rows:
        return
    numbers = [no for no, _, _ in rows]
    code = "\n".join(c for _, c, _ in rows)
    bare = "\n".join(b for _, _, b in rows)
    line_at = _line_index(rows)
    group: list[str] = []
    group_start = group_end = -1
    pos = 0
    while True:
        opener = _QUOTE.search(bare, pos)
        if opener is None:
            break
        delimiter = opener.group()
        close = bare.find(delimiter, opener.end())
        if close < 0:
            break
        if group and _GLUE.match(code[group_end:opener.start()]):
            group.append("\n" * code.count("\n", group_end, opener.start()))
        elif group:
            yield numbers[line_at(group_start)], numbers[line_at(group_end)], "".join(group)
            group = []
        if not group:
            group_start = opener.start()
        group.append(code[opener.end():close])
        group_end = close + len(delimiter)
        pos = group_end
    if group:
        yield numbers[line_at(group_start)], numbers[line_at(group_end - 1)], "".join(group)
    if ctx.language == "ruby":
        yield from _heredocs(rows)


def _line_index(rows: tuple[tuple[int, str, str], ...]) -> Callable[[int], int]:
    """A function from an offset of the rows' joined text to the index of the row it falls in."""
    starts: list[int] = []
    at = 0
    for _, code, _ in rows:
        starts.append(at)
        at += len(code) + 1
    return lambda offset: max(0, bisect_right(starts, offset) - 1)


def _heredocs(rows: tuple[tuple[int, str, str], ...]) -> Iterator[tuple[int, int, str]]:
    index = 0
    while index < len(rows):
        match = _HEREDOC.search(rows[index][1])
        index += 1
        if match is None:
            continue
        body: list[str] = []
        first = rows[index][0] if index < len(rows) else 0
        while index < len(rows) and rows[index][1].strip() != match.group(2):
            body.append(rows[index][1])
            index += 1
        if body:
            yield first, first + len(body) - 1, "\n".join(body)


def _django(ctx: FileContext, created: set[str], reverting: frozenset[int]) -> Iterator[Hit]:
    models = {m.group(1): m.group(2) for m in _GET_MODEL.finditer(ctx.known_text())}
    for no, code in lex(ctx).code.items():
        if ".objects." not in code or no in reverting:
            continue
        found = [(m.group(1), m.group(0)) for m in _DJANGO_UPDATE.finditer(code)]
        found += [(m.group(1), m.group(0)) for m in _DJANGO_FILTERED.finditer(code)
                  if all(_DJANGO_NULL_ARG.match(arg) for arg in m.group(2).split(","))]
        for variable, shown in found:
            model = models.get(variable, variable)
            if model.lower() in created or variable.lower() in created:
                continue
            yield _hit(no, no, f"`{shown}...)` updates every row of {model}'s table in one UPDATE.")
    if _NOT_ATOMIC.search(ctx.known_text()):
        return  # each save commits on its own: slow, but no lock held across the table
    yield from _django_row_loops(ctx, models, created, reverting)


_QUERY_STEP = r"(?:all|iterator|filter|select_related|prefetch_related|only|defer|order_by|using)\([^()]*\)"
_DJANGO_ROW_LOOP = lazy_re(
    r"^(?P<indent>\s*)for\s+(?P<row>\w+)\s+in\s+(?P<model>[A-Za-z_]\w*)\.objects\."
    rf"(?P<query>{_QUERY_STEP}(?:\.{_QUERY_STEP})*)\s*:\s*$"
)
"""A loop over a model's rows: `all()`, `iterator()`, `filter(...)` and the steps that choose columns,
joins or order but keep every row (`select_related("account").all()`)."""
_FILTER_ARGS = lazy_re(r"\bfilter\(([^()]*)\)")
_SETTINGS_MODEL = lazy_re(r"(?:Settings?|Config(?:uration)?s?|Preferences?)$")
"""A model of settings: a row or a few, rewritten in no time."""
_NOT_ATOMIC = lazy_re(r"^\s*atomic\s*=\s*False\b", re.MULTILINE)
_CREATED_MODEL = lazy_re(r"CreateModel\(\s*(?:name\s*=\s*)?[\"'](\w+)[\"']")


def _django_row_loops(ctx: FileContext, models: dict[str, str], created: set[str],
                      reverting: frozenset[int]) -> Iterator[Hit]:
    """`for row in Model.objects.all(): ... row.save()` in an atomic data migration: every row of the
    table is rewritten, and locked, inside the migration's one transaction."""
    new_models = {m.group(1).lower() for m in _CREATED_MODEL.finditer(ctx.known_text())}
    code = lex(ctx).code
    for no in sorted(code):
        line = code[no]
        if " in " not in line or ".objects." not in line or no in reverting:
            continue
        found = _DJANGO_ROW_LOOP.match(line)
        if found is None:
            continue
        if any(not all(_DJANGO_NULL_ARG.match(a) for a in args.split(","))
               for args in _FILTER_ARGS.findall(found.group("query"))):
            continue  # a filter on a value: some rows, not the table
        model = models.get(found.group("model"), found.group("model"))
        if model.lower() in created or model.lower() in new_models or _SETTINGS_MODEL.search(model):
            continue
        indent = len(found.group("indent"))
        saves = re.compile(rf"(?<![\w.]){re.escape(found.group('row'))}\.(?:save|delete)\s*\(")
        body = no + 1
        while body in code and (not code[body].strip() or indent_of(code[body]) > indent):
            if saves.search(code[body]):
                yield _hit(no, no, f"`for {found.group('row')} in {found.group('model')}.objects."
                                   f"{found.group('query')}` saves every row of {model}'s table one by one.")
                break
            body += 1


def _rails(ctx: FileContext, created: set[str], reverting: frozenset[int]) -> Iterator[Hit]:
    for no, code in lex(ctx).code.items():
        if ".update(" in code and no not in reverting and not _RAILS_BATCHED.search(code):
            for found in _SEQUEL_UPDATE.finditer(code):
                table = found.group(1) or found.group(2)
                if table.lower() not in created:
                    yield _hit(no, no, f"`{found.group(0)}...)` updates every row of {table} in one UPDATE.")
        if "update_all" not in code or no in reverting or _RAILS_BATCHED.search(code):
            continue
        for match in _RAILS_UPDATE_ALL.finditer(code):
            model = match.group(1).rsplit("::", 1)[-1]
            if _table_of(model) in created or model.lower() in created:
                continue
            yield _hit(no, no, f"`{match.group(0)}` updates every row of {_table_of(model)} in one UPDATE.")


_RAILS_ROW_LOOP = lazy_re(
    r"^(?P<indent>\s*)(?P<model>(?:[A-Z]\w*::)*[A-Z]\w*)(?P<query>(?:\.(?:all|unscoped|where(?:\.not)?\([^()]*\)|"
    r"includes\([^()]*\)|select\([^()]*\)|order\([^()]*\)))*)\.(?P<walk>find_each|each|find_in_batches|"
    r"in_batches)\b(?:\([^()]*\))?\s*(?:do|\{)\s*\|\s*(?P<row>\w+)\s*\|"
)
_RAILS_NIL_TEST = lazy_re(r"^\s*(?::\w+\s*=>|\w+:)\s*nil\s*$")
_RAILS_WHERE = lazy_re(r"\.where(?:\.not)?\(([^()]*)\)")
_NO_DDL_TRANSACTION = lazy_re(r"^\s*disable_ddl_transaction!", re.MULTILINE)
_RAILS_MIGRATION_CLASS = lazy_re(r"<\s*ActiveRecord::Migration\b")


def _rails_row_loops(ctx: FileContext, created: set[str], reverting: frozenset[int]) -> Iterator[Hit]:
    """`Model.find_each do |row| row.update!(...) end` in a migration that keeps its DDL transaction: every
    row of the table is written, and stays locked, until the migration commits; `find_each` batches the
    reads, not the transaction. Quiet with `disable_ddl_transaction!` (each write commits on its own), for
    a `where` on a value (some rows), for a table the change creates, and in a hunk that shows neither
    the migration's class line nor the whole file (the opt-out may be out of view)."""
    text = ctx.known_text()
    if _NO_DDL_TRANSACTION.search(text) or not (ctx.whole_file or _RAILS_MIGRATION_CLASS.search(text)):
        return
    code = lex(ctx).code
    for no in sorted(code):
        line = code[no]
        if "|" not in line or no in reverting:
            continue
        found = _RAILS_ROW_LOOP.match(line)
        if found is None:
            continue
        wheres = _RAILS_WHERE.findall(found.group("query"))
        if any(not all(_RAILS_NIL_TEST.match(a) for a in args.split(",")) for args in wheres):
            continue  # a filter on a value: some rows, not the table
        model = found.group("model").rsplit("::", 1)[-1]
        if _table_of(model) in created or model.lower() in created or _SETTINGS_MODEL.search(model):
            continue
        row = re.escape(found.group("row"))
        writes = re.compile(rf"(?<![\w.@]){row}\.(?:update!?|update_columns?|update_attribute|save!?|"
                            rf"update_all|destroy|delete)\b")
        indent = len(found.group("indent"))
        body = no + 1
        while body in code and (not code[body].strip() or indent_of(code[body]) > indent):
            if writes.search(code[body]):
                yield _hit(no, body, f"`{found.group('model')}{found.group('query')}.{found.group('walk')}` "
                                     f"writes every row of {_table_of(model)} inside the migration's "
                                     "transaction.")
                break
            body += 1


_JAVA_ROW_LOOP = lazy_re(r"^\s*while\s*\(\s*(?P<rs>[A-Za-z_$][\w$]*)\s*\.\s*next\s*\(\s*\)\s*\)")
_JAVA_ROW_WRITE = lazy_re(
    r"\.\s*(?:executeUpdate|executeLargeUpdate|executeBatch|executeLargeBatch)\s*\(|"
    r"\b\w*[Jj]dbc\w*\s*\.\s*(?:update|batchUpdate)\s*\("
)
_JAVA_OWN_TX_OFF = lazy_re(r"canExecuteInTransaction\s*\(\s*\)\s*\{\s*return\s+false")
_JAVA_COMMIT = lazy_re(r"\.\s*commit\s*\(\s*\)")
_JAVA_SOURCE_REACH = 40
"""Lines above a row loop read for the query its result set comes from."""


def _java_row_loops(ctx: FileContext, created: set[str]) -> Iterator[Hit]:
    """A Flyway Java migration that walks the rows of a query over a whole table (`while (rs.next())`) and
    writes for each (`executeUpdate`, or `addBatch` then `executeBatch` every few thousand rows): Flyway
    runs the migration in one transaction, so every row written stays locked until the last one is, and a
    failure near the end rolls all of it back. Batching the statements saves round trips, not the
    transaction. Quiet when the migration turns `canExecuteInTransaction` off, when the loop commits, when
    the query is limited (a `WHERE` on a value or a parameter, a `LIMIT`) or reads a table the change
    creates, and when the query's SQL is not in view."""
    text = ctx.known_text()
    if _JAVA_OWN_TX_OFF.search(text):
        return
    code = lex(ctx).code
    literals = [(first, body) for first, _last, body in _literals(ctx) if "SELECT" in body.upper()]
    blocks = blocks_of(ctx)
    for no in sorted(code):
        found = _JAVA_ROW_LOOP.match(code[no]) if ".next" in code[no] else None
        if found is None:
            continue
        table = _java_rows_source(code, literals, no, found.group("rs"), created)
        block = blocks.opening_on(no)
        if table is None or block is None:
            continue
        body = range(block.first + 1, block.last + 1)
        if any(_JAVA_COMMIT.search(code.get(n, "")) for n in body):
            continue
        write = next((n for n in body if _JAVA_ROW_WRITE.search(code.get(n, ""))), None)
        if write is None:
            continue
        yield _hit(no, write, (
            f"`while ({found.group('rs')}.next())` walks every row of {table} and writes for each inside the "
            "migration's one transaction (Flyway runs a Java migration in one unless "
            "`canExecuteInTransaction()` returns false): executing the writes in batches saves round trips, "
            "not the transaction."))


_LOOP_HEADER = lazy_re(
    r"^\s*(?:for\s+(?:await\s*)?\(?.*\b(?:in|of)\b|for\s+\w+\s*\.\s*Next\s*\(\s*\)|for\s+.*\brange\b|"
    r"while\s*\(?\s*\w+\s*\.\s*(?:next|Next)\s*\()|\.\s*forEach\s*\(\s*(?:async\s*)?\(?"
)
_WRITE_SQL = lazy_re(r"^\s*(?:UPDATE|INSERT|DELETE)\b", re.I)
_OWN_TX_OFF = lazy_re(
    r"autocommit_block|isolation_level|\btransaction\s*[:=]\s*false\b|\bdisableTransaction\b|"
    r"isTransactional\s*\([^)]*\)[^{]*\{\s*return\s+false|AddMigrationNoTx|AddNamedMigrationNoTx|"
    r"\.\s*(?:commit|Commit)\s*\(",
)
_STOPS = lazy_re(r"^\s*(?:break|return)\b")
"""A loop that stops after its write (a search for one row to fix) does not write every row."""
_JS_IN_TX = (r"\bknex\b|\bqueryRunner\b|\bthis\.addSql\b|\bsequelize\.transaction\s*\(|"
             r"[{,]\s*transaction\s*[,}]|\btransaction\s*:\s*\w")
_WRAPPING_TOOL = {
    "python": lazy_re(r"\bop\.|from alembic\b"),
    "javascript": lazy_re(_JS_IN_TX),
    "typescript": lazy_re(_JS_IN_TX),
    "go": lazy_re(r"\bgoose\.Add(?:Named)?Migration(?:Context)?\s*\(|\*sql\.Tx\b|\bpgx\.Tx\b|\*sqlx\.Tx\b|"
                  r"\.Begin(?:Tx)?\s*\("),
}
"""A migration whose writes run in one transaction: a tool that wraps each migration in one (Alembic, Knex,
TypeORM, MikroORM, goose), or code that opens or is handed one (Sequelize's `sequelize.transaction` or a
`transaction` option, a Go `*sql.Tx`/`pgx.Tx` or `Begin`). Elsewhere (db-migrate, gormigrate's default, a
plain connection) each write commits on its own and the loop is not one transaction."""
_LOOP_REACH = 12
"""Lines after a whole-table SELECT within which the loop over its rows is looked for."""


def _sql_row_loops(ctx: FileContext, created: set[str], reverting: frozenset[int]) -> Iterator[Hit]:
    """An Alembic, Knex/TypeORM/MikroORM or goose Go migration that reads every row of a table (a SELECT
    without a limiting WHERE or LIMIT), loops over the rows and runs an UPDATE/INSERT/DELETE for each: the
    tool runs the migration in one transaction, so every row written stays locked until the last one is and
    a failure near the end rolls all of it back. Quiet when the migration leaves the transaction (Alembic's
    autocommit_block, Knex/TypeORM `transaction = false`, MikroORM `isTransactional() false`, goose's NoTx
    registration) or commits as it goes; only on the whole file, which shows that opt-out."""
    text = ctx.known_text()
    tool = _WRAPPING_TOOL.get(ctx.language)
    if not ctx.whole_file or tool is None or not tool.search(text) or _OWN_TX_OFF.search(text):
        return
    literals = list(_literals(ctx))
    reads: list[tuple[int, str]] = []
    writes: list[int] = []
    for first, _last, body in literals:
        if first in reverting:
            continue
        if _WRITE_SQL.match(body):
            writes.append(first)
            continue
        statements = split_statements((first + i, piece) for i, piece in enumerate(body.split("\n")))
        table = whole_table_read(statements[0].text, created) if statements else None
        if table is not None:
            reads.append((first, table))
    if not reads or not writes:
        return
    code = lex(ctx).code
    blocks = blocks_of(ctx) if ctx.language != "python" else None
    for read, table in reads:
        for no in range(read, read + _LOOP_REACH):
            header = code.get(no)
            if header is None or not _LOOP_HEADER.search(header):
                continue
            lines = _loop_body(code, no, blocks)
            write = next((w for w in writes if w in lines), None)
            if write is not None and not _stops_after(code, lines, write):
                yield _hit(no, write, f"The loop walks every row of {table} and writes for each inside the "
                                      "migration's one transaction.")
            break


def _stops_after(code: dict[int, str], lines: range, write: int) -> bool:
    """A `break`/`return` after the write at its own level (not in an error branch nested below it)."""
    level = indent_of(code[write])
    return any(_STOPS.match(code.get(n, "")) and indent_of(code[n]) <= level for n in lines if n > write)


def _loop_body(code: dict[int, str], header: int, blocks: Blocks | None) -> range:
    """The lines of the loop opening on `header`: by indentation in Python, by its brace block otherwise."""
    if blocks is None:
        indent = indent_of(code[header])
        end = header + 1
        while end in code and (not code[end].strip() or indent_of(code[end]) > indent):
            end += 1
        return range(header + 1, end)
    block = blocks.opening_on(header)
    return range(header, block.last + 1) if block is not None else range(0)


def _java_rows_source(code: dict[int, str], literals: list[tuple[int, str]], loop: int, rs: str,
                      created: set[str]) -> str | None:
    """The table the result set `rs` walks in full, read from the SQL of the query that made it (a literal
    passed to `executeQuery(...)`, or to the `prepareStatement(...)` of the statement it runs), or None."""
    made = re.compile(
        rf"(?<![\w$.]){re.escape(rs)}\s*=\s*(?P<stmt>[A-Za-z_$][\w$]*)\s*\.\s*executeQuery\s*\("
    )
    for at in range(loop - 1, max(0, loop - _JAVA_SOURCE_REACH), -1):
        query = made.search(code.get(at, ""))
        if query is None:
            continue
        sql = _sql_from(literals, at, loop)
        if sql is None:
            prepared = re.compile(rf"(?<![\w$.]){re.escape(query.group('stmt'))}\s*=\s*[^;]*?"
                                  r"\.\s*prepareStatement\s*\(")
            start = next((n for n in range(at, max(0, at - _JAVA_SOURCE_REACH), -1)
                          if prepared.search(code.get(n, ""))), None)
            sql = _sql_from(literals, start, at) if start is not None else None
        if sql is None:
            return None
        statements = split_statements((at + i, piece) for i, piece in enumerate(sql.split("\n")))
        return whole_table_read(statements[0].text, created) if statements else None
    return None


def _sql_from(literals: list[tuple[int, str]], first: int, before: int) -> str | None:
    """The first literal holding a `SELECT` that starts on `first` or a few lines after it, before line
    `before`."""
    for start, body in literals:
        if first <= start < min(before, first + 6) and body.lstrip().upper().startswith("SELECT"):
            return body
    return None


def _table_of(model: str) -> str:
    """Rails' default table name of a model class: snake case, plural (`OrderItem` -> `order_items`)."""
    snake = "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(model))
    if snake.endswith("y") and not snake.endswith(("ay", "ey", "oy", "uy")):
        return f"{snake[:-1]}ies"
    if snake.endswith(("s", "x", "ch", "sh")):
        return f"{snake}es"
    return f"{snake}s"


def _js(ctx: FileContext, created: set[str], reverting: frozenset[int]) -> Iterator[Hit]:
    for no, code in lex(ctx).code.items():
        if no in reverting or "update" not in code.lower():
            continue
        for match in _KNEX_UPDATE.finditer(code):
            table = norm_table(match.group(1))
            rest = code[match.end():]
            chain = _KNEX_NULL_TEST.sub("", match.group(2))
            if table in created or _KNEX_BOUNDED.search(chain) or _KNEX_BOUNDED.search(rest):
                continue
            only = "only a null test" if chain != match.group(2) else "no `where`"
            yield _hit(no, no, f"`{match.group(0).strip()}...)` with {only} updates every row of {table} "
                               "in one UPDATE.")
        for match in _BULK_UPDATE.finditer(code):
            table = norm_table(match.group(1))
            where = _after_second_argument(code[match.end():])
            if table in created or where is None or not _EMPTY_WHERE.match(where):
                continue
            yield _hit(no, no, f"`bulkUpdate('{match.group(1)}', ...)` with an empty `where` updates every "
                               f"row of {table} in one UPDATE.")


def _after_second_argument(text: str) -> str | None:
    """What follows the values object of `bulkUpdate(table, {...}, ...)` up to the call's `)`, or None when
    the call does not end on this line."""
    depth = 0
    for index, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                return ""
            depth -= 1
        elif char == "," and depth == 0:
            rest = text[index + 1:]
            end = rest.rfind(")")
            return rest[:end] if end >= 0 else None
    return None


def _register(kind: MigrationKind) -> None:
    prefix, languages = _FAMILIES[kind]

    def check(ctx: FileContext) -> list[Hit]:
        if migration_kind(ctx) is not kind:
            return []
        return _hits(ctx)

    check.__name__ = f"{prefix.lower().replace('-', '_')}_backfill"
    register(_spec(prefix, languages), folded=("update", "insert", "save"))(check)


for _kind in _FAMILIES:
    _register(_kind)
