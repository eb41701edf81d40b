// clean: JS-POOL-CLIENT-NOT-RELEASED (rollback on failure, release in finally)
import { Pool } from 'pg';

const pool = new Pool();

export async function transfer(fromId: string, toId: string, cents: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [cents, fromId]);
    await client.query('UPDATE accounts SET balance = balance + $1 WHERE id = $2', [cents, toId]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}
