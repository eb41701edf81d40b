// want: JS-SQL-STRING
const Router = require("@koa/router");
const knex = require("../db");

const router = new Router();

function ownerClause(filters) {
  return `owner_id = '${filters.owner}'`;
}

router.post("/projects/search", async (ctx) => {
  const filters = ctx.request.body;
  const result = await knex.raw(`SELECT id, name FROM projects WHERE ${ownerClause(filters)} AND archived = false`);
  ctx.body = result.rows;
});

module.exports = router;
