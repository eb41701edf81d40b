// clean: JS-WEAK-CIPHER
import { createCipheriv, randomBytes } from "node:crypto";

const key = Buffer.from(process.env.FIELD_KEY!, "hex");

export function encryptField(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}
