// want: JS-SQL-STRING
import type { FastifyInstance } from "fastify";

export default async function invoices(app: FastifyInstance) {
  app.get<{ Querystring: { sort?: string } }>("/invoices", async (req) => {
    const { rows } = await app.pg.query(
      `SELECT id, number, amount_cents FROM invoices WHERE account_id = $1 ORDER BY ${req.query.sort} LIMIT 100`,
      [req.user.accountId],
    );
    return rows;
  });
}
