// want: JS-ROUTE-NO-AUTH
// path: src/routes/admin.js
const { Router } = require("express");
const { isAuthenticated, isAdmin } = require("../middleware/session");
const stats = require("../services/stats");
const search = require("../services/search");

const router = Router();

router.get("/admin/stats", isAuthenticated, isAdmin, async (req, res) => {
  res.json(await stats.summary());
});

router.post("/admin/cache/flush", isAuthenticated, isAdmin, async (req, res) => {
  await stats.flushCache();
  res.sendStatus(204);
});

router.post("/admin/search/reindex", isAuthenticated, async (req, res) => {
  await search.reindexAll();
  res.sendStatus(202);
});

module.exports = router;
