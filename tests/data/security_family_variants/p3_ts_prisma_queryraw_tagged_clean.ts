// clean: JS-SQL-STRING
import { Router } from "express";
import { prisma } from "../db";

export const router = Router();

router.get("/devices/search", async (req, res) => {
  const term = String(req.query.q ?? "");
  const rows = await prisma.$queryRaw<{ id: string; name: string }[]>`
    SELECT id, name FROM "Device"
    WHERE "orgId" = ${req.user.orgId} AND name ILIKE ${"%" + term + "%"}
    ORDER BY name LIMIT 50`;
  res.json(rows);
});
