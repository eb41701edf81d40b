// want: JS-MASS-ASSIGNMENT
import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { db } from "../db";
import { users } from "../db/schema";

const app = new Hono();

app.patch("/me", async (c) => {
  const userId = c.get("userId");
  const body = await c.req.json();
  const [updated] = await db.update(users).set(body).where(eq(users.id, userId)).returning();
  return c.json(updated);
});

export default app;
