"""What each migration-safety hazard does to a large live table, and the safe sequence instead.

Shared by the SQL (squawk and fallback), Django, Alembic and Rails checks so that the same hazard reads the
same way whatever framework wrote it. Keyed by checklist item (prompts/checklists/migration-safety.yml).
"""

from __future__ import annotations

from typing import NamedTuple


class Advice(NamedTuple):
    title: str
    why: str
    safe: str

    def text(self, detail: str = "") -> str:
        lead = f"{detail} " if detail else ""
        return f"{lead}{self.why} Safe sequence: {self.safe}"


ADVICE: dict[str, Advice] = {
    "MIG-00": Advice(
        "A json column on Postgres",
        "Postgres has no equality operator for json: a SELECT DISTINCT, UNION or GROUP BY over a row with "
        "this column (ORMs issue them for distinct/uniq queries) fails with \"could not identify an equality "
        "operator for type json\", and the value is stored as text and parsed on every read.",
        "use jsonb, which compares, indexes (GIN) and is stored parsed.",
    ),
    "MIG-01": Advice(
        "Drops a column or table that running code may still use",
        "During a deploy the old application version keeps running and still selects, inserts or caches "
        "this column/table; its queries start failing the moment the migration commits, and the data is "
        "gone with no way back but a restore.",
        "contract in a later deploy: first ship code that no longer reads or writes it (for Django/Rails, "
        "also tell the ORM to ignore the column), then drop it in a following release.",
    ),
    "MIG-02": Advice(
        "NOT NULL without a database default on an existing table",
        "Adding a NOT NULL column without a default fails on any non-empty table, and SET NOT NULL scans "
        "the whole table under an ACCESS EXCLUSIVE lock, blocking every read and write until it finishes; "
        "old code that inserts without the column also starts failing.",
        "add the column nullable (or with a constant default), backfill in batches, add "
        "CHECK (col IS NOT NULL) NOT VALID, VALIDATE it in a separate step, then SET NOT NULL "
        "(Postgres 12+ uses the validated check and skips the scan).",
    ),
    "MIG-03": Advice(
        "Index built or dropped without CONCURRENTLY on an existing table",
        "A plain CREATE/DROP INDEX (or REINDEX) holds a lock that blocks all writes to the table for the "
        "whole build, minutes to hours on a large table.",
        "on Postgres use CREATE INDEX CONCURRENTLY / DROP INDEX CONCURRENTLY, in a migration that does not "
        "run inside a transaction (Django AddIndexConcurrently with atomic = False, Alembic "
        "postgresql_concurrently=True in an autocommit block, Rails algorithm: :concurrently with "
        "disable_ddl_transaction!); MySQL/MariaDB build indexes online (ALGORITHM=INPLACE, LOCK=NONE). "
        "Set `database` in the config for advice that fits your engine.",
    ),
    "MIG-04": Advice(
        "Changes a column's type in place",
        "Most type changes rewrite the whole table and every index on it under an ACCESS EXCLUSIVE lock, "
        "and running code may not understand the new type.",
        "expand/contract: add a new column of the new type, write to both, backfill in batches, switch "
        "reads, then drop the old column in a later deploy.",
    ),
    "MIG-05": Advice(
        "Renames a column or table that running code uses",
        "The old application version still uses the old name; its queries fail from the moment the "
        "rename commits until every instance runs the new code.",
        "add the new column/table (or a view), write to both, backfill, move reads, then drop the old "
        "name in a later deploy.",
    ),
    "MIG-06": Advice(
        "Foreign key or check constraint validated while holding a lock",
        "Adding a validated constraint scans the whole table (and for a foreign key the referenced table) "
        "while holding locks that block writes on both.",
        "on Postgres add the constraint NOT VALID (validate: false), then VALIDATE CONSTRAINT in a separate "
        "migration/transaction, which only takes a light lock.",
    ),
    "MIG-07": Advice(
        "Unique constraint built while holding a lock",
        "Adding a UNIQUE (or PRIMARY KEY / exclusion) constraint builds its index under a lock that blocks "
        "writes for the whole build.",
        "build a unique index CONCURRENTLY first, then attach it with "
        "ADD CONSTRAINT ... UNIQUE USING INDEX (Rails: using_index).",
    ),
    "MIG-08": Advice(
        "Column added with a volatile default or a generated/serial value",
        "A volatile default (random(), uuid, clock_timestamp(), nextval/serial) or a stored generated "
        "column forces Postgres to rewrite every row under an ACCESS EXCLUSIVE lock.",
        "add the column without the default, set the default in a separate statement (new rows only), "
        "then backfill existing rows in batches.",
    ),
    "MIG-09": Advice(
        "Migration cannot be reversed",
        "A migration without a reverse turns a bad deploy into a one-way door: rolling back the release "
        "leaves the schema or data in the new shape.",
        "give every data migration a reverse (RunPython reverse_code / RunSQL reverse_sql, Alembic "
        "downgrade(), Rails down), even if it is a deliberate no-op.",
    ),
    "MIG-10": Advice(
        "Unbounded raw SQL in a migration",
        "Raw SQL bypasses the framework's safety checks, and a single statement touching every row holds "
        "its locks and its transaction for the whole run.",
        "review it like a schema change; backfill in bounded batches outside the migration transaction.",
    ),
    "MIG-11": Advice(
        "ACCESS EXCLUSIVE lock without lock_timeout",
        "Waiting for an ACCESS EXCLUSIVE lock behind a long query queues every later query on the table.",
        "SET lock_timeout (e.g. '5s') before the statement and retry the migration if it times out.",
    ),
    "MIG-12": Advice(
        "Concurrent index operation inside a transaction",
        "CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction block; the migration fails, "
        "and with a migration tool that wraps files in BEGIN/COMMIT it fails every time.",
        "run it in its own migration with the transaction disabled (Django atomic = False, Alembic "
        "autocommit_block(), Rails disable_ddl_transaction!, Flyway/Liquibase non-transactional mode).",
    ),
}


def advice(item: str) -> Advice:
    return ADVICE[item]
