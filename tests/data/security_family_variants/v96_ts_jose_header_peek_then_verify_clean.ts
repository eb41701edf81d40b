// clean: JS-JWT-UNVERIFIED
import type { Context, Next } from "hono";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";

const jwks = createRemoteJWKSet(new URL("https://auth.example.com/.well-known/jwks.json"));

export async function auth(c: Context, next: Next) {
  const token = (c.req.header("authorization") ?? "").replace(/^Bearer /, "");
  const { kid } = decodeProtectedHeader(token);
  if (!kid) return c.json({ error: "unauthorized" }, 401);
  const { payload } = await jwtVerify(token, jwks, {
    algorithms: ["RS256"],
    issuer: "https://auth.example.com/",
    audience: "billing",
  });
  c.set("userId", payload.sub);
  await next();
}
