// clean: JS-TEMPLATE-INJECTION
const nunjucks = require("nunjucks");
const express = require("express");

const env = nunjucks.configure("views", { autoescape: true });
const router = express.Router();

router.get("/preview", (req, res) => {
  const html = env.render("email/preview.njk", { title: req.query.title, body: req.query.body });
  res.type("html").send(html);
});

module.exports = router;
