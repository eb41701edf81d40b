# want: RB-RETRY-UNBOUNDED
class CrmContactSync
  def call(contact)
    begin
      CrmClient.new.upsert(contact.crm_payload)
    rescue Faraday::TimeoutError, Faraday::ConnectionFailed => e
      Rails.logger.warn("crm sync retrying: #{e.message}")
      sleep 2
      retry
    end
  end
end
