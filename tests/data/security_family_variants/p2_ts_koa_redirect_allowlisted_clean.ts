// clean: JS-OPEN-REDIRECT
// path: src/routes/oauth.ts
import Router from "@koa/router";

const router = new Router();

const RETURN_PATHS = new Set(["/settings/integrations", "/onboarding/connect", "/dashboard"]);

router.get("/oauth/callback", async (ctx) => {
  const state = await ctx.state.oauth.consume(String(ctx.query.state));
  await ctx.state.oauth.exchange(String(ctx.query.code), state);
  const returnTo = typeof state.returnTo === "string" && RETURN_PATHS.has(state.returnTo) ? state.returnTo : "/dashboard";
  ctx.redirect(returnTo);
});

export default router;
