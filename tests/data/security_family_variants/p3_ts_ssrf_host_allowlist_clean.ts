// clean: JS-SSRF
import { Router } from "express";

const ALLOWED_HOSTS = new Set(["hooks.slack.com", "discord.com"]);
export const router = Router();

router.post("/integrations/test", async (req, res) => {
  let target: URL;
  try {
    target = new URL(String(req.body.url));
  } catch {
    return res.status(400).json({ error: "invalid url" });
  }
  if (target.protocol !== "https:" || !ALLOWED_HOSTS.has(target.hostname)) {
    return res.status(400).json({ error: "unsupported destination" });
  }
  const resp = await fetch(target, { method: "POST", body: JSON.stringify({ text: "ping" }), redirect: "error", signal: AbortSignal.timeout(5000) });
  res.json({ status: resp.status });
});
