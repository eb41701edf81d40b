// want: JS-CODE-INJECTION
const express = require("express");
const _ = require("lodash");
const { sendMail } = require("../mailer");

const router = express.Router();

router.post("/campaigns/preview", async (req, res) => {
  const source = req.body.template;
  const render = _.template(source);
  const html = render({ firstName: "Ada", company: req.user.company });
  await sendMail({ to: req.user.email, subject: "Preview", html });
  res.json({ html });
});

module.exports = router;
