// want: JS-SECRET-IN-LOG
const express = require("express");
const router = express.Router();

router.post("/partner/orders", async (req, res) => {
  console.log("partner order received", req.headers);
  const order = await req.app.locals.orders.create(req.body);
  res.status(201).json({ id: order.id });
});

module.exports = router;
