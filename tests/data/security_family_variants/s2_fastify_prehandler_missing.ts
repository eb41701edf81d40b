// want: JS-ROUTE-NO-AUTH
import type { FastifyInstance } from "fastify";
import { InvoiceService } from "../services/invoices";

export default async function invoiceRoutes(app: FastifyInstance) {
  const service = new InvoiceService(app.db);

  app.get("/invoices", { preHandler: [app.authenticate] }, async (req) => service.list(req.user.orgId));

  app.get("/invoices/:id", { preHandler: [app.authenticate] }, async (req) =>
    service.get(req.user.orgId, (req.params as { id: string }).id));

  app.post("/invoices", { preHandler: [app.authenticate] }, async (req, reply) => {
    const created = await service.create(req.user.orgId, req.body as never);
    return reply.code(201).send(created);
  });

  app.post("/invoices/:id/void", async (req, reply) => {
    await service.void((req.params as { id: string }).id);
    return reply.code(204).send();
  });
}
