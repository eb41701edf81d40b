// clean: JS-NOSQL-INJECTION
import type { Request, Response } from "express";
import { User } from "../models/user";

export async function requestReset(req: Request, res: Response) {
  const email = String(req.body.email ?? "").trim().toLowerCase();
  const user = await User.findOne({ email }).lean();
  if (user) await User.updateOne({ _id: user._id }, { $set: { resetRequestedAt: new Date() } });
  res.status(202).json({ ok: true });
}
