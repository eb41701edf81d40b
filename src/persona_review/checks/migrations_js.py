"""JavaScript/TypeScript migrations: Knex (`knex.schema.alterTable`), Sequelize (`queryInterface.addColumn`)
and TypeORM (`queryRunner.addColumn`, `queryRunner.query("…")`).

Builder calls are read from the source text; raw SQL (`knex.raw`, `sequelize.query`, `queryRunner.query`)
goes through the SQL migration scanner line for line. Operations on a table the same migration (or another
migration of the change) creates are not reported, nor is anything inside a `createTable` block. Raw SQL in a
helper function of the file (`function createIndex(knex, name, table, columns) { return knex.raw(...) }`) is
read where `up` calls it, with knex's `??` identifier bindings filled from the call's literal arguments, and
reported there. Knex and TypeORM run each migration in a transaction unless it opts out
(`exports.config = { transaction: false }`,
`transaction = false`), where `CONCURRENTLY` fails.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from persona_review.checks._migration_paths import MigrationKind, migration_kind
from persona_review.checks._migration_specs import ItemHit, make_specs, register_family, with_advice
from persona_review.checks._migration_syntax import reverting_lines
from persona_review.checks._spans import split_top
from persona_review.checks._sql_strings import SqlPiece, sql_pieces
from persona_review.checks.base import FileContext
from persona_review.checks.migrations_sql import (
    SqlStatement,
    created_tables,
    rebuild_steps,
    scan_sql,
    split_statements,
    volatile_default,
)
from persona_review.findings import Severity
from persona_review.lazy_re import lazy_re

SPECS = make_specs(
    "JS-MIG",
    ["javascript", "typescript"],
    ["MIG-00", "MIG-01", "MIG-02", "MIG-03", "MIG-04", "MIG-05", "MIG-06", "MIG-07", "MIG-08", "MIG-12"],
)

_STRING = lazy_re(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`(?:[^`\\]|\\.)*`")
_SCHEMA_CALL = lazy_re(
    r"\.\s*(createTable|createTableIfNotExists|createTableLike|alterTable|table|dropTable|dropTableIfExists|"
    r"renameTable|addColumn|removeColumn|changeColumn|renameColumn|addIndex|removeIndex|addConstraint|"
    r"createIndex|dropIndex|dropColumn|dropColumns|createForeignKey|createForeignKeys|createUniqueConstraint|"
    r"createCheckConstraint)\s*\("
)
_BLOCK_OPS = lazy_re(
    r"\.\s*(index|unique|dropColumn|dropColumns|renameColumn|foreign|primary|dropPrimary|"
    r"(?:string|text|integer|bigInteger|bigint|boolean|date|datetime|timestamp|decimal|float|double|json|"
    r"jsonb|uuid|enu|enum|specificType|binary|tinyint|smallint|mediumint|time|increments|bigIncrements|"
    r"timestamps)\s*)\s*\("
)
_DOWN = lazy_re(
    r"^\s*(?:exports\.down\b|module\.exports\.down\b|(?:public\s+|export\s+)?(?:async\s+)?(?:function\s+)?down\s*[(:=])"
)
_UP = lazy_re(
    r"^\s*(?:exports\.up\b|module\.exports\.up\b|(?:public\s+|export\s+)?(?:async\s+)?(?:function\s+)?up\s*[(:=])"
)
_UNBOUNDED_TEXT = lazy_re(
    r"\btype\s*:\s*(?:Sequelize|DataTypes)\.(?:TEXT|CITEXT)\b|\btype\s*:\s*['\"`]text['\"`]"
)
_OLD_TYPE_UNKNOWN = "the old type is not in this migration; safe only if it widens"
_RAW_CALL = lazy_re(r"(?:^|\.)(?:raw|query|addSql)$")
_RUNS_IN_TX_OFF = lazy_re(
    r"\btransaction\s*[:=]\s*false\b|\bdisableTransaction\b|\bisTransactional\s*\([^)]*\)[^{]*\{\s*return\s+false\b"
)


class _Call(NamedTuple):
    name: str
    line: int
    end_line: int
    args: str
    """The call's argument text (strings kept)."""


def _first_string(text: str) -> str:
    match = _STRING.search(text)
    return match.group(0)[1:-1].lower().rsplit(".", 1)[-1] if match else ""


