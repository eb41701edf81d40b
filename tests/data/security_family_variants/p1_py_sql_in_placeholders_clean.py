# clean: PY-SQL-STRING
import sqlite3


def mark_read(conn: sqlite3.Connection, user_id: int, ids: list[int]) -> int:
    if not ids:
        return 0
    marks = ", ".join("?" for _ in ids)
    cur = conn.execute(
        f"UPDATE notification SET read = 1 WHERE user_id = ? AND id IN ({marks})",
        [user_id, *ids],
    )
    conn.commit()
    return cur.rowcount
