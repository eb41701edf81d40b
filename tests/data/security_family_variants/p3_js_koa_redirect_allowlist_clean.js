// clean: JS-OPEN-REDIRECT
const Router = require("@koa/router");
const { completeLogin } = require("../auth");

const RETURN_HOSTS = new Set(["app.example.com", "admin.example.com"]);
const router = new Router();

router.get("/sso/return", async (ctx) => {
  await completeLogin(ctx);
  let dest = "/";
  try {
    const url = new URL(ctx.query.return_to || "/", "https://app.example.com");
    if (url.protocol === "https:" && RETURN_HOSTS.has(url.host)) dest = url.toString();
  } catch {
    dest = "/";
  }
  ctx.redirect(dest);
});

module.exports = router;