def _calls(ctx: FileContext, pattern: re.Pattern[str], first: int, last: int) -> list[_Call]:
    """Calls matching `pattern` that start on lines first..last, each with its argument text up to the
    closing parenthesis (or as far as the known lines go)."""
    out: list[_Call] = []
    for no in range(first, last + 1):
        text = ctx.lines.get(no)
        if text is None or text.lstrip().startswith(("//", "*", "/*")):
            continue
        for match in pattern.finditer(_STRING.sub(lambda m: "s" * len(m.group(0)), text)):
            end, args = _arguments(ctx, no, match.end())
            out.append(_Call(match.group(1).strip(), no, end, args))
    return out


def _arguments(ctx: FileContext, line: int, start: int) -> tuple[int, str]:
    depth = 1
    parts: list[str] = []
    no, column = line, start
    while no in ctx.lines and no < line + 400:
        text = ctx.lines[no]
        masked = _STRING.sub(lambda m: "s" * len(m.group(0)), text)
        for i in range(column, len(text)):
            char = masked[i]
            depth += (char in "([{") - (char in ")]}")
            if depth == 0:
                parts.append(text[column:i])
                return no, "\n".join(parts)
        parts.append(text[column:])
        no, column = no + 1, 0
    return no - 1, "\n".join(parts)


def scan(ctx: FileContext) -> list[ItemHit]:
    if migration_kind(ctx) is not MigrationKind.JS:
        return []
    first, last = min(ctx.lines, default=1), max(ctx.lines, default=0)
    down = reverting_lines(ctx, _DOWN, _UP)
    calls = [call for call in _calls(ctx, _SCHEMA_CALL, first, last) if call.line not in down]
    raw_pieces = [p for p in sql_pieces(ctx) if _RAW_CALL.search(p.call)]
    pieces = [p for p in _run_where_called(ctx, raw_pieces) if p.line not in down]
    created = set(ctx.change.created_tables)
    for call in calls:
        if call.name.startswith("createTable") and _table_of(call):
            created.add(_table_of(call))
    raw = [(no, text) for piece in pieces for no, text in _terminated(piece.lines)]
    created |= created_tables(split_statements(raw))
    inside_create: set[int] = set()
    for call in calls:
        if call.name.startswith("createTable"):
            inside_create.update(range(call.line, call.end_line + 1))
    rebuilt = _rebuild_lines(calls, raw)
    hits: list[ItemHit] = []
    for call in calls:
        if call.line in inside_create and not call.name.startswith("createTable"):
            continue
        if call.line in rebuilt:
            continue  # a step of a table rebuild: the table ends as it began
        hits.extend(_call_hits(ctx, call, created))
    in_tx = not _RUNS_IN_TX_OFF.search("\n".join(ctx.lines[no] for no in sorted(ctx.lines)))
    # Knex, TypeORM and MikroORM (`this.addSql`) wrap each migration in a transaction by default
    wrapping = re.search(r"\bknex\b|\bqueryRunner\b|\bthis\.addSql\b", "\n".join(ctx.lines.values()))
    knex_or_typeorm = wrapping is not None
    if in_tx and knex_or_typeorm and raw:
        raw = [(raw[0][0], "BEGIN;"), *raw]
    for found in scan_sql(raw, new_tables=created):
        if found.item in SPECS:
            hits.append(with_advice(found.item, found.line, found.detail, found.end_line))
    return hits


_TABLE_STEPS = ("createTable", "createTableIfNotExists", "dropTable", "dropTableIfExists", "renameTable")


