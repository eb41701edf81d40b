class ChargeService
  MAX_ATTEMPTS = 3

  def call(order)
    gateway.charge(order.total)
  rescue Net::ReadTimeout, Gateway::Unavailable
    sleep 1
    retry # expect: RB-RETRY-UNBOUNDED, ANY-RETRY-NON-IDEMPOTENT
  end

  def refund(order)
    attempts = 0
    begin
      gateway.refund(order.total)
    rescue Net::ReadTimeout
      attempts += 1
      retry if attempts < MAX_ATTEMPTS
      raise
    end
  end
end
