# want: RB-JOB-FAILURE-SWALLOWED
class ChargeRenewal < Que::Job
  def run(subscription_id)
    subscription = Subscription.find(subscription_id)
    Billing::Charger.new(subscription).charge!
  rescue Billing::Charger::GatewayTimeout => e
    Que.log(level: :warn, message: "renewal #{subscription_id} timed out: #{e.message}")
  end
end
