// clean: JS-SSRF
import { Hono } from "hono";

const app = new Hono();
const ALLOWED_HOSTS = new Set(["images.example.com", "cdn.example.com"]);

app.get("/api/unfurl", async (c) => {
  const target = c.req.query("url");
  if (!target) {
    return c.json({ error: "url is required" }, 400);
  }
  const parsed = new URL(target);
  if (parsed.protocol !== "https:" || !ALLOWED_HOSTS.has(parsed.hostname)) {
    return c.json({ error: "host not allowed" }, 400);
  }
  const upstream = await fetch(parsed, { headers: { accept: "text/html" } });
  const html = await upstream.text();
  const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? null;
  return c.json({ title });
});

export default app;
