// clean: JS-TIMING-COMPARE
import { createHmac, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";

export const hooks = new Hono();

function verify(raw: string, header: string, secret: string): boolean {
  const expected = Buffer.from(createHmac("sha256", secret).update(raw).digest("hex"));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

hooks.post("/hooks/postmark", async (c) => {
  const raw = await c.req.text();
  if (!verify(raw, c.req.header("x-postmark-signature") ?? "", c.env.POSTMARK_SECRET)) {
    return c.text("bad signature", 401);
  }
  await c.env.QUEUE.send(JSON.parse(raw));
  return c.body(null, 204);
});
