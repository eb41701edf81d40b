# clean: RB-WEBHOOK-UNVERIFIED
class Webhooks::ShopController < ActionController::API
  def create
    body = request.raw_post
    signature = request.headers["X-Shop-Signature"].to_s
    expected = OpenSSL::HMAC.hexdigest("SHA256", ENV.fetch("SHOP_WEBHOOK_SECRET"), body)
    return head :unauthorized unless ActiveSupport::SecurityUtils.secure_compare(expected, signature)

    Order.find_by!(number: JSON.parse(body)["order"]).update!(status: :paid)
    head :ok
  end
end
