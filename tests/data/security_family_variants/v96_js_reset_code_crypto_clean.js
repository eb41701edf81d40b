// clean: JS-INSECURE-RANDOM
const crypto = require("crypto");
const { PasswordReset } = require("../models");
const mailer = require("../mailer");

async function startReset(user) {
  const resetCode = String(crypto.randomInt(100000, 1000000));
  const jitter = Math.floor(Math.random() * 1000);
  await PasswordReset.create({ userId: user.id, code: resetCode, expiresAt: Date.now() + 15 * 60 * 1000 + jitter });
  await mailer.send(user.email, "Your reset code", `Code: ${resetCode}`);
}

module.exports = { startReset };
