// want: JS-SQL-STRING
import { Hono } from "hono";
import { sql, type Kysely } from "kysely";
import type { DB } from "./schema";
import { db } from "./db";

export async function listEvents(kdb: Kysely<DB>, orderBy: string, limit: number) {
  return kdb
    .selectFrom("events")
    .selectAll()
    .orderBy(sql.raw(orderBy))
    .limit(limit)
    .execute();
}

export const app = new Hono();

app.get("/events", async (c) => {
  const rows = await listEvents(db, c.req.query("orderBy") ?? "created_at desc", 100);
  return c.json(rows);
});
