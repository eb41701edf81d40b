// Fixture for persona-review TypeScript checks. `// expect: ID` marks the line a finding must land on.
import { Pool } from "pg";

export async function findOrders(pool: Pool, customer: string): Promise<unknown[]> {
  const sql = "SELECT * FROM orders WHERE customer = '" + customer + "'"; // expect: JS-SQL-STRING
  const result = await pool.query(sql);
  const safe = await pool.query("SELECT * FROM orders WHERE customer = $1", [customer]);
  return [...result.rows, ...safe.rows];
}

export function read(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e: unknown) {} // expect: JS-EMPTY-CATCH
  return null;
}
