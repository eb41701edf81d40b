// clean: JS-JWT-UNVERIFIED
import jwt from "jsonwebtoken";
import type { NextFunction, Request, Response } from "express";

const PUBLIC_KEY = process.env.JWT_PUBLIC_KEY!;

export function requireUser(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization ?? "";
  const token = header.startsWith("Bearer ") ? header.slice(7) : "";
  try {
    const claims = jwt.verify(token, PUBLIC_KEY, { algorithms: ["RS256"], audience: "api" }) as jwt.JwtPayload;
    req.user = { id: String(claims.sub), orgId: String(claims.org) };
    next();
  } catch {
    res.status(401).json({ error: "unauthorized" });
  }
}
