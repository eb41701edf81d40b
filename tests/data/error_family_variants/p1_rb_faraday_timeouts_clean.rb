# clean: RB-HTTP-NO-TIMEOUT
class GeocodeClient
  def initialize
    @conn = Faraday.new(url: "https://geo.example.com", request: { open_timeout: 2, timeout: 6 }) do |f|
      f.response :raise_error
      f.response :json
    end
  end

  def lookup(address)
    @conn.get("/v1/search", q: address).body
  end
end
