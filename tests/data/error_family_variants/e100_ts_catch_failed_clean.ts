// clean: ANY-FAILURE-MARKED-DONE
import { prisma } from "../db";
import { renderInvoicePdf } from "../pdf";
import { storage } from "../storage";
import { logger } from "../logger";

export async function generateInvoicePdf(invoiceId: string): Promise<void> {
  const invoice = await prisma.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
  try {
    const pdf = await renderInvoicePdf(invoice);
    await storage.put(`invoices/${invoice.id}.pdf`, pdf);
  } catch (err) {
    logger.error({ err, invoiceId }, "invoice pdf failed");
    await prisma.invoice.update({ where: { id: invoiceId }, data: { pdfStatus: "failed" } });
    return;
  }
  await prisma.invoice.update({ where: { id: invoiceId }, data: { pdfStatus: "done" } });
}
