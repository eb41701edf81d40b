// want: JS-SSRF
import { Router } from "express";

const ALLOWED = new Set(["api.stripe.com", "hooks.slack.com"]);
export const proxy = Router();

proxy.post("/integrations/test", async (req, res) => {
  const callback = new URL(String(req.body.callback));
  const target = new URL(String(req.body.url));
  if (!ALLOWED.has(callback.hostname)) {
    res.status(400).json({ error: "host not allowed" });
    return;
  }
  const upstream = await fetch(target, { signal: AbortSignal.timeout(5000) });
  res.status(upstream.ok ? 204 : 502).end();
});
