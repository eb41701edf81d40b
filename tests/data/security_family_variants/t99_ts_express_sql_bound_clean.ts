// clean: JS-SQL-STRING
import { Router } from "express";
import { pool } from "../db";

export const orders = Router();

orders.get("/orders", async (req, res) => {
  const { status } = req.query as { status?: string };
  const params: string[] = [];
  let where = "";
  if (status) {
    params.push(status);
    where = `WHERE status = $${params.length}`;
  }
  const sql = `SELECT id, number, total FROM orders ${where} ORDER BY created_at DESC LIMIT 100`;
  const { rows } = await pool.query(sql, params);
  res.json(rows);
});
