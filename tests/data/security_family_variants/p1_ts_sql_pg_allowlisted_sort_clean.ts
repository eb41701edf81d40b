// clean: JS-SQL-STRING
import { Router } from "express";
import { pool } from "../db";

const SORT_COLUMNS: Record<string, string> = { name: "name", created: "created_at", size: "size_bytes" };

export const files = Router();

files.get("/files", async (req, res) => {
  const column = SORT_COLUMNS[String(req.query.sort)] ?? "created_at";
  const direction = req.query.dir === "asc" ? "ASC" : "DESC";
  const { rows } = await pool.query(
    `SELECT id, name, size_bytes FROM files WHERE owner_id = $1 ORDER BY ${column} ${direction} LIMIT 100`,
    [req.user.id],
  );
  res.json(rows);
});