def _rebuild_lines(calls: list[_Call], raw: list[tuple[int, str]]) -> set[int]:
    """Lines of builder calls that are steps of a table rebuild written with the builder (SQLite's way to
    change a table, which Knex also runs itself: create `t_new`, copy the rows, drop `t`, rename `t_new`
    to `t`; or rename `t` away, create it again, copy, drop the old copy). The builder's creates, drops and
    renames are read as the SQL statements they run, next to the migration's raw SQL, so the rebuild is
    recognised as it is in a SQL migration."""
    steps: list[SqlStatement] = []
    for call in calls:
        table = _table_of(call)
        if call.name not in _TABLE_STEPS or not table:
            continue
        if call.name.startswith("createTable"):
            text = f'CREATE TABLE "{table}"'
        elif call.name.startswith("dropTable"):
            text = f'DROP TABLE "{table}"'
        elif new_name := _second_string(call.args).lower().rsplit(".", 1)[-1]:
            text = f'ALTER TABLE "{table}" RENAME TO "{new_name}"'
        else:
            continue
        steps.append(SqlStatement(call.line, call.end_line, text.upper()))
    if not any(s.text.startswith("DROP") for s in steps):
        return set()
    merged = sorted([*steps, *split_statements(raw)], key=lambda s: s.line)
    own = {(s.line, s.text) for s in steps}
    return {merged[i].line for i in rebuild_steps(merged) if (merged[i].line, merged[i].text) in own}


def _terminated(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A piece's lines ending its statement, so the pieces of a file read as one SQL script (a statement's
    facts carry to the next: tables created, types declared, a table rebuilt over several calls)."""
    if not lines:
        return lines
    *head, (no, text) = lines
    return [*head, (no, text + ";")]


def _table_of(call: _Call) -> str:
    named = re.search(r"\bname\s*:\s*(['\"`])(\w+)\1", call.args)
    if call.name.startswith("createTable") and "new Table" in call.args and named:
        return named.group(2).lower()
    first = call.args.lstrip()
    return _first_string(first) if first[:1] in ("'", '"', "`") else ""  # else a variable names it


def _on(table: str) -> str:
    """` on TABLE`, or nothing when a variable names the table (a message never names an empty table)."""
    return f" on {table}" if table else ""


_SQL_DEFAULT = lazy_re(
    r"\b(?:defaultValue\s*:\s*(?:\w+\.)*literal\s*\(|default\s*:\s*(?:\(\s*\)\s*=>\s*)?)\s*([\"'`])(.*?)\1"
)
"""A column default the migration hands to the database as SQL: Sequelize's `defaultValue:
Sequelize.literal("…")`, TypeORM's `default: "…"` / `default: () => "…"` (TypeORM writes that text into the
DDL as it is; a plain Sequelize `defaultValue: "…"` is a quoted constant, so it is not read)."""


_KNEX_RAW_DEFAULT = lazy_re(r"\.defaultTo\(\s*(?:\w+\.)*raw\(\s*([\"'`])(.*?)\1")
_KNEX_FN_UUID = lazy_re(r"\.defaultTo\(\s*(?:\w+\.)*fn\.uuid\(\s*\)")


def _knex_volatile_default(statement: str) -> str:
    """The volatile default a Knex column builder gives (`.defaultTo(knex.raw('gen_random_uuid()'))`,
    `.defaultTo(knex.fn.uuid())`, which Knex writes as gen_random_uuid() on Postgres), else ""."""
    if _KNEX_FN_UUID.search(statement):
        return "knex.fn.uuid()"
    raw = _KNEX_RAW_DEFAULT.search(statement)
    return raw.group(2) if raw and volatile_default(raw.group(2)) else ""


def _second_string(args: str) -> str:
    found = [m.group(0)[1:-1] for m in _STRING.finditer(args)]
    return found[1] if len(found) > 1 else ""


_NAMED_INDEX_ON = lazy_re(
    r"(?:createIndex|dropIndex)\s*\(\s*(['\"`])[\w.$]+\1\s*\)\s*\.\s*on\s*\(\s*(['\"`])([\w.$]+)\2"
)


def _index_table(ctx: FileContext, call: _Call) -> str | None:
    """The table of a query builder's index named first and placed after (Kysely's
    `db.schema.createIndex("orders_status_idx").on("orders")`), None when the call is not so written."""
    first = ctx.lines.get(call.line, "")
    start = first.find(call.name)
    if start < 0:
        return None
    after = (ctx.lines.get(no, "") for no in range(call.line + 1, call.end_line + 3))
    text = " ".join([first[start:], *after])
    found = _NAMED_INDEX_ON.match(text)
    return found.group(3).lower().rsplit(".", 1)[-1] if found else None


