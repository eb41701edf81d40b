class RenewalChargeWorker
  include Sidekiq::Job
  sidekiq_options queue: :billing

  def perform(subscription_id, period_start)
    subscription = Subscription.find(subscription_id)
    charge = Stripe::Charge.create(customer: subscription.stripe_customer_id, amount: subscription.price_cents) # expect: RB-PAYMENT-RETRY-NO-IDEMPOTENCY
    subscription.update!(last_charge_id: charge.id)
    fee = Stripe::Charge.create(
      { customer: subscription.stripe_customer_id, amount: 100 },
      { idempotency_key: "fee-#{subscription_id}-#{period_start}" }
    )
    subscription.update!(last_fee_id: fee.id)
  end
end
