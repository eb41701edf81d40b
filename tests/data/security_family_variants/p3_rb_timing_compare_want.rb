# want: RB-TIMING-COMPARE
class WebhooksController < ActionController::API
  def carrier
    body = request.raw_post
    expected = OpenSSL::HMAC.hexdigest("SHA256", Rails.application.credentials.carrier_webhook_secret, body)
    return head(:unauthorized) unless expected == request.headers["X-Carrier-Signature"].to_s

    CarrierEventJob.perform_later(JSON.parse(body))
    head :accepted
  end
end
