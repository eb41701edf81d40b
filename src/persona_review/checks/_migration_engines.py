"""Migration advice that is right for the database the migrations run on.

The checklist's advice (`_migration_advice`) is written for Postgres, the engine whose locks the checks know
best; it is also used when the engine is unknown. For MySQL/MariaDB (InnoDB online DDL) and SQLite, each
hazard is either reworded for that engine or not reported at all, because the engine does not have it:

- MySQL/MariaDB build and drop secondary and unique indexes online (`ALGORITHM=INPLACE, LOCK=NONE`, writes
  go on), have no `CONCURRENTLY`, no `NOT VALID`, no transactional DDL and add columns with constant or
  expression defaults without a rewrite (8.0 `INSTANT`), so MIG-03/07/08/11/12 do not apply; type changes
  and foreign keys copy the table (`ALGORITHM=COPY`), NOT NULL breaks inserts from the old release.
- SQLite has one writer for the whole database and no online DDL at all; the frameworks rebuild a table to
  change a column. Lock advice (MIG-03/06/07/08/11/12) has nothing to offer there.
- SQL Server (`mssql`) takes a schema-modification lock for ALTER TABLE and builds indexes offline unless
  told `WITH (ONLINE = ON)` (Enterprise edition, Azure SQL); it has `WITH NOCHECK` where Postgres has
  `NOT VALID`, no `CONCURRENTLY`, no `json` column type and its own `SET LOCK_TIMEOUT`, so MIG-00/11/12 do
  not apply and the rest is worded for it.
"""

from __future__ import annotations

from typing import NamedTuple

from persona_review.checks._migration_advice import Advice, advice
from persona_review.lazy_re import lazy_re

POSTGRES = "postgres"
MYSQL = "mysql"
MARIADB = "mariadb"
SQLITE = "sqlite"
MSSQL = "mssql"
ENGINES = (POSTGRES, MYSQL, MARIADB, SQLITE, MSSQL)

_MYSQL_ADVICE: dict[str, Advice | None] = {
    "MIG-00": None,
    "MIG-02": Advice(
        "NOT NULL without a default on an existing table",
        "In strict mode every INSERT from the release still running that leaves this column out fails "
        "(it has no default), and making an existing column NOT NULL rebuilds the table and fails if any "
        "row holds NULL.",
        "add the column nullable or with a default, backfill in batches, then make it NOT NULL in a later "
        "migration with ALGORITHM=INPLACE, LOCK=NONE (the server refuses the change instead of blocking "
        "writes) or with an online schema change tool (gh-ost, pt-online-schema-change).",
    ),
    "MIG-03": None,
    "MIG-04": Advice(
        "Changes a column's type in place",
        "Changing a column's data type copies the whole table (ALGORITHM=COPY) while writes to it wait, "
        "and running code may not understand the new type. Only a VARCHAR that grows within the same length "
        "prefix (below 256 bytes, or from 256 up) is changed in place.",
        "expand/contract (a new column, dual writes, batched backfill, then drop the old one), or run the "
        "change with gh-ost or pt-online-schema-change; state ALGORITHM=INPLACE, LOCK=NONE so the server "
        "refuses a change that would block writes.",
    ),
    "MIG-06": Advice(
        "Foreign key or check constraint added to a live table",
        "Adding a foreign key while foreign_key_checks is on, or a CHECK constraint, copies the table "
        "(ALGORITHM=COPY) and checks every row while writes to it wait.",
        "there is no NOT VALID here: add the constraint with an online schema change tool (gh-ost, "
        "pt-online-schema-change), or add a foreign key with foreign_key_checks=0 once the data is known "
        "to be clean (it is then built in place).",
    ),
    "MIG-07": None,
    "MIG-08": None,
    "MIG-11": None,
    "MIG-12": None,
}

