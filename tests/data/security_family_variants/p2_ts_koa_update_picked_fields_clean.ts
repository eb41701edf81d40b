// clean: JS-MASS-ASSIGNMENT
// path: src/routes/profile.ts
import Router from "@koa/router";

import { User } from "../models/user";

const router = new Router();
const EDITABLE = ["displayName", "bio", "timezone", "avatarUrl"] as const;

router.patch("/profile", async (ctx) => {
  const body = ctx.request.body as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const key of EDITABLE) {
    if (key in body) changes[key] = body[key];
  }
  const user = await User.findByPk(ctx.state.user.id);
  if (!user) ctx.throw(404);
  await user.update(changes);
  ctx.body = user;
});

export default router;
