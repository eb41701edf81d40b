// clean: JS-WEAK-HASH
import { createHash } from "node:crypto";
import bcrypt from "bcryptjs";
import { db } from "../db";

export async function register(email: string, password: string) {
  const passwordHash = await bcrypt.hash(password, 12);
  return db.user.create({ data: { email, passwordHash } });
}

export function apiTokenDigest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
