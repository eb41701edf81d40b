"""Which database a repository's migrations run on, read from its files when the config does not say.

Read, never run: Rails `config/database.yml` (its `production` adapter first; an ERB adapter's default),
Django settings (`ENGINE`, the module `manage.py` names), Spring `spring.datasource.url`, `alembic.ini`'s
`sqlalchemy.url`, connection URLs in `.env` files and compose files' database images, a knexfile's
`client` and sequelize-cli's `config/config.json` `dialect` (their `production` section first); then the
driver a dependency list names (`Gemfile`, `go.mod`, `package.json`). Configuration beats dependencies; within
one kind, two different server engines leave the answer unknown, and SQLite counts only when nothing else
is named (it is often the test database). MySQL and MariaDB are one family: MariaDB when anything names it.
SQL Server (`mssql`) is named by `mssql`/`sqlserver` URLs (`mssql+pyodbc://`, `jdbc:sqlserver://`), the
`sqlserver` adapter, mssql-django's `ENGINE`, the SQL Server compose image, and the `mssql`/`tedious`,
go-mssqldb and activerecord-sqlserver-adapter/tiny_tds drivers.

The files are looked for at the repository root and in every folder above a changed file (a monorepo's
service keeps its own). A missing or unreadable file is simply not a signal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import PurePosixPath
from typing import NamedTuple

from persona_review.lazy_re import lazy_re

POSTGRES, MYSQL, MARIADB, SQLITE, MSSQL = "postgres", "mysql", "mariadb", "sqlite", "mssql"

Reader = Callable[[Sequence[str]], Mapping[str, str]]
"""Texts of the paths it can read (a `contexts.FileSource.read`)."""


class Detected(NamedTuple):
    engine: str
    source: str
    """The file that decided."""


_CONFIG_FILES = (
    "config/database.yml",
    "manage.py",
    "settings.py",
    "alembic.ini",
    ".env",
    ".env.example",
    ".env.sample",
    "docker-compose.yml",
    "docker-compose.yaml",
    "compose.yml",
    "compose.yaml",
    "src/main/resources/application.properties",
    "src/main/resources/application.yml",
    "src/main/resources/application.yaml",
    "knexfile.js",
    "knexfile.ts",
    "knexfile.cjs",
    "knexfile.mjs",
    "config/config.json",
)
_DEPENDENCY_FILES = ("Gemfile", "go.mod", "package.json")

_ADAPTERS = {
    "postgresql": POSTGRES,
    "postgis": POSTGRES,
    "mysql2": MYSQL,
    "trilogy": MYSQL,
    "mysql": MYSQL,
    "sqlite3": SQLITE,
    "sqlite": SQLITE,
    "sqlserver": MSSQL,
}
_URL = lazy_re(
    r"\b(?:jdbc:)?(postgres(?:ql)?|postgis|mysql|mariadb|sqlite3?|mssql|sqlserver)(?:\+\w+)?:(?://|[\w/.])",
    re.IGNORECASE,
)
_URL_ENGINES = {"postgres": POSTGRES, "postgresql": POSTGRES, "postgis": POSTGRES, "mysql": MYSQL,
                "mariadb": MARIADB, "sqlite": SQLITE, "sqlite3": SQLITE, "mssql": MSSQL, "sqlserver": MSSQL}
_DJANGO_ENGINE = lazy_re(
    r"django(?:\.contrib\.gis)?\.db\.backends\.(postgresql\w*|postgis|mysql|sqlite3)"
    r"|[\"']ENGINE[\"']\s*:\s*[\"'](mssql|sql_server\.pyodbc)[\"']"
)
_DJANGO_SETTINGS = lazy_re(r"DJANGO_SETTINGS_MODULE[\"']\s*,\s*[\"']([\w.]+)[\"']")
_IMAGE = lazy_re(
    r"^\s*image:\s*[\"']?(?:[\w./-]+/)?(postgres|postgis|mysql|mariadb|mssql(?=/server)|azure-sql-edge)\b",
    re.M,
)
_GEMS = {"pg": POSTGRES, "activerecord-postgis-adapter": POSTGRES, "mysql2": MYSQL, "trilogy": MYSQL,
         "sqlite3": SQLITE, "activerecord-sqlserver-adapter": MSSQL, "tiny_tds": MSSQL}
_GEM = lazy_re(r"^\s*gem\s+[\"']([\w-]+)[\"']", re.M)
_GO_DRIVERS = (
    ("github.com/jackc/pgx", POSTGRES),
    ("github.com/lib/pq", POSTGRES),
    ("gorm.io/driver/postgres", POSTGRES),
    ("github.com/go-sql-driver/mysql", MYSQL),
    ("gorm.io/driver/mysql", MYSQL),
    ("github.com/mattn/go-sqlite3", SQLITE),
    ("modernc.org/sqlite", SQLITE),
    ("gorm.io/driver/sqlite", SQLITE),
    ("github.com/microsoft/go-mssqldb", MSSQL),
    ("github.com/denisenkom/go-mssqldb", MSSQL),
    ("gorm.io/driver/sqlserver", MSSQL),
)
_NPM = {"pg": POSTGRES, "postgres": POSTGRES, "pg-promise": POSTGRES, "mysql": MYSQL, "mysql2": MYSQL,
        "mariadb": MARIADB, "sqlite3": SQLITE, "better-sqlite3": SQLITE, "mssql": MSSQL, "tedious": MSSQL}


def candidate_paths(changed: Iterable[str]) -> list[str]:
    """The files to read: each known name at the root and in every folder above a changed file."""
    folders = {""}
    for path in changed:
        for parent in PurePosixPath(path).parents:
            folders.add("" if str(parent) == "." else str(parent))
    out: list[str] = []
    for folder in sorted(folders, key=lambda f: (f.count("/"), f)):
        for name in (*_CONFIG_FILES, *_DEPENDENCY_FILES):
            out.append(f"{folder}/{name}" if folder else name)
    return out


def detect_database(read: Reader, changed: Iterable[str]) -> Detected | None:
    """The engine the repository's files name, or None when they name none or disagree."""
    texts = dict(read(candidate_paths(changed)))
    modules = {m for path, text in texts.items() if path.endswith("manage.py")
               for m in _DJANGO_SETTINGS.findall(text)}
    if modules:
        named = [m.replace(".", "/") for m in modules]
        texts.update(read([*(f"{n}.py" for n in named), *(f"{n}/__init__.py" for n in named),
                           *(f"{n}/base.py" for n in named), *(f"{n}/production.py" for n in named)]))
    config: list[tuple[str, str]] = []
    dependencies: list[tuple[str, str]] = []
    for path in sorted(texts):
        name = PurePosixPath(path).name
        target = dependencies if name in _DEPENDENCY_FILES else config
        target.extend((engine, path) for engine in _signals(path, texts[path]))
    return _decide(config) or _decide(dependencies)


