"""Which reviewed files are migrations, and of which framework: by path AND by content markers.

A normal Python or Ruby file is never treated as a migration: the path must look like a migration folder
and the visible text (whole file, or the hunks) must carry the framework's markers.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import PurePosixPath

from persona_review.checks.base import FileContext
from persona_review.lazy_re import lazy_re


class MigrationKind(StrEnum):
    SQL = "sql"
    DJANGO = "django"
    ALEMBIC = "alembic"
    RAILS = "rails"
    JS = "js"
    """Knex, Sequelize and TypeORM migrations."""
    GO = "go"
    """goose Go migrations, or Go code in a migrations folder that runs SQL."""
    JAVA = "java"
    """Flyway Java migrations (`BaseJavaMigration`, `V1__name.java`)."""
    LIQUIBASE = "liquibase"
    """Liquibase changelogs in XML or YAML (`<changeSet>`, `- changeSet:`)."""


_MIGRATION_DIRS = frozenset(
    {
        "migrations",
        "migration",
        "migrate",
        "versions",
        "alembic",
        "flyway",
        "liquibase",
        "changelog",
        "changelogs",
        "db",
        "database",
        "schema",
        "sql",
        "ddl",
    }
)
_SQL_DUMP_NAMES = frozenset({"structure.sql", "schema.sql", "dump.sql"})
_FLYWAY_NAME = lazy_re(r"^[VR]\d[\w.]*__.+\.sql$", re.IGNORECASE)
# A statement that changes an existing object; a file of only SELECTs or CREATE TABLEs is not reviewed.
_SQL_DDL = lazy_re(
    r"^\s*(ALTER\s+(TABLE|INDEX|DOMAIN|TYPE)|DROP\s+|CREATE\s+(UNIQUE\s+)?INDEX|REINDEX|TRUNCATE|"
    r"CREATE\s+DOMAIN)\b",
    re.IGNORECASE | re.MULTILINE,
)

_DJANGO_MARKERS = lazy_re(r"from django\.db import[^\n]*\bmigrations\b|\bmigrations\.[A-Z]\w+\(")
_ALEMBIC_MARKERS = lazy_re(
    r"from alembic import|^\s*(batch_)?op\.\w+\(|^\s*with op\.batch_alter_table|"
    r"^down_revision\s*[:=]",
    re.MULTILINE,
)
_RAILS_MARKERS = lazy_re(
    r"<\s*[\w:]*Migration\b|^\s*(add|remove|change|rename)_\w+[\s(]+:?\w|^\s*create_table\b"
    r"|\b(?:Sequel|ROM::SQL)\.migration\b|^\s*alter_table\b",
    re.MULTILINE,
)


_JS_MARKERS = lazy_re(
    r"\bexports\.up\b|\bexport\s+(?:async\s+)?function\s+up\b|\bknex\.schema\b|\.schema\s*\.\s*(?:createTable|alterTable|table)\s*\(|"
    r"\bqueryInterface\s*\.|\bMigrationInterface\b|\bqueryRunner\s*\.|\bthis\.addSql\s*\(|\bup\s*[:(=]\s*(?:async\s*)?\(?\s*(?:knex|queryInterface)\b"
)
_JS_DIRS = frozenset({"migrations", "migration", "migrate", "knex_migrations", "db"})
_GO_MARKERS = lazy_re(r"\bgoose\.AddMigration\w*\(|\b(?:tx|db|conn)\.Exec(?:Context)?\(")
_GO_MIGRATIONS_NAME = lazy_re(r"(?i)migrat\w*\.go$")
_GO_MIGRATE_FIELD = lazy_re(r"\bMigrate\s*:\s*func\s*\(")
_GO_UP_FIELD = lazy_re(
    r"(?i)\b(?:(?:up|upgrade)(?:_?(?:sql|query|stmt|statements?|script))?|sql|query|stmt|statements?|script|ddl)"
    r"\s*:\s*(?:\[\]string\s*\{\s*)?(?:`|\"|$)",
    re.MULTILINE,
)
"""A Go migration list's field holding the SQL a migration applies (`Up:`, `UpSQL:`, `SQL:`, darwin's
`Script:`, sql-migrate's `Up: []string{…}`)."""
_JAVA_MARKERS = lazy_re(r"\b(?:BaseJavaMigration|JavaMigration)\b")
_JAVA_FLYWAY_NAME = lazy_re(r"^[VR]\d[\w.]*__\w+\.java$")
_DDL_IN_TEXT = lazy_re(
    r"\b(?:ALTER\s+TABLE|CREATE\s+(?:UNIQUE\s+)?INDEX|DROP\s+(?:TABLE|INDEX|COLUMN))\b", re.IGNORECASE
)


def _dirs(path: str) -> list[str]:
    return [part.lower() for part in PurePosixPath(path).parts[:-1]]


def _visible_text(ctx: FileContext) -> str:
    return "\n".join(ctx.lines[no] for no in sorted(ctx.lines))


