# want: RB-SSRF
class DeliveryWebhooksController < ApplicationController
  skip_before_action :verify_authenticity_token

  def create
    payload = JSON.parse(request.raw_post)
    callback = payload.dig("data", "callback_url")
    HTTParty.post(callback, body: { received: true }.to_json, headers: { "Content-Type" => "application/json" })
    head :ok
  end
end
