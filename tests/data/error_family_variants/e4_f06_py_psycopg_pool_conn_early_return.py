# want: PY-LOCK-HELD-ON-RETURN
from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(1, 10, dsn=DSN)


def account_balance(account_id: int):
    conn = pool.getconn()
    cur = conn.cursor()
    cur.execute("SELECT balance FROM accounts WHERE id = %s", (account_id,))
    row = cur.fetchone()
    if row is None:
        return None
    pool.putconn(conn)
    return row[0]
