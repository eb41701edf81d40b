// want: JS-JWT-UNVERIFIED
import type { NextFunction, Request, Response } from "express";
import jwt from "jsonwebtoken";

export function requireUser(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace(/^Bearer /, "");
  if (!token) return res.status(401).json({ error: "missing token" });
  const payload = jwt.decode(token) as { sub: string; role: string } | null;
  if (!payload) return res.status(401).json({ error: "bad token" });
  (req as any).user = { id: payload.sub, role: payload.role };
  next();
}
