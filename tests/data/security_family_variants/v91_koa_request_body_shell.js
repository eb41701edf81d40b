// want: JS-SHELL-INJECTION
const Router = require("@koa/router");
const { exec } = require("node:child_process");
const { promisify } = require("node:util");

const run = promisify(exec);
const router = new Router();

router.post("/thumbnails", async (ctx) => {
  const { source, size } = ctx.request.body;
  const { stdout } = await run(`convert ${source} -resize ${size} /tmp/thumb.png`);
  ctx.body = { ok: true, log: stdout };
});

module.exports = router;
