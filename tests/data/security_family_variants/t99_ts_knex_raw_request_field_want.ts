// want: JS-SQL-STRING
import { Router } from "express";
import { db } from "../db";
import { T } from "./tables";

export const favorites = Router();

favorites.get("/favorites/search", async (req, res) => {
  const filters = { project: String(req.query.project ?? "") };
  const result = await db.raw(
    `SELECT project FROM ${T.FAVORITE_PROJECTS} WHERE user_id = ? AND project LIKE '%${filters.project}%'`,
    [req.user.id],
  );
  res.json(result.rows);
});