_SQLITE_ADVICE: dict[str, Advice | None] = {
    "MIG-00": None,
    "MIG-02": Advice(
        "NOT NULL without a default on an existing table",
        "SQLite refuses ADD COLUMN ... NOT NULL without a non-NULL default, and making an existing column "
        "NOT NULL needs a table rebuild (the framework copies every row into a new table).",
        "add the column nullable or with a default, backfill, and make it NOT NULL in a later migration "
        "once no row holds NULL.",
    ),
    "MIG-03": None,
    "MIG-04": Advice(
        "Changes a column's type in place",
        "SQLite cannot change a column's type: the framework rebuilds the table (new table, copy every row, "
        "drop, rename) while the whole database is locked for writes, and running code may not understand "
        "the new type.",
        "expand/contract: add a new column of the new type, write to both, backfill, switch reads, then "
        "drop the old column in a later deploy.",
    ),
    "MIG-06": None,
    "MIG-07": None,
    "MIG-08": None,
    "MIG-11": None,
    "MIG-12": None,
}

_ONLINE_EDITIONS = "Enterprise edition and Azure SQL"

_MSSQL_ADVICE: dict[str, Advice | None] = {
    "MIG-00": None,
    "MIG-02": Advice(
        "NOT NULL without a default on an existing table",
        "SQL Server refuses to add a NOT NULL column without a default to a table that has rows, and "
        "ALTER COLUMN ... NOT NULL reads every row under a schema-modification lock that blocks reads and "
        "writes; inserts from the release still running that leave the column out fail.",
        "add the column nullable, or NOT NULL with a constant default (a metadata-only change in "
        f"{_ONLINE_EDITIONS}), backfill in batches, then make it NOT NULL in a later migration.",
    ),
    "MIG-03": Advice(
        "Index built offline on an existing table",
        "An index is built offline unless the statement asks otherwise: writes to the table wait for the "
        "whole build (reads too for a clustered index), minutes to hours on a large table.",
        f"build it WITH (ONLINE = ON) ({_ONLINE_EDITIONS}; RESUMABLE = ON lets a long build pause), or in "
        "a maintenance window on an edition without online index operations.",
    ),
    "MIG-04": Advice(
        "Changes a column's type in place",
        "ALTER COLUMN holds a schema-modification lock that blocks reads and writes, and unless the change "
        "is metadata-only (a longer varchar, say) it rewrites every row while it holds it; running code may "
        "not understand the new type.",
        "expand/contract: add a new column, write to both, backfill in batches, switch reads, then drop the "
        "old column in a later deploy; SQL Server 2016+ can ALTER COLUMN WITH (ONLINE = ON) in "
        f"{_ONLINE_EDITIONS}.",
    ),
    "MIG-06": Advice(
        "Foreign key or check constraint validated while holding a lock",
        "A constraint added WITH CHECK (the default) is checked against every row (a foreign key looks each "
        "one up in the referenced table) under a schema-modification lock that blocks reads and writes.",
        "add it WITH NOCHECK (new rows are checked from then on), fix the existing rows, then validate it "
        "with ALTER TABLE ... WITH CHECK CHECK CONSTRAINT in a quiet period; until then SQL Server treats "
        "it as untrusted and the optimiser does not rely on it.",
    ),
    "MIG-07": Advice(
        "Unique constraint built while holding a lock",
        "A UNIQUE or PRIMARY KEY constraint builds its index offline unless told otherwise, and writes to "
        "the table wait for the whole build.",
        f"add it (or create the unique index first) WITH (ONLINE = ON) ({_ONLINE_EDITIONS}).",
    ),
    "MIG-08": Advice(
        "Column added with a per-row value",
        "A default that is not a runtime constant (NEWID(), NEWSEQUENTIALID()), an IDENTITY column or a "
        "persisted computed column is written into every row while a schema-modification lock blocks reads "
        "and writes.",
        "add the column nullable without it, give new rows their value separately, then backfill the "
        "existing rows in batches.",
    ),
    "MIG-11": None,
    "MIG-12": None,
}

_BY_ENGINE: dict[str, dict[str, Advice | None]] = {
    MYSQL: _MYSQL_ADVICE,
    MARIADB: _MYSQL_ADVICE,
    SQLITE: _SQLITE_ADVICE,
    MSSQL: _MSSQL_ADVICE,
}


class Wording(NamedTuple):
    message: str
    explanation: str | None
    """The engine's general rule, or None where the checklist's own (Postgres) rule stands."""


def applies(item: str, engine: str | None) -> bool:
    """Whether hazard `item` exists on `engine` (every hazard does when the engine is unknown)."""
    table = _BY_ENGINE.get(engine or "")
    return table is None or table.get(item, advice(item)) is not None


