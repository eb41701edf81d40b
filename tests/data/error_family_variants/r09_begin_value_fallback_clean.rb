# clean: RB-RESCUE-LOGGED-CONTINUES
class InvoiceJob
  def perform(invoice_id)
    invoice = Invoice.find(invoice_id)
    pdf = begin
      PdfRenderer.render(invoice)
    rescue => e
      Rails.logger.error("render failed #{e.message}")
      PdfRenderer.placeholder(invoice)
    end
    Storage.upload("invoices/#{invoice.id}.pdf", pdf.bytes)
  end
end
