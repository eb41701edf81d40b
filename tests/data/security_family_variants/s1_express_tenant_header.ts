// want: ANY-TENANT-FROM-HEADER
import { Router } from "express";
import { prisma } from "../db";

export const reports = Router();

reports.get("/usage", async (req, res) => {
  const workspaceId = (req.headers["x-workspace-id"] as string) || req.user.workspaceId;
  const rows = await prisma.usageEvent.groupBy({
    by: ["feature"],
    where: { workspaceId },
    _count: true,
  });
  res.json(rows);
});
