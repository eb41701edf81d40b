// want: JS-SSRF
import { Router } from "express";

export const router = Router();

router.post("/integrations/test", async (req, res) => {
  const resp = await fetch(String(req.body.url), { method: "POST", body: JSON.stringify({ text: "ping" }) });
  res.json({ status: resp.status });
});
