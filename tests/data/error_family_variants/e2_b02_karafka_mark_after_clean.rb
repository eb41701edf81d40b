# clean: ANY-ACK-BEFORE-PROCESS
class InvoicePaidConsumer < ApplicationConsumer
  def consume
    messages.each do |message|
      invoice = Invoice.find(message.payload.fetch("invoice_id"))
      Accounting::PostPayment.call(invoice, paid_at: message.payload.fetch("paid_at"))
      mark_as_consumed(message)
    end
  end
end
