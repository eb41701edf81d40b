# clean: PY-LOCK-HELD-ON-RETURN (the connection goes back to the pool in finally)
from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(1, 10, dsn=DSN)


def account_balance(account_id: int):
    conn = pool.getconn()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT balance FROM accounts WHERE id = %s", (account_id,))
            row = cur.fetchone()
        return None if row is None else row[0]
    finally:
        pool.putconn(conn)
