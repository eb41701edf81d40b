// clean: JS-SECRET-FALLBACK
import { SignJWT } from "jose";

const raw = process.env.SESSION_SECRET;
if (!raw) throw new Error("SESSION_SECRET is not set");
const secret = new TextEncoder().encode(raw);
const issuer = process.env.SESSION_ISSUER ?? "web";

export async function issueSession(userId: string): Promise<string> {
  return new SignJWT({ sub: userId })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(issuer)
    .setIssuedAt()
    .setExpirationTime("12h")
    .sign(secret);
}
