// want: JS-INSECURE-RANDOM
const { PasswordReset } = require("../models");
const mailer = require("../mailer");

async function startReset(user) {
  const resetCode = String(Math.floor(100000 + Math.random() * 900000));
  await PasswordReset.create({ userId: user.id, code: resetCode, expiresAt: Date.now() + 15 * 60 * 1000 });
  await mailer.send(user.email, "Your reset code", `Code: ${resetCode}`);
}

module.exports = { startReset };