def _signals(path: str, text: str) -> list[str]:
    name = PurePosixPath(path).name
    if name == "database.yml":
        return _rails_adapters(text)
    if name == "Gemfile":
        return [_GEMS[gem] for gem in _GEM.findall(text) if gem in _GEMS]
    if name == "go.mod":
        return [engine for module, engine in _GO_DRIVERS if module in text]
    if name == "package.json":
        return _npm(text)
    if name.endswith(".py"):
        return [_django(backend or other) for backend, other in _DJANGO_ENGINE.findall(text)] + _urls(text)
    if name.startswith("knexfile."):
        return _knex_clients(text)
    if name == "config.json":
        return _sequelize_dialects(text)
    found = [_URL_ENGINES.get(i.lower(), MSSQL) for i in _IMAGE.findall(text)]
    return found + _urls(text)


def _urls(text: str) -> list[str]:
    return [_URL_ENGINES[m.lower()] for m in _URL.findall(text)]


def _django(backend: str) -> str:
    if backend in ("mssql", "sql_server.pyodbc"):  # mssql-django, django-pyodbc-azure
        return MSSQL
    return POSTGRES if backend.startswith(("postgres", "postgis")) else _ADAPTERS.get(backend, backend)


_ERB_DEFAULT = lazy_re(
    r"""^\s+adapter:\s*<%=[^%]*?(?:\|\||\bfetch\s*\(\s*["'][\w-]+["']\s*,)\s*["'](\w+)["']"""
)
"""An adapter read from the environment with a default (`<%= ENV['DB_ADAPTER'] || "mysql2" %>`,
`<%= ENV.fetch("DB_ADAPTER", "postgresql") %>`): the default is what an install without the variable runs."""


