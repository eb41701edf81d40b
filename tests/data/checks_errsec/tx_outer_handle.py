async def transfer(pool, src: int, dst: int, amount: int) -> None:
    async with pool.acquire() as conn:
        async with conn.transaction():
            await conn.execute("UPDATE accounts SET balance = balance - $2 WHERE id = $1", src, amount)
            await pool.execute("UPDATE accounts SET balance = balance + $2 WHERE id = $1", dst, amount)  # expect: PY-TX-OUTER-HANDLE


async def transfer_on_conn(pool, src: int, dst: int, amount: int) -> None:
    async with pool.acquire() as conn:
        async with conn.transaction():
            await conn.execute("UPDATE accounts SET balance = balance - $2 WHERE id = $1", src, amount)
            await conn.execute("UPDATE accounts SET balance = balance + $2 WHERE id = $1", dst, amount)
    await pool.execute("INSERT INTO transfer_log (src, dst) VALUES ($1, $2)", src, dst)
