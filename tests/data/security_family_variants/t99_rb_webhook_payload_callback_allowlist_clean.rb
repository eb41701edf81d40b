# clean: RB-SSRF
class DeliveryWebhooksController < ApplicationController
  skip_before_action :verify_authenticity_token

  CALLBACK_HOSTS = %w[api.carrier-one.example.com hooks.carrier-two.example.com].freeze

  def create
    payload = JSON.parse(request.raw_post)
    callback = URI.parse(payload.dig("data", "callback_url").to_s)
    return head(:unprocessable_entity) unless CALLBACK_HOSTS.include?(callback.host)

    HTTParty.post(callback.to_s, body: { received: true }.to_json, headers: { "Content-Type" => "application/json" })
    head :ok
  end
end