def _call_hits(ctx: FileContext, call: _Call, created: set[str]) -> list[ItemHit]:
    name, line, end = call.name, call.line, call.end_line
    table = _table_of(call)
    if name in ("createIndex", "dropIndex"):
        table = _index_table(ctx, call) or table
    column = _second_string(call.args)
    label = ".".join(part for part in (table, column) if part) or "the column"
    if name in ("dropTable", "dropTableIfExists"):
        return [] if table in created else [with_advice("MIG-01", line, f"{name}{_on(table)}.", end)]
    if table in created or name.startswith("createTable"):
        return []
    if name in ("alterTable", "table"):
        return _block_hits(ctx, call, table)
    if name in ("removeColumn", "dropColumn", "dropColumns"):
        return [with_advice("MIG-01", line, f"{name}{_on(table)}.", end)]
    if name in ("renameColumn", "renameTable"):
        return [with_advice("MIG-05", line, f"{name}{_on(table)}.", end)]
    options = call.args
    if name == "addColumn":
        required = re.search(r"\ballowNull\s*:\s*false|\bisNullable\s*:\s*false", options)
        if required and not re.search(r"\b(defaultValue|default)\s*:", options):
            detail = f"{name}{_on(table)}: {label} NOT NULL without a default."
            return [with_advice("MIG-02", line, detail, end)]
        if re.search(r"\b(?:unique|isUnique)\s*:\s*true", options):
            detail = f"{name}{_on(table)}: {label} unique, an index built under a lock."
            return [with_advice("MIG-07", line, detail, end)]
        sql_default = _SQL_DEFAULT.search(options)
        if sql_default and volatile_default(sql_default.group(2)):
            detail = f"{name}{_on(table)}: {label} with the volatile default {sql_default.group(2)}."
            return [with_advice("MIG-08", line, detail, end)]
        return []
    if name == "changeColumn":
        if re.search(r"\ballowNull\s*:\s*false|\bisNullable\s*:\s*false", options):
            return [with_advice("MIG-02", line, f"changeColumn{_on(table)} sets {label} NOT NULL.", end)]
        if _UNBOUNDED_TEXT.search(options):
            return []  # to unbounded text: only widens from the text family (the old type is not shown)
        detail = f"changeColumn{_on(table)}: {label} ({_OLD_TYPE_UNKNOWN})."
        return [with_advice("MIG-04", line, detail, end, Severity.MEDIUM)]
    if name in ("addIndex", "removeIndex", "createIndex", "dropIndex"):
        if re.search(r"\bconcurrently\s*:\s*true", options):
            if re.search(r"(?<![\w.])transaction\s*(?:[:,}]|$)", options, re.M):
                # Sequelize passes the option on: the concurrent build runs in that transaction and fails
                detail = f"{name}{_on(table)} with concurrently: true runs in the transaction it is given."
                return [with_advice("MIG-12", line, detail, end)]
            return []
        return [with_advice("MIG-03", line, f"{name}{_on(table)} without concurrently: true.", end)]
    if name in ("createForeignKey", "createForeignKeys", "createCheckConstraint"):
        return [with_advice("MIG-06", line, f"{name}{_on(table)} validates at once.", end)]
    if name == "createUniqueConstraint":
        return [with_advice("MIG-07", line, f"{name}{_on(table)} builds a unique index under a lock.", end)]
    if name == "addConstraint":
        kind = re.search(r"\btype\s*:\s*['\"`]([\w ]+)", options)
        kind_name = kind.group(1).lower() if kind else ""
        if kind_name in ("foreign key", "check"):
            detail = f"addConstraint ({kind_name}){_on(table)} validates at once."
            return [with_advice("MIG-06", line, detail, end)]
        if kind_name in ("unique", "primary key"):
            detail = f"addConstraint ({kind_name}){_on(table)} under a lock."
            return [with_advice("MIG-07", line, detail, end)]
    return []


