// clean: JS-INSECURE-RANDOM
import { randomBytes, randomInt } from "node:crypto";
import { prisma } from "../db";

export async function createInvite(teamId: string, email: string) {
  const token = randomBytes(32).toString("base64url");
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await prisma.invite.create({ data: { teamId, email, token, code, expiresAt: new Date(Date.now() + 72 * 3600_000) } });
  return { token, code };
}

export function backoffMs(attempt: number): number {
  return Math.min(30_000, 2 ** attempt * 100) + Math.floor(Math.random() * 250);
}
