# want: RB-WEBHOOK-UNVERIFIED
class Webhooks::ShopController < ActionController::API
  def create
    body = request.raw_post
    signature = request.headers["X-Shop-Signature"]
    if signature.present?
      expected = OpenSSL::HMAC.hexdigest("SHA256", ENV.fetch("SHOP_WEBHOOK_SECRET"), body)
      return head :unauthorized unless ActiveSupport::SecurityUtils.secure_compare(expected, signature)
    end

    Order.find_by!(number: JSON.parse(body)["order"]).update!(status: :paid)
    head :ok
  end
end
