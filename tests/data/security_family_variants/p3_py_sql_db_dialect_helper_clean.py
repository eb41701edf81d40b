# clean: PY-SQL-STRING
from time import time

from app.db import Connection, db


async def purge_expired_sessions(conn: Connection | None = None) -> int:
    result = await (conn or db).execute(
        f"""
        DELETE FROM sessions
        WHERE expires_at < {db.timestamp_placeholder("now")}
        """,
        {"now": int(time())},
    )
    return result.rowcount


async def m012_create_api_keys(db: Connection) -> None:
    await db.execute(
        f"""
        CREATE TABLE IF NOT EXISTS api_keys (
            id {db.serial_primary_key},
            owner TEXT NOT NULL,
            created_at TIMESTAMP NOT NULL DEFAULT {db.timestamp_column_default}
        );
        """
    )
