// clean: JS-SQL-STRING
import type { FastifyInstance } from "fastify";

function sortColumn(sort: unknown): string {
  switch (sort) {
    case "amount":
      return "amount_cents";
    case "due":
      return "due_date";
    default:
      return "created_at";
  }
}

export default async function invoices(app: FastifyInstance) {
  app.get<{ Querystring: { sort?: string; dir?: string } }>("/invoices", async (req) => {
    const column = sortColumn(req.query.sort);
    const dir = req.query.dir === "asc" ? "ASC" : "DESC";
    const { rows } = await app.pg.query(
      `SELECT id, number, amount_cents, due_date FROM invoices WHERE account_id = $1 ORDER BY ${column} ${dir} LIMIT 100`,
      [req.user.accountId],
    );
    return rows;
  });
}