def _block_hits(ctx: FileContext, call: _Call, table: str) -> list[ItemHit]:
    """Operations inside `knex.schema.alterTable(table, (t) => { … })` on an existing table."""
    hits: list[ItemHit] = []
    shown = table or "the table"
    for op in _calls(ctx, _BLOCK_OPS, call.line, call.end_line):
        if op.line == call.line and op.name in ("table",):
            continue
        statement = _chain(ctx, op.line, call.end_line)
        column = _first_string(op.args)
        label = ".".join(part for part in (table, column) if part) or "the column"
        line, end = op.line, op.end_line
        kind = op.name
        if kind == "index":
            hits.append(with_advice("MIG-03", line, f"index{_on(table)} built without CONCURRENTLY.", end))
        elif kind == "unique":
            detail = f"unique{_on(table)} builds a unique index under a lock."
            hits.append(with_advice("MIG-07", line, detail, end))
        elif kind in ("dropColumn", "dropColumns"):
            hits.append(with_advice("MIG-01", line, f"{kind}{_on(table)}.", end))
        elif kind == "renameColumn":
            hits.append(with_advice("MIG-05", line, f"renameColumn{_on(table)}.", end))
        elif kind == "foreign" or ".references(" in statement:
            hits.append(with_advice("MIG-06", line, f"foreign key{_on(table)} validated at once.", end))
        elif kind in ("increments", "bigIncrements"):
            hits.append(with_advice("MIG-08", line, f"{kind} column added to {shown} fills every row.", end))
        else:
            hits.extend(_column_hits(statement, kind, f"{_on(table)}: {label}", line, end))
    return hits


def _column_hits(statement: str, kind: str, label: str, line: int, end: int) -> list[ItemHit]:
    """`label`: ` on TABLE: TABLE.COLUMN` (what the message names: the table, so the finding's title can)."""
    altered = ".alter(" in statement
    not_null = ".notNullable(" in statement
    if kind == "json" and not altered:
        return [with_advice("MIG-00", line, f"json column{label} added (not jsonb).", end)]
    if altered and not_null:
        return [with_advice("MIG-02", line, f"{kind}{label} altered to NOT NULL.", end)]
    if altered:
        detail = f"{kind}{label} altered in place ({_OLD_TYPE_UNKNOWN})."
        return [with_advice("MIG-04", line, detail, end, Severity.MEDIUM)]
    if ".defaultTo(" in statement and not altered and (volatile := _knex_volatile_default(statement)):
        detail = f"{kind}{label} added with the volatile default {volatile}."
        return [with_advice("MIG-08", line, detail, end)]
    if not_null and ".defaultTo(" not in statement:
        return [with_advice("MIG-02", line, f"{kind}{label} added NOT NULL without a default.", end)]
    if ".unique(" in statement:
        detail = f"{kind}{label} added unique: an index built under a lock."
        return [with_advice("MIG-07", line, detail, end)]
    if ".index(" in statement:
        return [with_advice("MIG-03", line, f"{kind}{label} added with an index built under a lock.", end)]
    return []


def _chain(ctx: FileContext, line: int, last: int) -> str:
    """The method chain starting on `line`, up to the end of its statement (`;` or the next `t.` call)."""
    parts: list[str] = []
    for no in range(line, last + 1):
        text = ctx.lines.get(no, "")
        if no > line and re.match(r"^\s*\w+\s*\.\s*\w+\s*\(", text):
            break
        parts.append(text)
        if text.rstrip().endswith((";", "})", "});")):
            break
    return "\n".join(parts)


register_family(SPECS, scan)


# --- raw SQL in the file's own helpers, and knex's `??` bindings -------------------------------------

_HELPER = lazy_re(
    r"^\s*(?:export\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(([^)]*)\)[^{]*\{"
    r"|^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?"
    r"(?:function\b[^(]*)?\(([^)]*)\)[^{]*\{"
)
_RAW_OPEN = lazy_re(r"\.\s*(?:raw|query)\s*\(")
_PLACEHOLDERS = lazy_re(r"\?\??")
_UNKNOWN_IDENTIFIER = '"bound_identifier"'


def _run_where_called(ctx: FileContext, pieces: list[SqlPiece]) -> list[SqlPiece]:
    """The raw SQL pieces as they run: a piece inside a helper function of the file, copied to each line
    outside the helper that calls it (the helper left out when something calls it), and knex's `??`
    identifier bindings filled from literal bindings (or from the call's literal arguments)."""
    if not pieces:
        return pieces
    helpers = _helpers(ctx)
    out: list[SqlPiece] = []
    for piece in pieces:
        helper = next((h for h in helpers if h[1] < piece.line <= h[2]), None)
        bindings = _bindings(ctx, piece, helper[1] if helper else piece.line)
        if helper is None:
            out.append(_bound(piece, bindings, {}, piece.line))
            continue
        name, first, last, params = helper
        calls = _helper_calls(ctx, name, first, last)
        if not calls:
            out.append(_bound(piece, bindings, {}, piece.line))
        for line, args in calls:
            out.append(_bound(piece, bindings, dict(zip(params, args, strict=False)), line))
    return out


