// clean: JS-LOOKUP-IGNORES-CALLER
import type { Request, Response } from "express";
import { prisma } from "../db";

export async function getInvoice(req: Request, res: Response) {
  const invoice = await prisma.invoice.findFirst({
    where: { id: req.params.id, organizationId: req.user.organizationId },
    include: { lines: true },
  });
  if (!invoice) return res.status(404).json({ error: "not found" });
  res.json(invoice);
}
