# want: RB-JOB-FAILURE-SWALLOWED
class RefreshBankFeedJob < ApplicationJob
  include GoodJob::ActiveJobExtensions::Concurrency
  good_job_control_concurrency_with perform_limit: 1, key: -> { "bank-feed-#{arguments.first}" }

  def perform(connection_id)
    connection = BankConnection.find(connection_id)
    Plaid::TransactionsSync.new(connection).call
  rescue Plaid::ApiError => e
    Rails.logger.error("plaid sync for #{connection_id} failed: #{e.error_code}")
    connection&.update(last_sync_error: e.error_code)
  end
end
