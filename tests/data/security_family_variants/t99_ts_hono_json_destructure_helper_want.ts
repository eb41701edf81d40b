// want: JS-SSRF
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";

export const documents = new Hono();

async function download(url: string): Promise<Uint8Array> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new HTTPException(422, { message: `download failed (${res.status})` });
  return new Uint8Array(await res.arrayBuffer());
}

documents.post("/documents", async (c) => {
  const { kind, sourceUrl } = await c.req.json<{ kind: string; sourceUrl: string }>();
  const bytes = await download(sourceUrl);
  return c.json({ kind, size: bytes.byteLength }, 201);
});
