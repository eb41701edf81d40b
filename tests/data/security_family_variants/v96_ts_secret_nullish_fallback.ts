// want: JS-SECRET-FALLBACK
import { SignJWT } from "jose";

const secret = new TextEncoder().encode(process.env.SESSION_SECRET ?? "local-dev-session-secret");

export async function issueSession(userId: string): Promise<string> {
  return new SignJWT({ sub: userId })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime("12h")
    .sign(secret);
}
