// clean: JS-SSRF
import { Router } from "express";
import axios from "axios";

export const webhooks = Router();

webhooks.post("/webhooks/test", async (req, res) => {
  const endpoint: string = req.body.endpoint;
  if (!endpoint.startsWith("https://hooks.slack.com/")) {
    return res.status(400).json({ error: "only Slack incoming webhooks are supported" });
  }
  const result = await axios.post(endpoint, { event: "ping" }, { timeout: 5000 });
  res.json({ status: result.status });
});
