// want: JS-CODE-INJECTION
const express = require("express");
const _ = require("lodash");

const router = express.Router();

router.get("/banner", (req, res) => {
  const compiled = _.template(req.query.text || "Hello <%= name %>");
  res.send(compiled({ name: "visitor" }));
});

module.exports = router;
