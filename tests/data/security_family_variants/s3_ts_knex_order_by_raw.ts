// want: JS-SQL-STRING
import { Router } from "express";
import { db } from "../db";

export const router = Router();

router.get("/tickets", async (req, res) => {
  const sort = String(req.query.sort ?? "created_at");
  const dir = String(req.query.dir ?? "desc");
  const rows = await db("tickets")
    .select("id", "title", "status")
    .where("project_id", req.params.projectId)
    .orderByRaw(`${sort} ${dir}`)
    .limit(50);
  res.json(rows);
});
