// want: JS-WEAK-CIPHER
const crypto = require("crypto");

const key = Buffer.from(process.env.FIELD_KEY, "hex");
const iv = Buffer.alloc(16, 0);

function encryptField(plain) {
  const cipher = crypto.createCipheriv("aes-256-cbc", key, iv);
  return Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]).toString("base64");
}

module.exports = { encryptField };
