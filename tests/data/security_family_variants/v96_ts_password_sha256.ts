// want: JS-WEAK-HASH
import { createHash } from "node:crypto";
import { db } from "../db";

export async function register(email: string, password: string) {
  const passwordHash = createHash("sha256").update(password).digest("hex");
  return db.user.create({ data: { email, passwordHash } });
}
