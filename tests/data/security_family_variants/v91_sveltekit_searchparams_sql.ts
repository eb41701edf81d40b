// want: JS-SQL-STRING
// path: src/routes/api/orders/+server.ts
import { json } from "@sveltejs/kit";
import type { RequestHandler } from "./$types";
import { pool } from "$lib/server/db";

export const GET: RequestHandler = async ({ url, locals }) => {
  const sort = url.searchParams.get("sort") ?? "created_at";
  const { rows } = await pool.query(
    `SELECT id, total, status FROM orders WHERE customer_id = $1 ORDER BY ${sort} DESC`,
    [locals.user.id],
  );
  return json(rows);
};
