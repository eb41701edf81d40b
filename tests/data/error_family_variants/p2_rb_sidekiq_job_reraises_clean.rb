# clean: RB-JOB-FAILURE-SWALLOWED
class SyncCalendarJob
  include Sidekiq::Job
  sidekiq_options queue: :integrations, retry: 8

  sidekiq_retries_exhausted do |job, exception|
    CalendarConnection.find(job["args"].first).update!(status: "failed", last_error: exception.message)
  end

  def perform(connection_id)
    connection = CalendarConnection.find(connection_id)
    CalendarSync.new(connection).run
  rescue CalendarSync::RateLimited => e
    Sidekiq.logger.warn("calendar rate limited for #{connection_id}: #{e.message}")
    raise
  end
end
