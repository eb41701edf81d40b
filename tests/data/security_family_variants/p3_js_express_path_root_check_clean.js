// clean: JS-PATH-TRAVERSAL
const path = require("node:path");
const express = require("express");

const router = express.Router();
const ROOT = path.resolve(process.env.ATTACHMENTS_DIR || "./var/attachments");

router.get("/attachments/:name", (req, res) => {
  const target = path.resolve(ROOT, req.params.name);
  if (!target.startsWith(ROOT + path.sep)) {
    return res.status(400).json({ error: "bad name" });
  }
  res.sendFile(target);
});

module.exports = router;
