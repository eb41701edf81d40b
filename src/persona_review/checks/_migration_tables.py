"""Tables the change itself creates, read from the added lines of every migration in it, whatever its
framework: SQL `CREATE TABLE` (also inside strings of Go, Java, JS, Python and Ruby migrations), Rails
`create_table`, Django `CreateModel` (its model name), Alembic `op.create_table`, Knex/Sequelize
`createTable`, TypeORM `new Table({ name })` and Liquibase `createTable` (its `tableName`).

Such a table is new and empty when the change deploys, and no running release uses it, so an index, a
constraint, a NOT NULL or a type change on it locks nothing that matters. Only added lines count: a
`CREATE TABLE` shown as context in an edited migration made a table that already exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import PurePosixPath
from typing import NamedTuple

from persona_review.checks._migration_paths import MigrationKind, migration_kind, migration_version
from persona_review.checks._sql_facts import facts_of
from persona_review.checks._sql_reverting import forward_lines
from persona_review.checks.base import FileContext
from persona_review.checks.migrations_sql import split_statements
from persona_review.lazy_re import lazy_re

_NAME = r"[\"'`:]?\[?([\w$]+(?:\.[\w$]+)?)"
_CREATES = lazy_re(
    r"(?i:\bCREATE\s+(?:UNLOGGED\s+|TEMP\w*\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?)"
    r"(?:[\"`\[]?[\w$]+[\"`\]]?\.)?[\"`\[]?([\w$]+)"
    rf"|\bcreate_table\s*\(?\s*{_NAME}"
    r"|\bcreate_join_table\s*\(?\s*:?[\"']?(?P<join_a>\w+)[\"']?\s*,\s*:?[\"']?(?P<join_b>\w+)"
    r"|\bCreateModel\s*\(\s*(?:name\s*=\s*)?[\"'](?P<model>\w+)[\"']"
    r"|\bop\.create_table\s*\(\s*[\"'](\w+)[\"']"
    r"|\bcreateTable(?:IfNotExists)?\s*\(\s*[\"'`](\w+)[\"'`]"
    r"|\bnew\s+Table\s*\(\s*\{\s*name\s*:\s*[\"'`](\w+)[\"'`]"
    r"|\bcreateTable\b\s*:?(?:\s+\w+(?::\w+)?\s*[=:]\s*[\"']?[\w.$]*[\"']?)*?\s+tableName\s*[=:]\s*[\"']?([\w$]+)"
)
_HINT = lazy_re(r"(?i)create|new\s+table")
"""What a line that creates a table contains (a cheap test before the full pattern)."""
_LOOKAHEAD = 3
_RAILS_NOT_NULL_CHECK = lazy_re(
    r"\badd_check_constraint\s*\(?\s*:?[\"']?(\w+)[\"']?\s*,\s*[\"']\s*\(?\s*\"?(\w+)\"?\s+IS\s+NOT\s+NULL",
    re.IGNORECASE,
)
_RAILS_VALIDATE = lazy_re(r"\bvalidate_check_constraint\s*\(?\s*:?[\"']?(\w+)")
_CHECK_HINT = lazy_re(r"(?i)is\s+not\s+null|validate")
"""Lines after an added line read with it (`CreateModel(` with `name=` on the next line)."""


def tables_created(contexts: Iterable[FileContext]) -> frozenset[str]:
    """Lower-case names (schema dropped) of the tables that added lines of the change's migrations create."""
    found: set[str] = set()
    for ctx in contexts:
        if not ctx.added or migration_kind(ctx) is None:
            continue
        lines = forward_lines(ctx) if ctx.language == "sql" else ctx.lines  # a rollback creates nothing
        for no in sorted(ctx.added):
            head = lines.get(no, "")
            if not _HINT.search(head):
                continue
            text = " ".join(ctx.lines.get(n, "") for n in range(no, no + _LOOKAHEAD + 1))
            for match in _creations(head, text):
                if match.group("join_a"):
                    found.add(_join_table(match, head))
                    continue
                name = next(group for group in match.groups() if group).lower().rsplit(".", 1)[-1]
                found.add(name)
                parts = PurePosixPath(ctx.path).parts
                if match.group("model") and len(parts) >= 3:
                    found.add(f"{parts[-3].lower()}_{name}")  # a Django model's table: <app label>_<model>
    return frozenset(found)


