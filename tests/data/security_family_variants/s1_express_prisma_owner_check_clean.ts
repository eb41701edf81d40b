// clean: JS-LOOKUP-IGNORES-CALLER
import { Router } from "express";
import { prisma } from "../db";
import { requireAuth } from "../middleware/auth";

export const documents = Router();
documents.use(requireAuth);

documents.get("/", async (req, res) => {
  res.json(await prisma.document.findMany({ where: { ownerId: req.user.id } }));
});

documents.get("/:id", async (req, res) => {
  const doc = await prisma.document.findUnique({ where: { id: req.params.id } });
  if (!doc || doc.ownerId !== req.user.id) return res.sendStatus(404);
  res.json(doc);
});
