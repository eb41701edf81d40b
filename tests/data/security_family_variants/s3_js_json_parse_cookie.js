// clean: JS-UNSAFE-DESERIALIZATION
const express = require("express");
const cookieParser = require("cookie-parser");
const serialize = require("node-serialize");

const app = express();
app.use(cookieParser());

app.get("/profile", (req, res) => {
  const encoded = req.cookies.profile;
  if (!encoded) return res.status(401).end();
  const profile = JSON.parse(Buffer.from(encoded, "base64").toString());
  res.cookie("snapshot", serialize.serialize({ name: profile.name }));
  res.json({ name: String(profile.name) });
});

module.exports = app;
