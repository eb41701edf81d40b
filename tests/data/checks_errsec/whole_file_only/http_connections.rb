# A Faraday connection and a Net::HTTP object made with no timeout in a file that never sets one.
class Billing::Gateway
  def connection
    @connection ||= Faraday.new(url: ENV.fetch("BILLING_URL")) do |f| # expect: RB-HTTP-NO-TIMEOUT
      f.request :json
      f.response :raise_error
    end
  end

  def legacy_client(uri)
    http = Net::HTTP.new(uri.host, uri.port) # expect: RB-HTTP-NO-TIMEOUT
    http.use_ssl = true
    http
  end

  def configured
    Faraday.new(url: ENV.fetch("BILLING_URL"), **connection_options)
  end
end
