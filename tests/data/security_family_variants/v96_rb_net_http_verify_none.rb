# want: RB-TLS-VERIFY-OFF
# path: app/services/rates_client.rb
require "net/http"

class RatesClient
  def latest
    uri = URI("#{ENV.fetch('RATES_URL')}/v1/latest")
    http = Net::HTTP.new(uri.host, uri.port)
    http.use_ssl = true
    http.verify_mode = OpenSSL::SSL::VERIFY_NONE
    JSON.parse(http.get(uri.request_uri).body)
  end
end
