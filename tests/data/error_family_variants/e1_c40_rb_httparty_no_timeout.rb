# want: RB-HTTP-NO-TIMEOUT
class ShippingRatesClient
  include HTTParty
  base_uri "https://rates.carrier.example"

  def quote(zip, weight)
    response = self.class.get("/v1/quote", query: { zip: zip, weight: weight })
    raise RatesUnavailable, response.code unless response.success?

    response.parsed_response.fetch("rates")
  end
end
