const express = require('express');

const router = express.Router();

router.post('/webhooks/carrier', express.json(), async (req, res, next) => { // expect: JS-WEBHOOK-UNVERIFIED
  const { orderRef, state } = req.body;
  try {
    if (state === 'delivered') await orders.markDelivered(orderRef);
    res.sendStatus(204);
  } catch (err) {
    next(err);
  }
});

router.post('/webhooks/billing', requireBillingSignature, async (req, res, next) => {
  try {
    await invoices.markPaid(req.body.invoiceId);
    res.sendStatus(204);
  } catch (err) {
    next(err);
  }
});

router.post('/webhooks/ping', (req, res) => {
  res.sendStatus(204);
});

router.post('/orders', async (req, res, next) => {
  try {
    const order = await orders.place({ sku: String(req.body.sku), qty: Number(req.body.qty) });
    res.status(201).json({ id: order.id });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
