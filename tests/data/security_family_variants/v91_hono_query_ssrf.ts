// want: JS-SSRF
import { Hono } from "hono";

const app = new Hono();

app.get("/api/unfurl", async (c) => {
  const target = c.req.query("url");
  if (!target) {
    return c.json({ error: "url is required" }, 400);
  }
  const upstream = await fetch(target, { headers: { accept: "text/html" } });
  const html = await upstream.text();
  const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? null;
  return c.json({ title });
});

export default app;
