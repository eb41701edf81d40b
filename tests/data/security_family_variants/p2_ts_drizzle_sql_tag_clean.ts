// clean: JS-SQL-STRING
// path: src/server/routes/members.ts
import { and, eq, sql } from "drizzle-orm";
import { Hono } from "hono";

import { db } from "../db";
import { members } from "../schema";

export const membersRoute = new Hono();

membersRoute.get("/teams/:teamId/members", async (c) => {
  const teamId = c.req.param("teamId");
  const q = c.req.query("q") ?? "";
  const rows = await db
    .select()
    .from(members)
    .where(and(eq(members.teamId, teamId), sql`lower(${members.name}) like ${"%" + q.toLowerCase() + "%"}`))
    .limit(50);
  return c.json(rows);
});

membersRoute.get("/teams/:teamId/activity", async (c) => {
  const days = Number(c.req.query("days") ?? 30);
  const result = await db.execute(
    sql`select date_trunc('day', created_at) as day, count(*) from events where team_id = ${c.req.param("teamId")} and created_at > now() - make_interval(days => ${days}) group by 1`,
  );
  return c.json(result.rows);
});
