// clean: JS-SQL-STRING
// path: src/routes/api/orders/+server.ts
import { json } from "@sveltejs/kit";
import type { RequestHandler } from "./$types";
import { pool } from "$lib/server/db";

export const GET: RequestHandler = async ({ url, locals }) => {
  const status = url.searchParams.get("status") ?? "open";
  const { rows } = await pool.query(
    "SELECT id, total, status FROM orders WHERE customer_id = $1 AND status = $2 ORDER BY created_at DESC",
    [locals.user.id, status],
  );
  return json(rows);
};
