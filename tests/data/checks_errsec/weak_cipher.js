const crypto = require("crypto");

const key = Buffer.from(process.env.FIELD_KEY, "hex");
const ZERO_IV = Buffer.alloc(16, 0);

function ecb(plain) {
  const cipher = crypto.createCipheriv("aes-256-ecb", key, null); // expect: JS-WEAK-CIPHER
  return Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
}

function fixedIv(plain) {
  const cipher = crypto.createCipheriv("aes-256-cbc", key, ZERO_IV); // expect: JS-WEAK-CIPHER
  return Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
}

function legacy(plain, password) {
  const cipher = crypto.createCipher("aes-256-cbc", password); // expect: JS-WEAK-CIPHER
  return Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
}

function gcm(plain) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function filled(plain) {
  const iv = Buffer.alloc(16);
  crypto.randomFillSync(iv);
  const cipher = crypto.createCipheriv("aes-256-cbc", key, iv);
  return Buffer.concat([iv, cipher.update(plain, "utf8"), cipher.final()]);
}

module.exports = { ecb, fixedIv, legacy, gcm, filled };
