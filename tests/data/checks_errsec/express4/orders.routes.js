// Fixture for async Express 4 handlers (run with the change's Express major version 4). `// expect: ID` marks the line a finding must land on.
const express = require("express");
const asyncHandler = require("express-async-handler");
const db = require("./db");

const router = express.Router();

router.get("/orders/:id", auth, async (req, res) => { // expect: JS-ASYNC-HANDLER-REJECTION
  const order = await db.orders.find(req.params.id);
  res.json(order);
});

router.post(
  "/orders",
  async (req, res, next) => { // expect: JS-ASYNC-HANDLER-REJECTION
    if (!req.body.items) {
      throw new Error("no items");
    }
    res.status(201).json(await db.orders.create(req.body));
  },
);

router.delete("/orders/:id", async (req, res, next) => {
  try {
    await db.orders.remove(req.params.id);
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

router.put("/orders/:id", asyncHandler(async (req, res) => {
  res.json(await db.orders.update(req.params.id, req.body));
}));

router.get("/health", async (req, res) => {
  res.json({ ok: true });
});

router.get("/stats", async (req, res) => {
  const stats = await db.stats().catch(() => ({}));
  setTimeout(async () => {
    await db.refreshStats();
  }, 0);
  res.json(stats);
});

module.exports = router;
