# clean: RB-HTTP-NO-TIMEOUT (open and read timeouts on the connection)
class TaxClient
  def initialize(api_key)
    @conn = Faraday.new(url: "https://tax.example.com", request: { open_timeout: 2, timeout: 8 }) do |f|
      f.request :json
      f.response :json
      f.headers["Authorization"] = "Bearer #{api_key}"
    end
  end

  def quote(cart)
    @conn.post("/v2/quotes", cart).body
  end
end
