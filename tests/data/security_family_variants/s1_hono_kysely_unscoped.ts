// want: JS-LOOKUP-IGNORES-CALLER
import { Hono } from "hono";
import { db } from "../db";

type Env = { Variables: { workspaceId: string; userId: string } };

export const docs = new Hono<Env>();

docs.get("/docs/:id", async (c) => {
  const doc = await db
    .selectFrom("documents")
    .selectAll()
    .where("id", "=", c.req.param("id"))
    .where("workspace_id", "=", c.get("workspaceId"))
    .executeTakeFirst();
  return doc ? c.json(doc) : c.notFound();
});

docs.patch("/docs/:id", async (c) => {
  const body = await c.req.json<{ title: string }>();
  const updated = await db
    .updateTable("documents")
    .set({ title: body.title })
    .where("id", "=", c.req.param("id"))
    .returningAll()
    .executeTakeFirst();
  return updated ? c.json(updated) : c.notFound();
});
