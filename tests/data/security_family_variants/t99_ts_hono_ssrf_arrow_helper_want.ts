// want: JS-SSRF
import { Hono } from "hono";

export const images = new Hono();

const fetchImage = async (src: string) => {
  const res = await fetch(src, { signal: AbortSignal.timeout(8000) });
  if (!res.ok) throw new Error(`upstream ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
};

images.get("/proxy", async (c) => {
  const src = c.req.query("src") ?? "";
  const bytes = await fetchImage(src);
  return c.body(bytes, 200, { "Content-Type": "image/webp", "Cache-Control": "public, max-age=3600" });
});
