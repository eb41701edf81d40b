# clean: RB-TIMING-COMPARE
class Webhooks::CarrierController < ActionController::API
  def create
    body = request.raw_post
    expected = OpenSSL::HMAC.hexdigest("SHA256", Rails.application.credentials.carrier_webhook_secret, body)
    unless Rack::Utils.secure_compare(expected, request.headers["X-Carrier-Signature"].to_s)
      return head :unauthorized
    end

    ShipmentEventJob.perform_later(JSON.parse(body))
    head :no_content
  end
end
