# want: ANY-FAILURE-MARKED-DONE
class RefundOrder
  def call(order)
    begin
      Stripe::Refund.create(payment_intent: order.payment_intent_id)
    rescue Stripe::StripeError => e
      Rails.logger.warn("refund failed for order #{order.id}: #{e.message}")
    end
    order.update!(status: "refunded", refunded_at: Time.current)
  end
end
