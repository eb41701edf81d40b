// want: JS-LOOKUP-IGNORES-CALLER
import { Router } from "express";
import { prisma } from "../db";
import { requireAuth } from "../middleware/auth";

export const projects = Router();
projects.use(requireAuth);

projects.get("/:id", async (req, res) => {
  const project = await prisma.project.findFirst({ where: { id: req.params.id, orgId: req.user.orgId } });
  if (!project) return res.sendStatus(404);
  res.json(project);
});

projects.delete("/:id", async (req, res) => {
  await prisma.project.delete({ where: { id: req.params.id } });
  res.sendStatus(204);
});
