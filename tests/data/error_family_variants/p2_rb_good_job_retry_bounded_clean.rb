# clean: RB-RETRY-UNBOUNDED
class DeliverWebhookJob < ApplicationJob
  queue_as :webhooks

  retry_on Net::OpenTimeout, Net::ReadTimeout, wait: :polynomially_longer, attempts: 6
  retry_on WebhookDelivery::ServerError, wait: 30.seconds, attempts: 4
  discard_on ActiveJob::DeserializationError

  def perform(delivery)
    WebhookDelivery.new(delivery).deliver!
  end
end
