// clean: JS-ASYNC-FOREACH (the promises are awaited together)
import { Request, Response } from "express";
import { db } from "../db";

export async function archiveProjects(req: Request, res: Response) {
  const projects = await db.project.findMany({ where: { ownerId: req.user.id, archived: false } });
  await Promise.all(
    projects.map(async (project) => {
      await db.project.update({ where: { id: project.id }, data: { archived: true } });
    }),
  );
  res.json({ archived: projects.length });
}
