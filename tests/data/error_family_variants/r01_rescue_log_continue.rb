# want: RB-RESCUE-LOGGED-CONTINUES
class PlanSync
  def call(account)
    begin
      plan = BillingClient.new.fetch_plan(account.external_id)
    rescue => e
      Rails.logger.error("fetch plan failed: #{e.message}")
    end
    account.update!(tier: plan.tier)
  end
end
