// want: JS-WEBHOOK-UNVERIFIED
const crypto = require("crypto");
const express = require("express");
const { recordPayment } = require("../services/payments");

const router = express.Router();

router.post("/webhooks/payments", express.json(), async (req, res) => {
  const signature = req.get("X-Signature") || "";
  const expected = crypto
    .createHmac("sha256", process.env.PAYMENTS_WEBHOOK_SECRET)
    .update(JSON.stringify(req.body))
    .digest("hex");
  const ok = signature.length === expected.length &&
    crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
  if (!ok) return res.sendStatus(401);
  await recordPayment(req.body);
  res.sendStatus(200);
});

module.exports = router;
