// clean: JS-SSRF
import { Hono } from "hono";

export const images = new Hono();
const CDN_BASE = "https://cdn.example-media.com/assets";

const fetchImage = async (assetId: string) => {
  const res = await fetch(`${CDN_BASE}/${encodeURIComponent(assetId)}`, { signal: AbortSignal.timeout(8000) });
  if (!res.ok) throw new Error(`upstream ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
};

images.get("/proxy", async (c) => {
  const id = c.req.query("id") ?? "";
  const bytes = await fetchImage(id);
  return c.body(bytes, 200, { "Content-Type": "image/webp" });
});
