# clean: RB-RESCUE-SWALLOW
class PayoutJob < ApplicationJob
  queue_as :payouts

  def perform(payout_id)
    payout = Payout.find(payout_id)
    Gateway.transfer(payout)
  rescue Gateway::AccountClosed => e
    payout.update!(status: "failed", failure_reason: e.message)
  rescue Gateway::Error => e
    Rails.logger.warn("payout #{payout_id} failed: #{e.message}")
    raise
  end
end
