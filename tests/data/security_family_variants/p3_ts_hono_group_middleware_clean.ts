// clean: JS-ROUTE-NO-AUTH
import { Hono } from "hono";
import { jwt } from "hono/jwt";
import { listWebhooks, deleteWebhook } from "../services/webhooks";

type Env = { Bindings: { JWT_SECRET: string } };
export const api = new Hono<Env>();

api.use("/v1/*", (c, next) => jwt({ secret: c.env.JWT_SECRET, alg: "HS256" })(c, next));

api.get("/v1/webhooks", async (c) => c.json(await listWebhooks(c.get("jwtPayload").org)));

api.delete("/v1/webhooks/:id", async (c) => {
  await deleteWebhook(c.get("jwtPayload").org, c.req.param("id"));
  return c.body(null, 204);
});
