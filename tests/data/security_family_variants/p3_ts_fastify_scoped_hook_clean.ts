// clean: JS-ROUTE-NO-AUTH
import type { FastifyInstance } from "fastify";

export default async function routes(app: FastifyInstance) {
  app.get("/health", async () => ({ ok: true }));

  app.register(async (secured) => {
    secured.addHook("onRequest", app.authenticate);

    secured.get("/me", async (req) => req.user);

    secured.delete<{ Params: { id: string } }>("/sessions/:id", async (req, reply) => {
      await app.sessions.revoke(req.user.sub, req.params.id);
      return reply.code(204).send();
    });
  });
}
