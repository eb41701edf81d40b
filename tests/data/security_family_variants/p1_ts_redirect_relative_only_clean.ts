// clean: JS-OPEN-REDIRECT
import { Router } from "express";

export const session = Router();

session.get("/sso/callback", async (req, res) => {
  await completeSso(req);
  const next = typeof req.query.next === "string" ? req.query.next : "/";
  const safe = next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
  res.redirect(safe);
});
