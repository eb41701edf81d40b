const express = require("express");

const router = express.Router();
const lastSeen = new Map();
const carts = new Map();
const handlers = new Map();
handlers.set("default", () => null);

router.post("/seen", (req, res) => {
  lastSeen.set(req.body.deviceId, Date.now()); // expect: JS-MODULE-CACHE-UNBOUNDED
  carts.set(req.body.cartId, req.body.items);
  setInterval(() => pushStatus(req.body.deviceId), 30000); // expect: JS-INTERVAL-PER-REQUEST
  res.status(204).end();
});

router.delete("/carts/:id", (req, res) => {
  carts.delete(req.params.id);
  res.status(204).end();
});

module.exports = router;
