// want: JS-LOOKUP-IGNORES-CALLER
// path: src/routes/addresses.js
const router = require("express").Router();
const db = require("../db");
const { requireLogin } = require("../middleware/auth");

router.get("/addresses", requireLogin, async (req, res) => {
  res.json(await db("addresses").where({ customer_id: req.user.customerId }));
});

router.put("/addresses/:id", requireLogin, async (req, res) => {
  const { line1, city, postcode } = req.body;
  const updated = await db("addresses").where({ id: req.params.id }).update({ line1, city, postcode });
  if (!updated) return res.sendStatus(404);
  res.sendStatus(204);
});

module.exports = router;
