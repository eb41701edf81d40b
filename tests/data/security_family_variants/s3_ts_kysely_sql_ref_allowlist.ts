// clean: JS-SQL-STRING
import { Hono } from "hono";
import { sql, type Kysely } from "kysely";
import type { DB } from "./schema";
import { db } from "./db";

const COLUMNS = ["created_at", "name", "kind"] as const;
type Column = (typeof COLUMNS)[number];

export async function listEvents(kdb: Kysely<DB>, column: Column, limit: number) {
  return kdb
    .selectFrom("events")
    .selectAll()
    .orderBy(sql.ref(`events.${column}`), "desc")
    .where(sql`name ilike ${"%" + "x" + "%"}`)
    .limit(limit)
    .execute();
}

export const app = new Hono();

app.get("/events", async (c) => {
  const wanted = c.req.query("orderBy") ?? "created_at";
  const column = (COLUMNS as readonly string[]).includes(wanted) ? (wanted as Column) : "created_at";
  return c.json(await listEvents(db, column, 100));
});
