# clean: RB-HTTP-NO-TIMEOUT (class-level default_timeout)
class ShippingRatesClient
  include HTTParty
  base_uri "https://rates.carrier.example"
  default_timeout 8

  def quote(zip, weight)
    response = self.class.get("/v1/quote", query: { zip: zip, weight: weight })
    raise RatesUnavailable, response.code unless response.success?

    response.parsed_response.fetch("rates")
  end
end
