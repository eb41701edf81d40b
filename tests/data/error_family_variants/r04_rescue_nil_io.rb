# want: RB-RESCUE-MODIFIER
class ReceiptMailer
  def deliver(order)
    PaymentGateway.capture(order.payment_id) rescue nil
    order.update!(status: "paid")
  end
end
