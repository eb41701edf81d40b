// want: JS-TIMING-COMPARE
import { createHmac } from "node:crypto";
import type { Request, Response } from "express";
import { enqueueShipmentUpdate } from "../jobs";

const SECRET = process.env.CARRIER_WEBHOOK_SECRET!;

export async function carrierWebhook(req: Request, res: Response) {
  const signature = req.get("x-carrier-signature") ?? "";
  const expected = createHmac("sha256", SECRET).update(req.body as Buffer).digest("hex");
  if (signature !== expected) {
    return res.sendStatus(401);
  }
  await enqueueShipmentUpdate(JSON.parse((req.body as Buffer).toString("utf8")));
  res.sendStatus(204);
}
