// want: JS-ASYNC-FOREACH
import { Request, Response } from "express";
import { db } from "../db";

export async function archiveProjects(req: Request, res: Response) {
  const projects = await db.project.findMany({ where: { ownerId: req.user.id, archived: false } });
  projects.map(async (project) => {
    await db.project.update({ where: { id: project.id }, data: { archived: true } });
  });
  res.json({ archived: projects.length });
}
