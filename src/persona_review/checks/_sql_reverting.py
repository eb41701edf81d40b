"""The reverting part of a plain SQL migration, which is expected to undo what the forward part does (drop
the column it adds, the index it builds) and runs only on a rollback.

Two shapes: a section of a file, from goose's `-- +goose Down`, sql-migrate's `-- +migrate Down` or dbmate's
`-- migrate:down` to the next matching Up marker (or the end of the file); and a whole file that only
reverts: golang-migrate's `NNN_name.down.sql`, Diesel's `down.sql`, a Flyway undo migration `U1__name.sql`.
The migration checks read the forward part only, as they do for the `down` functions of Go, JavaScript and
Rails migrations.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from persona_review.checks._migration_syntax import reverting_lines
from persona_review.checks.base import FileContext
from persona_review.lazy_re import lazy_re

_DOWN = lazy_re(r"^\s*--\s*(?:\+goose\s+|\+migrate\s+|migrate:)down\b", re.IGNORECASE)
_UP = lazy_re(r"^\s*--\s*(?:\+goose\s+|\+migrate\s+|migrate:)up\b", re.IGNORECASE)
_DOWN_FILE = lazy_re(r"(?:^|[._])down\.sql$|^U\d+(?:[._]\d+)*__.*\.sql$", re.IGNORECASE)


def forward_lines(ctx: FileContext) -> dict[int, str]:
    """The known lines of a SQL migration less its reverting part (empty for a file that only reverts)."""
    return ctx.cached("sql_reverting.forward", lambda: _forward(ctx))


def _forward(ctx: FileContext) -> dict[int, str]:
    if _DOWN_FILE.search(PurePosixPath(ctx.path).name):
        return {}
    if "down" not in "".join(ctx.lines.values()).lower():
        return ctx.lines
    down = reverting_lines(ctx, _DOWN, _UP)
    return {no: text for no, text in ctx.lines.items() if no not in down} if down else ctx.lines


_LIQUIBASE_ROLLBACK = lazy_re(r"^\s*--\s*rollback\s+(.+)$", re.IGNORECASE)


def reverting_sql(ctx: FileContext) -> list[str]:
    """The SQL text of the reverting part the file shows: its down section, and a Liquibase formatted SQL
    changeset's `-- rollback …` lines (read to learn what a forward statement changes from)."""
    return ctx.cached("sql_reverting.sql", lambda: _reverting_sql(ctx))


def _reverting_sql(ctx: FileContext) -> list[str]:
    forward = forward_lines(ctx)
    out = [ctx.lines[no] for no in sorted(ctx.lines) if no not in forward]
    out.extend(found.group(1) for no in sorted(ctx.lines)
               if "rollback" in ctx.lines[no].lower() and (found := _LIQUIBASE_ROLLBACK.match(ctx.lines[no])))
    return out
