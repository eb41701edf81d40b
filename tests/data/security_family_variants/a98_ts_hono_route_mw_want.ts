// want: JS-ROUTE-NO-AUTH
// path: src/routes/teams.ts
import { Hono } from "hono";
import { requireAuth, requireTeamAdmin } from "../middleware/auth";
import { teams } from "../services/teams";

const app = new Hono();

app.get("/teams/:id", requireAuth, async (c) => c.json(await teams.get(c.req.param("id"))));

app.post("/teams/:id/invites", requireAuth, requireTeamAdmin, async (c) => {
  const body = await c.req.json();
  return c.json(await teams.invite(c.req.param("id"), body.email), 201);
});

app.delete("/teams/:id/members/:userId", async (c) => {
  await teams.removeMember(c.req.param("id"), c.req.param("userId"));
  return c.body(null, 204);
});

export default app;
