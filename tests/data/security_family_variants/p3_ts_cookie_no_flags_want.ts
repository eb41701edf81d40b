// want: JS-COOKIE-INSECURE
import type { Request, Response } from "express";
import { login } from "../services/auth";

export async function postLogin(req: Request, res: Response) {
  const session = await login(req.body.email, req.body.password);
  if (!session) return res.status(401).json({ error: "invalid credentials" });
  res.cookie("sid", session.token, { maxAge: 1000 * 60 * 60 * 12 });
  res.json({ user: session.user });
}
