// want: JS-LOOKUP-IGNORES-CALLER
import { Router } from "express";
import { prisma } from "../db";
import { requireOrgMember } from "../middleware/orgs";

export const invoices = Router({ mergeParams: true });
invoices.use(requireOrgMember);

invoices.get("/orgs/:orgId/invoices/:invoiceId", async (req, res) => {
  const invoice = await prisma.invoice.findFirst({
    where: { id: req.params.invoiceId, orgId: req.params.orgId },
  });
  if (!invoice) return res.sendStatus(404);
  res.json(invoice);
});

invoices.post("/orgs/:orgId/invoices/:invoiceId/send", async (req, res) => {
  const invoice = await prisma.invoice.findUnique({ where: { id: req.params.invoiceId } });
  if (!invoice) return res.sendStatus(404);
  await sendInvoiceEmail(invoice);
  res.sendStatus(202);
});