def _helpers(ctx: FileContext) -> list[tuple[str, int, int, list[str]]]:
    """The file's named functions other than `up`/`down`: (name, header line, last line, parameters)."""
    found: list[tuple[str, int, int, list[str]]] = []
    for no in sorted(ctx.lines):
        text = ctx.lines[no]
        if "(" not in text or "{" not in text:
            continue
        match = _HELPER.match(_STRING.sub(lambda m: "s" * len(m.group(0)), text))
        if match is None:
            continue
        name = match.group(1) or match.group(3)
        if name in {"up", "down"}:
            continue
        end, _body = _arguments(ctx, no, match.end())
        params = [re.split(r"[=:]", p, maxsplit=1)[0].strip().removeprefix("...")
                  for p in (match.group(2) if match.group(1) else match.group(4) or "").split(",")]
        found.append((name, no, end, params))
    return found


def _helper_calls(ctx: FileContext, name: str, first: int, last: int) -> list[tuple[int, list[str]]]:
    """The calls of `name` outside its own body: (line, argument texts)."""
    call = re.compile(rf"(?<![\w$.]){re.escape(name)}\s*\(")
    out: list[tuple[int, list[str]]] = []
    for no in sorted(ctx.lines):
        if first <= no <= last or name not in ctx.lines[no]:
            continue
        masked = _STRING.sub(lambda m: "s" * len(m.group(0)), ctx.lines[no])
        for match in call.finditer(masked):
            _end, args = _arguments(ctx, no, match.end())
            out.append((no, _top_items(args)))
    return out


def _bindings(ctx: FileContext, piece: SqlPiece, start: int) -> list[str]:
    """The binding items (as written) of the `.raw(sql, [...])`/`.query(sql, [...])` call the piece opens."""
    for no in range(piece.line, start - 1, -1):
        text = ctx.lines.get(no, "")
        opened = list(_RAW_OPEN.finditer(_STRING.sub(lambda m: "s" * len(m.group(0)), text)))
        if opened:
            _end, args = _arguments(ctx, no, opened[-1].end())
            items = _top_items(args)
            rest = items[1].strip() if len(items) > 1 else ""
            return _top_items(rest[1:-1]) if rest.startswith("[") and rest.endswith("]") else []
    return []


def _bound(piece: SqlPiece, bindings: list[str], args: dict[str, str], line: int) -> SqlPiece:
    """The piece with each `??` replaced by the identifier its binding names (a literal, or a parameter the
    call gives a literal), or a neutral name when it is not known, and moved to `line`."""
    values: list[str | None] = []
    for item in bindings:
        text = item.strip()
        spread = text.startswith("...")
        text = args.get(text.removeprefix("..."), text.removeprefix("...")).strip()
        if spread:
            if not (text.startswith("[") and text.endswith("]")):
                break  # how many it holds is not known: the later bindings are not either
            values.extend(_literal(item) for item in _top_items(text[1:-1]))
        else:
            values.append(_literal(text))
    lines = piece.lines
    if "?" in piece.text():
        position = iter(range(10_000))

        def fill(match: re.Match[str]) -> str:
            index = next(position)
            if match.group(0) == "?":
                return "?"
            value = values[index] if index < len(values) else None
            return f'"{value}"' if value and re.fullmatch(r"[\w.$]+", value) else _UNKNOWN_IDENTIFIER

        lines = [(no, _PLACEHOLDERS.sub(fill, text)) for no, text in lines]
    if line != piece.line:
        lines = [(line, text) for _no, text in lines]
    return piece._replace(lines=lines)


def _literal(text: str) -> str | None:
    text = text.strip()
    quoted = len(text) >= 2 and text[0] in "'\"`" and text[-1] == text[0] and "${" not in text
    return text[1:-1] if quoted else None


def _top_items(text: str) -> list[str]:
    """The top-level comma-separated items of `text`, strings and brackets kept whole."""
    masked = _STRING.sub(lambda m: "s" * len(m.group(0)), text)
    return [item.strip() for item in split_top(masked, text)]
