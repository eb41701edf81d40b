// clean: JS-LOOKUP-IGNORES-CALLER
// path: src/routes/receipts.js
const router = require("express").Router();
const { Receipt } = require("../models");
const authenticate = require("../middleware/authenticate");

router.get("/receipts/:id/download", authenticate, async (req, res, next) => {
  try {
    const receipt = await Receipt.findOne({ where: { id: req.params.id, accountId: req.user.accountId } });
    if (!receipt) return res.sendStatus(404);
    res.attachment(`receipt-${receipt.number}.pdf`);
    res.send(await receipt.renderPdf({ locale: req.user.locale }));
  } catch (err) {
    next(err);
  }
});

module.exports = router;
