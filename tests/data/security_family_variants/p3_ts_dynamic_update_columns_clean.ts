// clean: JS-SQL-STRING
import { Hono } from "hono";
import { sql as db } from "../db";

const EDITABLE = new Set(["title", "description", "priority", "due_on"]);
export const tasks = new Hono();

tasks.patch("/tasks/:id", async (c) => {
  const body = await c.req.json<Record<string, unknown>>();
  const entries = Object.entries(body).filter(([k]) => EDITABLE.has(k));
  if (entries.length === 0) return c.json({ updated: false }, 400);
  const sets = entries.map(([k], i) => `${k} = $${i + 1}`).join(", ");
  const values = entries.map(([, v]) => v);
  await db.unsafe(
    `UPDATE tasks SET ${sets}, updated_at = now() WHERE id = $${entries.length + 1} AND team_id = $${entries.length + 2}`,
    [...values, c.req.param("id"), c.get("teamId")],
  );
  return c.json({ updated: true });
});
