# clean: RB-JOB-FAILURE-SWALLOWED
class RefreshBankFeed < Que::Job
  self.retry_interval = proc { |count| count ** 4 + 10 }

  def run(connection_id)
    connection = BankConnection.find(connection_id)
    Plaid::TransactionsSync.new(connection).call
  rescue Plaid::ApiError => e
    Rails.logger.error("plaid sync for #{connection_id} failed: #{e.error_code}")
    raise
  end
end
