// want: JS-JWT-UNVERIFIED
import type { NextFunction, Request, Response } from "express";
import jwt from "jsonwebtoken";

const PUBLIC_KEY = process.env.JWT_PUBLIC_KEY as string;

export function requireUser(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace(/^Bearer /, "") ?? "";
  try {
    const payload = jwt.verify(token, PUBLIC_KEY, { algorithms: ["RS256", "none"] }) as { sub: string };
    (req as any).userId = payload.sub;
    next();
  } catch {
    res.status(401).json({ error: "bad token" });
  }
}
