# clean: RB-JOB-FAILURE-SWALLOWED
class InvoicePaidWorker
  include Shoryuken::Worker
  shoryuken_options queue: "invoice-paid", auto_delete: true, body_parser: :json

  def perform(_sqs_msg, body)
    invoice = Invoice.find_by!(external_id: body.fetch("invoice_id"))
    Accounting::Ledger.post_payment(invoice, body.fetch("amount_cents"))
  rescue Accounting::Ledger::Error => e
    Shoryuken.logger.error("ledger post failed for #{body['invoice_id']}: #{e.message}")
    raise
  end
end
