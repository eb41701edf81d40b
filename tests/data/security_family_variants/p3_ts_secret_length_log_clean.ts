// clean: JS-SECRET-IN-LOG
import { createHash } from "node:crypto";
import pino from "pino";

const log = pino();

export function loadStripeKey(): string {
  const key = process.env.STRIPE_SECRET_KEY;
  if (!key) throw new Error("STRIPE_SECRET_KEY is required");
  const fingerprint = createHash("sha256").update(key).digest("hex").slice(0, 10);
  log.info({ keyLength: key.length, fingerprint, live: key.startsWith("sk_live_") }, "stripe key loaded");
  return key;
}
