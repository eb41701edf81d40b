// clean: JS-REQUEST-PARSE-UNGUARDED
import { Router } from "express";
import { z, ZodError } from "zod";

const invite = z.object({ email: z.string().email(), role: z.enum(["member", "admin"]) });
export const invites = Router();

invites.post("/invites", async (req, res, next) => {
  try {
    const data = invite.parse(req.body);
    res.status(201).json(await createInvite(req.user.orgId, data));
  } catch (err) {
    if (err instanceof ZodError) {
      res.status(400).json({ issues: err.issues });
      return;
    }
    next(err);
  }
});
