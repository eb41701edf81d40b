// want: JS-SSRF
import axios from "axios";
import { Router } from "express";

export const router = Router();

router.post("/integrations/test", async (req, res) => {
  const client = axios.create({
    baseURL: req.body.instanceUrl,
    timeout: 5000,
    headers: { Authorization: `Bearer ${req.body.apiKey}` },
  });
  const { data } = await client.get("/api/v1/status");
  res.json({ ok: true, version: data.version });
});