def _rails_adapters(text: str) -> list[str]:
    """The production section's adapter if it names one, else every adapter in the file."""
    section = ""
    by_section: dict[str, list[str]] = {}
    for line in text.splitlines():
        top = re.match(r"^([\w-]+):", line)
        if top:
            section = top.group(1)
        adapter = re.match(r"^\s+adapter:\s*[\"']?(\w+)", line) or _ERB_DEFAULT.match(line)
        if adapter and adapter.group(1).lower() in _ADAPTERS:
            by_section.setdefault(section, []).append(_ADAPTERS[adapter.group(1).lower()])
        url = re.match(r"^\s+url:\s*(.*)", line)
        if url:
            by_section.setdefault(section, []).extend(_urls(url.group(1)))
    if by_section.get("production"):
        return by_section["production"]
    return [engine for engines in by_section.values() for engine in engines]


_KNEX_CLIENT = lazy_re(r"""\bclient\s*:\s*['"`]([\w-]+)['"`]""")
_KNEX_CLIENTS = {"pg": POSTGRES, "postgres": POSTGRES, "postgresql": POSTGRES, "pgnative": POSTGRES,
                 "mysql": MYSQL, "mysql2": MYSQL, "sqlite3": SQLITE, "better-sqlite3": SQLITE,
                 "sqlite": SQLITE, "mssql": MSSQL}
_PRODUCTION_KEY = lazy_re(r"""(?:^|[\s{,])['"]?production['"]?\s*:\s*\{""")


def _knex_clients(text: str) -> list[str]:
    """The `client` of a knexfile's `production` section if it names one, else every client it names."""
    production = _PRODUCTION_KEY.search(text)
    if production is not None:
        client = _KNEX_CLIENT.search(text, production.end())
        if client is not None and client.group(1).lower() in _KNEX_CLIENTS:
            return [_KNEX_CLIENTS[client.group(1).lower()]]
    return [_KNEX_CLIENTS[c.lower()] for c in _KNEX_CLIENT.findall(text) if c.lower() in _KNEX_CLIENTS]


def _sequelize_dialects(text: str) -> list[str]:
    """sequelize-cli's `config/config.json`: the `production` environment's `dialect`, else every one."""
    try:
        data = json.loads(text)
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    sections = {str(k): v for k, v in data.items() if isinstance(v, dict)}
    production = sections.get("production")
    chosen = [production] if production and "dialect" in production else list(sections.values())
    dialects = [str(section.get("dialect", "")).lower() for section in chosen]
    return [_URL_ENGINES[d] for d in dialects if d in _URL_ENGINES]


def _npm(text: str) -> list[str]:
    try:
        data = json.loads(text)
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    names: set[str] = set()
    for key in ("dependencies", "devDependencies", "optionalDependencies"):
        section = data.get(key)
        if isinstance(section, dict):
            names |= {str(name) for name in section}
    return [_NPM[name] for name in sorted(names) if name in _NPM]


def _decide(signals: list[tuple[str, str]]) -> Detected | None:
    servers = [(engine, path) for engine, path in signals if engine != SQLITE]
    if servers:
        families = {MYSQL if engine == MARIADB else engine for engine, _ in servers}
        if len(families) > 1:
            return None
        maria = next(((e, p) for e, p in servers if e == MARIADB), None)
        engine, path = maria or servers[0]
        return Detected(engine, path)
    if signals:
        return Detected(SQLITE, signals[0][1])
    return None
