// want: JS-UNSAFE-DESERIALIZATION
const express = require("express");
const cookieParser = require("cookie-parser");
const serialize = require("node-serialize");

const app = express();
app.use(cookieParser());

app.get("/profile", (req, res) => {
  const encoded = req.cookies.profile;
  if (!encoded) return res.status(401).end();
  const profile = serialize.unserialize(Buffer.from(encoded, "base64").toString());
  res.json({ name: profile.name });
});

module.exports = app;
