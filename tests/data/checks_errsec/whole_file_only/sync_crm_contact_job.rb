# Sidekiq jobs written for these tests: one rescues its failure and returns (the job succeeds, no retry),
# the other logs and raises again.
class SyncCrmContactJob
  include Sidekiq::Job
  sidekiq_options queue: :integrations, retry: 10

  def perform(user_id)
    user = User.find(user_id)
    CrmClient.new.upsert_contact(user.crm_payload)
  rescue CrmClient::Error => e # expect: RB-JOB-FAILURE-SWALLOWED
    Rails.logger.error("CRM sync failed for user #{user_id}: #{e.message}")
  end
end

class SyncCrmDealJob
  include Sidekiq::Job
  sidekiq_options queue: :integrations, retry: 10

  def perform(deal_id)
    CrmClient.new.upsert_deal(Deal.find(deal_id).crm_payload)
  rescue CrmClient::Error => e
    Rails.logger.error("CRM deal sync failed for #{deal_id}: #{e.message}")
    raise
  end
end
