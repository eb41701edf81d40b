// clean: JS-ROUTE-NO-AUTH
import { Hono } from "hono";
import { jwt } from "hono/jwt";
import { requireRole } from "../middleware/auth";
import { db } from "../db";

const teams = new Hono();

teams.use("/teams/*", jwt({ secret: process.env.JWT_SECRET! }));

teams.get("/teams", async (c) => c.json(await db.team.findMany()));
teams.post("/teams", requireRole("admin"), async (c) => c.json(await db.team.create({ data: { name: "x" } })));
teams.patch("/teams/:id", requireRole("admin"), async (c) => c.json({ ok: true }));
teams.delete("/teams/:id", requireRole("admin"), async (c) => {
  await db.team.delete({ where: { id: c.req.param("id") } });
  return c.body(null, 204);
});

export default teams;
