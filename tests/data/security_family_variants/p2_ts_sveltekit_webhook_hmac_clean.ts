// clean: JS-WEBHOOK-UNVERIFIED
// path: src/routes/api/webhooks/billing/+server.ts
import { createHmac, timingSafeEqual } from "node:crypto";

import { env } from "$env/dynamic/private";
import { error, json } from "@sveltejs/kit";

import type { RequestHandler } from "./$types";

export const POST: RequestHandler = async ({ request }) => {
  const raw = await request.text();
  const given = Buffer.from(request.headers.get("x-billing-signature") ?? "", "hex");
  const expected = createHmac("sha256", env.BILLING_WEBHOOK_SECRET).update(raw).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw error(401, "bad signature");
  }
  const event = JSON.parse(raw);
  await handleBillingEvent(event);
  return json({ received: true });
};
