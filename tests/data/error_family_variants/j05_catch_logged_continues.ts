// want: JS-CATCH-LOGGED-CONTINUES
export async function loadInvoice(id: string, repo: InvoiceRepo, logger: Logger) {
  let invoice: Invoice | undefined;
  try {
    invoice = await repo.findById(id);
  } catch (err) {
    logger.error('load invoice failed', err);
  }
  return { id: invoice!.id, total: invoice!.total };
}
