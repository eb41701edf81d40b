# want: RB-LOCK-NOT-RELEASED
class ReportJob
  include Sidekiq::Job

  def perform(account_id)
    key = "report-lock:#{account_id}"
    return unless REDIS.set(key, jid, nx: true, ex: 600)
    ReportBuilder.new(account_id).build!
    REDIS.del(key)
  end
end