def migration_kind(ctx: FileContext) -> MigrationKind | None:
    """The framework of `ctx` if it is a migration file, else None (read once per file)."""
    return ctx.cached("migration_paths.kind", lambda: _migration_kind(ctx))


def _migration_kind(ctx: FileContext) -> MigrationKind | None:
    if ctx.language == "sql":
        return MigrationKind.SQL if is_sql_migration(ctx) else None
    name = PurePosixPath(ctx.path).name
    if ctx.language == "python" and name != "__init__.py":
        dirs = _dirs(ctx.path)
        text = _visible_text(ctx)
        if "versions" in dirs and _ALEMBIC_MARKERS.search(text):
            return MigrationKind.ALEMBIC
        if "migrations" in dirs and _DJANGO_MARKERS.search(text):
            return MigrationKind.DJANGO
        return None
    if ctx.language == "ruby":
        dirs = _dirs(ctx.path)
        if not any(d in ("migrate", "migrations") for d in dirs):
            return None
        if _RAILS_MARKERS.search(_visible_text(ctx)):
            return MigrationKind.RAILS
        return None
    if ctx.language in ("javascript", "typescript"):
        in_dir = bool(set(_dirs(ctx.path)) & _JS_DIRS) or ".migration." in name.lower()
        return MigrationKind.JS if in_dir and _JS_MARKERS.search(_visible_text(ctx)) else None
    if ctx.language == "go":
        in_dir = bool(set(_dirs(ctx.path)) & {"migrations", "migration", "migrate"})
        text = _visible_text(ctx)
        if "goose." in text and _GO_MARKERS.search(text):
            return MigrationKind.GO
        if in_dir and _GO_MARKERS.search(text) and _DDL_IN_TEXT.search(text):
            return MigrationKind.GO
        if (in_dir or _GO_MIGRATIONS_NAME.search(name)) and _GO_UP_FIELD.search(text) \
                and _DDL_IN_TEXT.search(text):
            return MigrationKind.GO  # a hand-rolled list: `{version: 24, up: \`CREATE INDEX …\`}`
        if ("gormigrate." in text or _GO_MIGRATE_FIELD.search(text)) and _GO_MARKERS.search(text) \
                and _DDL_IN_TEXT.search(text):
            return MigrationKind.GO  # raw SQL run by a gormigrate step (`tx.Exec("CREATE INDEX …")`)
        if ".Migrator()." in text and (in_dir or _GO_MIGRATIONS_NAME.search(name) or "gormigrate." in text
                                        or _GO_MIGRATE_FIELD.search(text)):
            return MigrationKind.GO  # GORM's schema API in a migration (gormigrate's `Migrate: func(tx ...)`)
        return None
    if ctx.language == "java":
        text = _visible_text(ctx)
        if _JAVA_MARKERS.search(text) or (_JAVA_FLYWAY_NAME.match(name) and _DDL_IN_TEXT.search(text)):
            return MigrationKind.JAVA
    if name.lower().endswith(_CHANGELOG_SUFFIXES) and _LIQUIBASE_MARKERS.search(_visible_text(ctx)):
        return MigrationKind.LIQUIBASE
    return None


_CHANGELOG_SUFFIXES = (".xml", ".yaml", ".yml")
_LIQUIBASE_MARKERS = lazy_re(
    r"<changeSet\b|^\s*-\s*changeSet\s*:|\bdatabaseChangeLog\b"
    r"|(?:<|^\s*-\s*)(?:renameColumn|modifyDataType|addNotNullConstraint|addForeignKeyConstraint|"
    r"addUniqueConstraint|dropNotNullConstraint)\b",
    re.MULTILINE,
)
"""A changelog's own words, or one of Liquibase's change elements (`<modifyDataType`, `- renameColumn:`),
which a hunk of a long changelog may show without its `changeSet`."""


def is_sql_migration(ctx: FileContext) -> bool:
    """A .sql file that changes existing schema: a Flyway/Liquibase/plain migration, or any SQL file with
    DDL that alters existing objects. Schema dumps (structure.sql, schema.sql) are snapshots, not changes."""
    name = PurePosixPath(ctx.path).name.lower()
    if name in _SQL_DUMP_NAMES:
        return False
    if _FLYWAY_NAME.match(name) or set(_dirs(ctx.path)) & _MIGRATION_DIRS:
        return True
    return bool(_SQL_DDL.search(_visible_text(ctx)))


_VERSION = lazy_re(r"^(?:[Vv](\d+(?:[._]\d+)*)__|(\d+)(?=[_.-]))")


def migration_version(path: str) -> tuple[int, ...] | None:
    """The order a migration runs in, from its file name: Flyway's `V1_2__x.sql` is (1, 2); a leading
    number (Rails and Knex timestamps, golang-migrate's `000003_x.up.sql`, Django's `0003_x.py`) is (n,).
    None when the name carries no version (a Flyway repeatable `R__x.sql`, `add_check.sql`)."""
    match = _VERSION.match(path.rsplit("/", 1)[-1])
    if match is None:
        return None
    digits = match.group(1) or match.group(2)
    return tuple(int(part) for part in re.split(r"[._]", digits))
