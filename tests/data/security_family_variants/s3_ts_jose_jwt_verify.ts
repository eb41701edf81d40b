// clean: JS-JWT-UNVERIFIED
import type { NextFunction, Request, Response } from "express";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";

const JWKS = createRemoteJWKSet(new URL(process.env.JWKS_URL as string));

export async function requireUser(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace(/^Bearer /, "") ?? "";
  try {
    const { kid } = decodeProtectedHeader(token);
    const { payload } = await jwtVerify(token, JWKS, { algorithms: ["RS256"], audience: "api" });
    (req as any).user = { id: payload.sub, kid };
    next();
  } catch {
    res.status(401).json({ error: "bad token" });
  }
}
