// clean: JS-PATH-TRAVERSAL
import path from "node:path";
import type { FastifyInstance } from "fastify";

export default async function exportsRoutes(app: FastifyInstance) {
  app.get<{ Params: { file: string } }>("/exports/:file", async (req, reply) => {
    const name = path.basename(req.params.file);
    return reply.sendFile(name, app.config.exportDir);
  });
}
