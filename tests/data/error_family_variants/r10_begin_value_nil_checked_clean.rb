# clean: RB-RESCUE-LOGGED-CONTINUES
class InvoiceJob
  def perform(invoice_id)
    invoice = Invoice.find(invoice_id)
    pdf = begin
      PdfRenderer.render(invoice)
    rescue => e
      Rails.logger.error("render failed #{e.message}")
      nil
    end
    return if pdf.nil?
    Storage.upload("invoices/#{invoice.id}.pdf", pdf.bytes)
  end
end
