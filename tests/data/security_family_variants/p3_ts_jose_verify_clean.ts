// clean: JS-JWT-UNVERIFIED
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";

const jwks = createRemoteJWKSet(new URL(process.env.OIDC_JWKS_URL!));

export async function verifyIdToken(token: string) {
  const { alg } = decodeProtectedHeader(token);
  if (alg !== "RS256" && alg !== "ES256") throw new Error("unsupported alg");
  const { payload } = await jwtVerify(token, jwks, { issuer: process.env.OIDC_ISSUER, audience: process.env.OIDC_CLIENT_ID });
  return payload;
}
