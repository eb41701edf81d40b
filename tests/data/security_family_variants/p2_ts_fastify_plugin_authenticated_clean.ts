// clean: JS-ROUTE-NO-AUTH
// path: src/plugins/admin-routes.ts
import type { FastifyPluginAsync } from "fastify";

const adminRoutes: FastifyPluginAsync = async (fastify) => {
  fastify.addHook("onRequest", fastify.authenticate);
  fastify.addHook("preHandler", fastify.requireRole("admin"));

  fastify.get("/admin/users", async () => {
    return fastify.db.user.findMany({ take: 100 });
  });

  fastify.delete<{ Params: { id: string } }>("/admin/users/:id", async (request, reply) => {
    await fastify.db.user.delete({ where: { id: request.params.id } });
    return reply.code(204).send();
  });
};

export default adminRoutes;
