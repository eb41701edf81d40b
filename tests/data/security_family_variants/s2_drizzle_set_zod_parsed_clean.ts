// clean: JS-MASS-ASSIGNMENT
import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "../db";
import { users } from "../db/schema";

const ProfilePatch = z.object({ displayName: z.string().max(80), locale: z.string().max(10) }).partial().strict();

const app = new Hono();

app.patch("/me", async (c) => {
  const userId = c.get("userId");
  const body = ProfilePatch.parse(await c.req.json());
  const [updated] = await db.update(users).set(body).where(eq(users.id, userId)).returning();
  return c.json(updated);
});

export default app;
