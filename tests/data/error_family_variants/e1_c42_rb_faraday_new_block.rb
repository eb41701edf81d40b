# want: RB-HTTP-NO-TIMEOUT
class TaxClient
  def initialize(api_key)
    @conn = Faraday.new(url: "https://tax.example.com") do |f|
      f.request :json
      f.response :json
      f.headers["Authorization"] = "Bearer #{api_key}"
    end
  end

  def quote(cart)
    @conn.post("/v2/quotes", cart).body
  end
end