def _creations(head: str, text: str) -> Iterator[re.Match[str]]:
    """The matches of `_CREATES` in `text` (`head` and the lines after it) that start on `head`, as
    `finditer` finds them (left to right, none overlapping). `finditer` would try the whole pattern at every
    position of all the lines; only where `create` (any case), `op.create_table` or `new` starts can a match
    start, so the pattern is tried there alone. Text beyond ASCII (where `lower()` may change lengths) is
    searched the plain way."""
    folded = text.lower()
    if "table" not in folded and "createmodel" not in folded:
        return  # every form names a table (`TABLE`, `create_table`, `new Table`) or is `CreateModel`
    if not text.isascii():
        for each in _CREATES.finditer(text):
            if each.start() >= len(head):
                return  # starts on a later line: that line is read on its own
            yield each
        return
    lowered = folded[: len(head)]
    starts = sorted({
        *_occurrences(lowered, "create"), *_occurrences(head, "op.create_table"), *_occurrences(head, "new"),
    })
    end = 0
    for start in starts:
        if start < end:
            continue  # inside the last match
        match = _CREATES.match(text, start)
        if match is not None:
            end = max(match.end(), start + 1)
            yield match


def _occurrences(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


class NotNullCheck(NamedTuple):
    """A validated `CHECK (column IS NOT NULL)` that a migration of the change adds."""

    path: str
    """The migration that validates it."""
    column: tuple[str, str]
    """(table, column), lower case."""


def not_null_checks(contexts: Iterable[FileContext]) -> list[NotNullCheck]:
    """The (table, column) pairs that added lines of the change's SQL or Rails migrations cover with a
    validated `CHECK (column IS NOT NULL)` (Rails: `add_check_constraint` validated when added, or by a
    `validate_check_constraint` on its table in the change), each with the migration that validates it."""
    found: list[NotNullCheck] = []
    rails_pending: set[tuple[str, str]] = set()
    rails_validated: dict[str, str] = {}
    for ctx in contexts:
        kind = migration_kind(ctx) if ctx.added else None
        if kind is MigrationKind.RAILS:
            for no in sorted(ctx.added):
                text = ctx.lines.get(no, "")
                if match := _RAILS_NOT_NULL_CHECK.search(text):
                    pair = (match.group(1).lower(), match.group(2).lower())
                    if "validate: false" in text:
                        rails_pending.add(pair)
                    else:
                        found.append(NotNullCheck(ctx.path, pair))
                elif match := _RAILS_VALIDATE.search(text):
                    rails_validated.setdefault(match.group(1).lower(), ctx.path)
            continue
        if kind is not MigrationKind.SQL:
            continue
        lines = [(no, ctx.lines[no]) for no in sorted(ctx.added) if no in ctx.lines]
        if not any(_CHECK_HINT.search(text) for _, text in lines):
            continue
        checked = facts_of(split_statements(lines)).not_null_checked
        found.extend(NotNullCheck(ctx.path, pair) for pair in checked)
    found.extend(
        NotNullCheck(rails_validated[pair[0]], pair) for pair in rails_pending if pair[0] in rails_validated
    )
    return found


def checked_before(checks: Sequence[NotNullCheck], ctx: FileContext) -> frozenset[tuple[str, str]]:
    """The pairs that other migrations of the change validate before `ctx` runs. A migration whose version
    (its file name's) is later does not count; where either name carries no version the order is not known
    and the check counts. `ctx`'s own checks are left to the check reading it, which knows their order
    within the file."""
    if not checks:
        return frozenset()
    mine = migration_version(ctx.path)
    out: set[tuple[str, str]] = set()
    for check in checks:
        if check.path == ctx.path:
            continue
        theirs = migration_version(check.path)
        if mine is not None and theirs is not None and theirs > mine:
            continue  # runs after this migration
        out.add(check.column)
    return frozenset(out)


_JOIN_TABLE_NAME = lazy_re(r"\btable_name\s*:\s*:?[\"']?(\w+)")


def _join_table(match: re.Match[str], line: str) -> str:
    """The table `create_join_table :a, :b` creates: its `table_name:`, else Rails' default, the two names
    in lexical order joined by `_` (`:users, :cities` -> `cities_users`). Neither named table is created."""
    named = _JOIN_TABLE_NAME.search(line, match.end())
    if named is not None:
        return named.group(1).lower()
    return "_".join(sorted((match.group("join_a").lower(), match.group("join_b").lower())))
