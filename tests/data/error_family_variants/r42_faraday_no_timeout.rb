# want: RB-HTTP-NO-TIMEOUT
class CarrierClient
  def track(code)
    conn = Faraday.new(url: "https://api.carrier.example")
    resp = conn.get("/track/#{code}")
    raise CarrierError, resp.status unless resp.success?
    JSON.parse(resp.body)
  end
end
