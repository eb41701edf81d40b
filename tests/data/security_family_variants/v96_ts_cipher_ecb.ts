// want: JS-WEAK-CIPHER
import { createCipheriv } from "node:crypto";

const key = Buffer.from(process.env.FIELD_KEY!, "hex");

export function encryptField(plain: string): string {
  const cipher = createCipheriv("aes-256-ecb", key, null);
  return Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]).toString("base64");
}
