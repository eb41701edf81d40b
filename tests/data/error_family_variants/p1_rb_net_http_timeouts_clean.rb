# clean: RB-HTTP-NO-TIMEOUT
require "net/http"

class FxRates
  ENDPOINT = URI("https://fx.example.com/v1/latest")

  def self.fetch(base)
    uri = ENDPOINT.dup
    uri.query = URI.encode_www_form(base: base)
    response = Net::HTTP.start(uri.host, uri.port, use_ssl: true, open_timeout: 2, read_timeout: 5) do |http|
      http.get(uri.request_uri)
    end
    raise "fx rates: #{response.code}" unless response.is_a?(Net::HTTPSuccess)

    JSON.parse(response.body)
  end
end
