# want: RB-TLS-VERIFY-OFF
# path: app/services/partner_client.rb
class PartnerClient
  def initialize
    @conn = Faraday.new(url: ENV.fetch("PARTNER_URL"), ssl: { verify: false }) do |f|
      f.request :json
      f.response :json
    end
  end

  def orders
    @conn.get("/v2/orders").body
  end
end
