# Outbound HTTP from application code: each flagged call has no timeout; the near-misses next to them do.
class ExchangeRates
  RATES_URL = "https://rates.example.test"

  def latest
    uri = URI("#{RATES_URL}/latest")
    JSON.parse(Net::HTTP.get(uri)) # expect: RB-HTTP-NO-TIMEOUT
  end

  def history(day)
    res = Net::HTTP.get_response(URI("#{RATES_URL}/#{day}")) # expect: RB-HTTP-NO-TIMEOUT
    res.is_a?(Net::HTTPSuccess) ? JSON.parse(res.body) : nil
  end

  def push(payload)
    uri = URI("#{RATES_URL}/push")
    Net::HTTP.start(uri.host, uri.port, use_ssl: true) do |http| # expect: RB-HTTP-NO-TIMEOUT
      http.request(Net::HTTP::Post.new(uri, "Content-Type" => "application/json"))
    end
  end

  def push_bounded(payload)
    uri = URI("#{RATES_URL}/push")
    Net::HTTP.start(uri.host, uri.port, use_ssl: true, open_timeout: 2, read_timeout: 5) do |http|
      http.post(uri.path, payload.to_json)
    end
  end

  def push_in_block(payload)
    uri = URI("#{RATES_URL}/push")
    Net::HTTP.start(uri.host, uri.port) do |http|
      http.read_timeout = 5
      http.post(uri.path, payload.to_json)
    end
  end

  def guarded(uri)
    Timeout.timeout(3) { Net::HTTP.get(uri) }
  end

  def notify(body)
    HTTParty.post("#{RATES_URL}/notify", body: body.to_json) # expect: RB-HTTP-NO-TIMEOUT
  end

  def notify_bounded(body)
    HTTParty.post("#{RATES_URL}/notify", body: body.to_json, timeout: 5)
  end

  def notify_with(options)
    HTTParty.post("#{RATES_URL}/notify", options)
  end

  def legacy(id)
    RestClient.get("#{RATES_URL}/legacy/#{id}", accept: :json) # expect: RB-HTTP-NO-TIMEOUT
  end

  def legacy_execute(id)
    RestClient::Request.execute(method: :get, url: "#{RATES_URL}/legacy/#{id}") # expect: RB-HTTP-NO-TIMEOUT
  end

  def legacy_bounded(id)
    RestClient::Request.execute(method: :get, url: "#{RATES_URL}/legacy/#{id}", timeout: 4)
  end

  def modern(id)
    HTTP.auth("Bearer #{token}").headers(accept: "application/json").get("#{RATES_URL}/v2/#{id}") # expect: RB-HTTP-NO-TIMEOUT
  end

  def modern_bounded(id)
    HTTP.timeout(connect: 2, read: 5).auth("Bearer #{token}").get("#{RATES_URL}/v2/#{id}")
  end

  def local(path)
    http.get(path)
  end
end
