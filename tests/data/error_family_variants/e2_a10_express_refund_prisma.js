// want: ANY-FAILURE-MARKED-DONE
const express = require("express");
const { prisma } = require("../db");
const { paypal } = require("../paypal");

const router = express.Router();

router.post("/orders/:id/cancel", async (req, res, next) => {
  try {
    const order = await prisma.order.findUnique({ where: { id: req.params.id } });
    try {
      await paypal.voidAuthorization(order.authorizationId);
    } catch (err) {
      req.log.warn({ err }, "void failed");
    }
    const saved = await prisma.order.update({
      where: { id: order.id },
      data: { status: "VOIDED", voidedAt: new Date() },
    });
    res.json(saved);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
