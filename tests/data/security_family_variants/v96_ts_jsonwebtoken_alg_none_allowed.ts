// want: JS-JWT-UNVERIFIED
import type { NextFunction, Request, Response } from "express";
import jwt from "jsonwebtoken";

const SECRET = process.env.JWT_SECRET as string;

export function requireUser(req: Request, res: Response, next: NextFunction) {
  const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
  try {
    const claims = jwt.verify(token, SECRET, { algorithms: ["HS256", "none"] }) as { sub: string };
    res.locals.userId = claims.sub;
    next();
  } catch {
    res.status(401).json({ error: "unauthorized" });
  }
}
