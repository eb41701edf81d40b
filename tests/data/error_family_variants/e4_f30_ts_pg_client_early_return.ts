// want: JS-POOL-CLIENT-NOT-RELEASED
import { Pool } from "pg";

const pool = new Pool();

export async function reserveSeat(showId: string, seat: string): Promise<boolean> {
  const client = await pool.connect();
  const { rows } = await client.query("SELECT taken FROM seats WHERE show_id = $1 AND seat = $2", [showId, seat]);
  if (rows.length === 0 || rows[0].taken) {
    return false;
  }
  await client.query("UPDATE seats SET taken = true WHERE show_id = $1 AND seat = $2", [showId, seat]);
  client.release();
  return true;
}