def engine_advice(item: str, engine: str | None) -> Advice:
    """The advice for `item` on `engine` (the checklist's own where the engine adds nothing)."""
    found = _BY_ENGINE.get(engine or "", {}).get(item)
    return found if found is not None else advice(item)


_POSTGRES_TERMS = (
    (lazy_re(r" without CONCURRENTLY\b"), ", blocking writes while it runs"),
    (lazy_re(r" without NOT VALID\b"), ", checking every row at once"),
    (lazy_re(r"\ban ACCESS EXCLUSIVE lock\b"), "a lock"),
)
"""Postgres words in a hit's own detail, said for an engine that has no such thing."""


def engine_detail(detail: str, engine: str | None) -> str:
    """`detail` in words that hold on `engine` (the scanners write them for Postgres)."""
    if engine not in _BY_ENGINE:
        return detail
    for pattern, words in _POSTGRES_TERMS:
        detail = pattern.sub(words, detail)
    return detail


def wording(item: str, detail: str, engine: str | None) -> Wording:
    """The message (detail, why, safe sequence) for a hit of `item`, and its general rule on `engine`."""
    own = _BY_ENGINE.get(engine or "", {}).get(item)
    if own is None:
        return Wording(advice(item).text(detail), None)
    return Wording(own.text(engine_detail(detail, engine)), own.text())


_EFFECTS: dict[str, dict[str, str]] = {
    MYSQL: {
        "MIG-02": "adds NOT NULL: inserts from the running release fail, or the table is rebuilt",
        "MIG-04": "changes the type in place: the table is copied while writes wait",
        "MIG-06": "adds a constraint by copying the table while writes wait",
    },
    SQLITE: {
        "MIG-02": "adds NOT NULL to an existing table: refused without a default, or a table rebuild",
        "MIG-04": "changes the type: SQLite rebuilds the table with the database locked for writes",
    },
    MSSQL: {
        "MIG-02": "adds NOT NULL: refused on a table with rows, or a full read under a schema lock",
        "MIG-03": "changes an index offline: writes wait until it finishes",
        "MIG-04": "changes the type in place under a schema lock that blocks reads and writes",
        "MIG-06": "checks every row under a schema lock that blocks reads and writes",
        "MIG-07": "builds a unique index offline: writes wait for the whole build",
        "MIG-08": "writes a value into every row under a schema lock",
    },
}
_EFFECTS[MARIADB] = _EFFECTS[MYSQL]

_CONSEQUENCES: dict[str, dict[str, str]] = {
    MYSQL: {
        "MIG-02": "Inserts into {t} from the release still running fail, and a rebuild of {t} is long.",
        "MIG-04": "{t} is copied row by row while writes to it wait.",
        "MIG-06": "{t} is copied and every row checked while writes to it wait.",
    },
    SQLITE: {
        "MIG-02": "SQLite refuses to add a NOT NULL column without a default to {t}, and making a column NOT "
        "NULL rebuilds {t}, failing if any row holds NULL.",
        "MIG-04": "{t} is rebuilt row by row while the database is locked for writes.",
    },
    MSSQL: {
        "MIG-02": "If {t} has rows SQL Server refuses this, or reads all of {t} under a schema-modification "
        "lock.",
        "MIG-03": "Every write to {t} waits until the index operation finishes.",
        "MIG-04": "Reads and writes of {t} wait while the column changes, every row of it unless the change "
        "is metadata-only.",
        "MIG-06": "Every row of {t} is checked while reads and writes of it wait.",
        "MIG-07": "Writes to {t} wait while the unique index is built.",
        "MIG-08": "Every row of {t} is rewritten while reads and writes of it wait.",
    },
}
_CONSEQUENCES[MARIADB] = _CONSEQUENCES[MYSQL]


def effect(item: str, engine: str | None) -> str | None:
    """A finding title's effect for `item` on `engine`, or None for the checklist's own."""
    return _EFFECTS.get(engine or "", {}).get(item)


def consequence(item: str, engine: str | None) -> str | None:
    """What `item` does to table `{t}` on `engine`, or None for the checklist's own."""
    return _CONSEQUENCES.get(engine or "", {}).get(item)
