// clean: JS-SSRF
import { Router } from "express";

const ALLOWED = new Set(["api.stripe.com", "hooks.slack.com"]);
export const proxy = Router();

proxy.post("/integrations/test", async (req, res) => {
  let url: URL;
  try {
    url = new URL(String(req.body.url));
  } catch {
    res.status(400).json({ error: "invalid url" });
    return;
  }
  if (url.protocol !== "https:" || !ALLOWED.has(url.hostname)) {
    res.status(400).json({ error: "host not allowed" });
    return;
  }
  const upstream = await fetch(url, { signal: AbortSignal.timeout(5000) });
  res.status(upstream.ok ? 204 : 502).end();
});
