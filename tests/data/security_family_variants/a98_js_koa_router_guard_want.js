// want: JS-ROUTE-NO-AUTH
// path: src/routes/coupons.js
const Router = require("@koa/router");
const { requireStaff } = require("../middleware/auth");
const coupons = require("../services/coupons");

const router = new Router({ prefix: "/coupons" });

router.get("/", requireStaff, async (ctx) => {
  ctx.body = await coupons.list();
});

router.post("/", requireStaff, async (ctx) => {
  ctx.body = await coupons.create(ctx.request.body);
  ctx.status = 201;
});

router.post("/:code/extend", async (ctx) => {
  ctx.body = await coupons.extend(ctx.params.code, ctx.request.body.days);
});

module.exports = router;
