// clean: JS-OPEN-REDIRECT
const express = require("express");
const passport = require("passport");

const router = express.Router();

function safeReturnPath(value) {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return "/dashboard";
  }
  return value;
}

router.post("/login", passport.authenticate("local", { failureRedirect: "/login?error=1" }), (req, res) => {
  const target = safeReturnPath(req.query.returnTo);
  req.session.lastLoginAt = Date.now();
  res.redirect(target);
});

module.exports = router;
