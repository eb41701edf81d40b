// clean: JS-SQL-STRING
// path: src/routes/invoices.ts
import Router from "@koa/router";
import { pool } from "../db";

const router = new Router({ prefix: "/invoices" });

router.get("/:id", async (ctx) => {
  const { rows } = await pool.query(
    "SELECT id, number, total_cents FROM invoices WHERE id = $1 AND org_id = $2",
    [ctx.params.id, ctx.state.user.orgId],
  );
  if (rows.length === 0) {
    ctx.throw(404);
  }
  ctx.body = rows[0];
});

router.get("/", async (ctx) => {
  const status = String(ctx.query.status ?? "open");
  const { rows } = await pool.query(
    `SELECT id, number, status
       FROM invoices
      WHERE org_id = $1 AND status = $2
      ORDER BY created_at DESC
      LIMIT 50`,
    [ctx.state.user.orgId, status],
  );
  ctx.body = rows;
});

export default router;
