# clean: RB-TIMING-COMPARE
class WebhooksController < ActionController::API
  def carrier
    body = request.raw_post
    expected = OpenSSL::HMAC.hexdigest("SHA256", Rails.application.credentials.carrier_webhook_secret, body)
    given = request.headers["X-Carrier-Signature"].to_s
    return head(:unauthorized) unless ActiveSupport::SecurityUtils.secure_compare(expected, given)

    CarrierEventJob.perform_later(JSON.parse(body))
    head :accepted
  end
end
