// clean: JS-LOOKUP-IGNORES-CALLER
// path: src/routes/me.ts
import { Router } from "express";
import { prisma } from "../lib/prisma";
import { requireAuth } from "../middleware/require-auth";

export const me = Router();

me.patch("/me/preferences", requireAuth, async (req, res) => {
  const user = await prisma.user.update({
    where: { id: req.user!.id },
    data: { timezone: req.body.timezone, locale: req.body.locale },
  });
  res.json({ timezone: user.timezone, locale: user.locale });
});
