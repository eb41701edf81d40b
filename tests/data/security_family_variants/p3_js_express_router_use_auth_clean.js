// clean: JS-ROUTE-NO-AUTH
const express = require("express");
const { requireAuth } = require("../middleware/auth");
const billing = require("../services/billing");

const router = express.Router();
router.use(requireAuth);

router.get("/subscription", async (req, res) => {
  res.json(await billing.subscriptionFor(req.user.accountId));
});

router.post("/subscription/cancel", async (req, res) => {
  await billing.cancel(req.user.accountId);
  res.status(204).end();
});

module.exports = router;
