// clean: JS-SQL-STRING
import type { Request, Response } from "express";
import { knex } from "../db";

const SORTS: Record<string, string> = { newest: "created_at", name: "name", size: "byte_size" };

export async function listFiles(req: Request, res: Response) {
  const column = SORTS[String(req.query.sort)] ?? "created_at";
  const rows = await knex("files")
    .select("id", "name", "byte_size", "created_at")
    .where({ folder_id: req.params.folderId, owner_id: req.user.id })
    .orderByRaw(`${column} DESC NULLS LAST`)
    .limit(100);
  res.json(rows);
}
