// clean: JS-COOKIE-INSECURE
import type { CookieOptions, Request, Response } from "express";
import { login } from "../services/auth";

const sessionCookie: CookieOptions = {
  httpOnly: true,
  secure: true,
  sameSite: "lax",
  path: "/",
  maxAge: 1000 * 60 * 60 * 12,
};

export async function postLogin(req: Request, res: Response) {
  const session = await login(req.body.email, req.body.password);
  if (!session) return res.status(401).json({ error: "invalid credentials" });
  res.cookie("sid", session.token, sessionCookie);
  res.json({ user: session.user });
}
