// clean: JS-SSRF
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";

export const documents = new Hono();
const STORAGE = "https://storage.partner-docs.example.com/objects/";

async function download(key: string): Promise<Uint8Array> {
  const res = await fetch(STORAGE + encodeURIComponent(key), { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new HTTPException(422, { message: `download failed (${res.status})` });
  return new Uint8Array(await res.arrayBuffer());
}

documents.post("/documents", async (c) => {
  const { kind, objectKey } = await c.req.json<{ kind: string; objectKey: string }>();
  const bytes = await download(objectKey);
  return c.json({ kind, size: bytes.byteLength }, 201);
});
