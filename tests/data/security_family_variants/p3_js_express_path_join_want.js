// want: JS-PATH-TRAVERSAL
const path = require("node:path");
const express = require("express");

const router = express.Router();
const ROOT = path.resolve(process.env.ATTACHMENTS_DIR || "./var/attachments");

router.get("/attachments", (req, res) => {
  const target = path.join(ROOT, req.query.name);
  res.sendFile(target);
});

module.exports = router;
