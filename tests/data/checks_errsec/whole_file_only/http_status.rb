class BillingClient
  def invoice(id)
    response = HTTParty.get("#{BILLING_URL}/invoices/#{id}")  # expect: RB-HTTP-STATUS-UNCHECKED, RB-HTTP-NO-TIMEOUT
    JSON.parse(response.body)
  end

  def checked(id)
    response = HTTParty.get("#{BILLING_URL}/invoices/#{id}")  # expect: RB-HTTP-NO-TIMEOUT
    raise BillingError, response.code unless response.success?
    JSON.parse(response.body)
  end

  def raw(id)
    response = HTTParty.get("#{BILLING_URL}/invoices/#{id}")  # expect: RB-HTTP-NO-TIMEOUT
    response
  end

  def net(uri)
    res = Net::HTTP.get_response(uri)  # expect: RB-HTTP-NO-TIMEOUT
    case res
    when Net::HTTPSuccess then JSON.parse(res.body)
    else nil
    end
  end

  def verify(token)
    result = Faraday.post(VERIFY_URL, token: token)
    data = JSON.parse(result.body)
    if data["success"]
      true
    end
  end

  def only_success(id)
    response = HTTParty.get("#{BILLING_URL}/accounts/#{id}", timeout: 10)
    raise BillingError, "failed" unless response.success?
    response.parsed_response["balance"]
  end

  def by_class(uri)
    res = Net::HTTP.get_response(uri)  # expect: RB-HTTP-NO-TIMEOUT
    return nil unless res.is_a?(Net::HTTPSuccess)
    JSON.parse(res.body)
  end
end
