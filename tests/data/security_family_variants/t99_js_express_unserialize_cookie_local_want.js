// want: JS-UNSAFE-DESERIALIZATION
const express = require("express");
const cookieParser = require("cookie-parser");
const serialize = require("node-serialize");

const app = express();
app.use(cookieParser());

app.get("/preferences", (req, res) => {
  const raw = Buffer.from(req.cookies.prefs || "", "base64").toString("utf8");
  const prefs = raw ? serialize.unserialize(raw) : {};
  res.json({ theme: prefs.theme || "light", locale: prefs.locale || "en" });
});

module.exports = app;
