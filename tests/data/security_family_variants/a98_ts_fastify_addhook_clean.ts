// clean: JS-ROUTE-NO-AUTH
// path: src/routes/api-keys.ts
import type { FastifyInstance } from "fastify";
import { apiKeys } from "../services/api-keys";

export default async function apiKeyRoutes(app: FastifyInstance) {
  app.addHook("onRequest", app.authenticate);

  app.get("/api-keys", async (req) => {
    return apiKeys.list(req.user.orgId);
  });

  app.post("/api-keys", async (req, reply) => {
    const key = await apiKeys.create(req.user.orgId, req.body as { name: string });
    return reply.code(201).send(key);
  });

  app.post<{ Params: { id: string } }>("/api-keys/:id/rotate", async (req) => {
    return apiKeys.rotate(req.user.orgId, req.params.id);
  });
}
