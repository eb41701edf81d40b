import { Router } from "express";
import { prisma } from "../db";

export const boards = Router();

boards.get("/boards/:id", requireUser, async (req, res, next) => {
  try {
    const board = await prisma.board.findFirst({ where: { id: req.params.id, teamId: req.user.teamId } });
    res.json(board);
  } catch (err) {
    next(err);
  }
});

boards.delete("/boards/:id", requireUser, async (req, res, next) => {
  try {
    await prisma.board.delete({ where: { id: req.params.id } }); // expect: JS-LOOKUP-IGNORES-CALLER
    res.sendStatus(204);
  } catch (err) {
    next(err);
  }
});

boards.get("/boards/:id/owner", requireUser, async (req, res, next) => {
  try {
    const board = await prisma.board.findUnique({ where: { id: req.params.id } });
    if (!board || board.teamId !== req.user.teamId) return res.sendStatus(404);
    res.json({ owner: board.ownerId });
  } catch (err) {
    next(err);
  }
});
