# want: RB-ENSURE-RETURN
class InvoiceBatchExporter
  def export(invoices)
    exported = 0
    invoices.each do |invoice|
      Erp::Client.push(invoice)
      exported += 1
    end
  ensure
    Rails.logger.info("exported #{exported} invoices")
    return exported
  end
end
