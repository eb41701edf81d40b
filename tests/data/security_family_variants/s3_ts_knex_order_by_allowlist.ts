// clean: JS-SQL-STRING
import { Router } from "express";
import { db } from "../db";

export const router = Router();

const SORTABLE = new Set(["created_at", "title", "status"]);

router.get("/tickets", async (req, res) => {
  const sort = SORTABLE.has(String(req.query.sort)) ? String(req.query.sort) : "created_at";
  const dir = req.query.dir === "asc" ? "asc" : "desc";
  const rows = await db("tickets")
    .select("id", "title", "status")
    .where("project_id", req.params.projectId)
    .whereRaw("title ilike ?", [`%${req.query.q ?? ""}%`])
    .orderBy(sort, dir)
    .limit(50);
  res.json(rows);
});
