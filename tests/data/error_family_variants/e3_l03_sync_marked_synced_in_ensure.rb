# want: ANY-FAILURE-MARKED-DONE
class CrmSyncJob < ApplicationJob
  queue_as :integrations

  def perform(account_id)
    account = Account.find(account_id)
    begin
      CrmClient.new(account.crm_token).upsert_company(account.crm_payload)
    rescue CrmClient::Error => e
      Rails.logger.error("crm sync failed for #{account.id}: #{e.message}")
    ensure
      account.update!(crm_synced_at: Time.current)
    end
  end
end
