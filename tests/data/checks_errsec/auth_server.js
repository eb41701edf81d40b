// Express fixture: secrets that fall back to literals, secrets in logs, error details in responses.
const express = require("express");
const app = express();

const JWT_SECRET = process.env.JWT_SECRET || "dev-signing-secret"; // expect: JS-SECRET-FALLBACK
const STRIPE_KEY = process.env["STRIPE_API_KEY"] ?? "local-stripe"; // expect: JS-SECRET-FALLBACK
const { SESSION_SIGNING = "keyboard-cat", HOST = "0.0.0.0" } = process.env; // expect: JS-SECRET-FALLBACK
const PORT = process.env.PORT || "3000";
const ISSUER = process.env.JWT_ISSUER || "auth.example.com";
const DB_PASSWORD = process.env.DB_PASSWORD || "";
const REQUIRED = process.env.JWT_SECRET;
const REFRESH_SECRET =
  process.env.REFRESH_TOKEN_SECRET || // expect: JS-SECRET-FALLBACK
  "refresh-dev-only";

app.post("/login", async (req, res) => {
  const { email, password } = req.body;
  console.log("login attempt", email, password); // expect: JS-SECRET-IN-LOG
  logger.info(`auth header ${req.headers.authorization}`); // expect: JS-SECRET-IN-LOG
  console.log("password given:", password.length > 0);
  logger.info("login attempt", { email });
  logger.debug("password reset requested for", email);
  try {
    await signIn(email, password);
  } catch (err) {
    logger.error("sign-in failed", err);
    res.status(500).json({ error: err.message, stack: err.stack }); // expect: JS-STACK-TRACE-LEAK
    return;
  }
  res.json({ ok: true });
});

app.get("/orders/:id", async (req, res) => {
  try {
    res.json(await loadOrder(req.params.id));
  } catch (e) {
    if (e.code === "NOT_FOUND") {
      res.status(404).json({ error: e.message });
      return;
    }
    res.status(500).send(e.message); // expect: JS-STACK-TRACE-LEAK
  }
});

app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).send(err); // expect: JS-STACK-TRACE-LEAK
});

app.use((err, req, res, next) => {
  logger.error({ err, path: req.path });
  res.status(500).json({ error: "internal error", requestId: req.id });
});
