// clean: JS-SQL-STRING
import type { Request, Response } from "express";
import { pool } from "../db";

function buildWhere(filters: { status?: string; owner?: string }, values: unknown[]): string {
  const parts = ["deleted_at IS NULL"];
  if (filters.status) {
    values.push(filters.status);
    parts.push(`status = $${values.length}`);
  }
  if (filters.owner) {
    values.push(filters.owner);
    parts.push(`owner_id = $${values.length}`);
  }
  return parts.join(" AND ");
}

export async function listTickets(req: Request, res: Response) {
  const values: unknown[] = [];
  const where = buildWhere({ status: req.query.status as string, owner: req.query.owner as string }, values);
  const { rows } = await pool.query(`SELECT id, title, status FROM tickets WHERE ${where} LIMIT 100`, values);
  res.json(rows);
}
