class SyncFeedJob < ApplicationJob
  retry_on StandardError, wait: 10.seconds, attempts: :unlimited # expect: RB-RETRY-ON-ALL-FOREVER
  retry_on Net::OpenTimeout, attempts: :unlimited

  def perform(feed_id)
    Feed.find(feed_id).refresh!
  end
end
