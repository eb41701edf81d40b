// clean: JS-TIMING-COMPARE
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Request, Response } from "express";
import { enqueueShipmentUpdate } from "../jobs";

const SECRET = process.env.CARRIER_WEBHOOK_SECRET!;

export async function carrierWebhook(req: Request, res: Response) {
  const signature = Buffer.from(req.get("x-carrier-signature") ?? "", "hex");
  const expected = createHmac("sha256", SECRET).update(req.body as Buffer).digest();
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
    return res.sendStatus(401);
  }
  await enqueueShipmentUpdate(JSON.parse((req.body as Buffer).toString("utf8")));
  res.sendStatus(204);
}
