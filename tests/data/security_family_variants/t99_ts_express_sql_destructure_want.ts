// want: JS-SQL-STRING
import { Router } from "express";
import { pool } from "../db";

export const orders = Router();

orders.get("/orders", async (req, res) => {
  const { status } = req.query as { status?: string };
  const where = status ? `WHERE status = '${status}'` : "";
  const sql = `SELECT id, number, total FROM orders ${where} ORDER BY created_at DESC LIMIT 100`;
  const { rows } = await pool.query(sql);
  res.json(rows);
});
