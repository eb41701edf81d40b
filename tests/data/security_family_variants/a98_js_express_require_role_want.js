// want: JS-ROUTE-NO-AUTH
// path: src/routes/users.js
const express = require("express");
const { requireRole } = require("../middleware/auth");
const users = require("../services/users");

const router = express.Router();

router.get("/", requireRole("admin"), async (req, res) => {
  res.json(await users.list());
});

router.post("/:id/lock", requireRole("admin"), async (req, res) => {
  await users.lock(req.params.id);
  res.sendStatus(204);
});

router.delete("/:id", async (req, res) => {
  await users.remove(req.params.id);
  res.sendStatus(204);
});

module.exports = router;
