// clean: JS-UNSAFE-DESERIALIZATION
const express = require("express");
const cookieParser = require("cookie-parser");

const app = express();
app.use(cookieParser(process.env.COOKIE_SECRET));

app.get("/preferences", (req, res) => {
  const raw = req.signedCookies.prefs || "";
  let prefs = {};
  try {
    prefs = raw ? JSON.parse(Buffer.from(raw, "base64").toString("utf8")) : {};
  } catch {
    prefs = {};
  }
  res.json({ theme: prefs.theme || "light", locale: prefs.locale || "en" });
});

module.exports = app;
