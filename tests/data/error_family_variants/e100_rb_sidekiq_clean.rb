# clean: RB-JOB-FAILURE-SWALLOWED
class SyncSubscriptionWorker
  include Sidekiq::Job
  sidekiq_options queue: :billing, retry: 10

  def perform(subscription_id)
    subscription = Subscription.find(subscription_id)
    remote = Stripe::Subscription.retrieve(subscription.stripe_id)
    subscription.update!(status: remote.status, current_period_end: Time.at(remote.current_period_end))
  rescue Stripe::APIConnectionError, Stripe::RateLimitError => e
    Rails.logger.warn("stripe sync failed for #{subscription_id}: #{e.message}")
    raise
  end
end
