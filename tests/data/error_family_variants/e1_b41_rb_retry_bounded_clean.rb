# clean: RB-RETRY-UNBOUNDED (three attempts, then the error propagates)
class CrmContactSync
  MAX_ATTEMPTS = 3

  def call(contact)
    attempts = 0
    begin
      attempts += 1
      CrmClient.new.upsert(contact.crm_payload)
    rescue Faraday::TimeoutError, Faraday::ConnectionFailed => e
      raise if attempts >= MAX_ATTEMPTS

      Rails.logger.warn("crm sync retrying: #{e.message}")
      sleep(2**attempts)
      retry
    end
  end
end
