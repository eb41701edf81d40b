// clean: JS-SHELL-INJECTION
const Router = require("@koa/router");
const { execFile } = require("node:child_process");
const { promisify } = require("node:util");

const run = promisify(execFile);
const router = new Router();
const SIZES = ["64x64", "128x128", "256x256"];

router.post("/thumbnails", async (ctx) => {
  const { size } = ctx.request.body;
  if (!SIZES.includes(size)) {
    ctx.throw(400, "unsupported size");
  }
  const { stdout } = await run("convert", ["/srv/uploads/current.png", "-resize", size, "/tmp/thumb.png"]);
  ctx.body = { ok: true, log: stdout };
});

module.exports = router;
