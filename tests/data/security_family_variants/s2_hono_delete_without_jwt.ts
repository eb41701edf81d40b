// want: JS-ROUTE-NO-AUTH
import { Hono } from "hono";
import { jwtAuth, requireRole } from "../middleware/auth";
import { db } from "../db";

const teams = new Hono();

teams.get("/teams", jwtAuth, async (c) => c.json(await db.team.findMany()));
teams.get("/teams/:id", jwtAuth, async (c) => c.json(await db.team.findUnique({ where: { id: c.req.param("id") } })));
teams.post("/teams", jwtAuth, requireRole("admin"), async (c) => c.json(await db.team.create({ data: await c.req.json() })));
teams.patch("/teams/:id", jwtAuth, requireRole("admin"), async (c) => c.json({ ok: true }));
teams.delete("/teams/:id", async (c) => {
  await db.team.delete({ where: { id: c.req.param("id") } });
  return c.body(null, 204);
});

export default teams;
