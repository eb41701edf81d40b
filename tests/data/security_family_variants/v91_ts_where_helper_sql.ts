// want: JS-SQL-STRING
import type { Request, Response } from "express";
import { pool } from "../db";

function buildWhere(filters: { status?: string; owner?: string }): string {
  const parts = ["deleted_at IS NULL"];
  if (filters.status) {
    parts.push(`status = '${filters.status}'`);
  }
  if (filters.owner) {
    parts.push(`owner_id = '${filters.owner}'`);
  }
  return parts.join(" AND ");
}

export async function listTickets(req: Request, res: Response) {
  const where = buildWhere({ status: req.query.status as string, owner: req.query.owner as string });
  const { rows } = await pool.query(`SELECT id, title, status FROM tickets WHERE ${where} LIMIT 100`);
  res.json(rows);
}
