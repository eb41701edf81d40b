// clean: JS-SQL-STRING
const Router = require("@koa/router");
const knex = require("../db");

const router = new Router();

router.get("/projects/recent", async (ctx) => {
  const limit = Number.parseInt(ctx.query.limit, 10) || 20;
  const offset = Number(ctx.query.offset) || 0;
  const sql = `SELECT id, name FROM projects WHERE archived = false ORDER BY updated_at DESC LIMIT ${limit} OFFSET ${offset}`;
  const result = await knex.raw(sql);
  ctx.body = result.rows;
});

module.exports = router;
