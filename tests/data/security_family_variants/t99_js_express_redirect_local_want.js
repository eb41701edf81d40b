// want: JS-OPEN-REDIRECT
const express = require("express");
const passport = require("passport");

const router = express.Router();

router.post("/login", passport.authenticate("local", { failureRedirect: "/login?error=1" }), (req, res) => {
  const target = req.query.returnTo || "/dashboard";
  req.session.lastLoginAt = Date.now();
  res.redirect(target);
});

module.exports = router;
