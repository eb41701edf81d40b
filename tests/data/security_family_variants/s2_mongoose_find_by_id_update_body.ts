// want: JS-MASS-ASSIGNMENT
import { Router } from "express";
import { requireAuth } from "../middleware/auth";
import { User } from "../models/user";

export const profileRouter = Router();

profileRouter.patch("/users/:id", requireAuth, async (req, res, next) => {
  try {
    if (req.params.id !== req.user.id) return res.sendStatus(403);
    const user = await User.findByIdAndUpdate(req.params.id, req.body, { new: true });
    res.json(user);
  } catch (err) {
    next(err);
  }
});
