// clean: JS-SQL-STRING
import type { Knex } from "knex";

export async function monthlyTotals(knex: Knex, accountId: string, year: number) {
  const result = await knex.raw(
    "SELECT date_trunc('month', booked_at) AS month, sum(amount_cents) AS total " +
      "FROM ledger_entries WHERE account_id = ? AND extract(year FROM booked_at) = ? GROUP BY 1 ORDER BY 1",
    [accountId, year],
  );
  return result.rows;
}
