# want: ANY-FAILURE-FALLBACK-VALUE
class WalletBalance
  def initialize(client: LedgerApi::Client.new)
    @client = client
  end

  def available_cents(account)
    @client.balance(account.ledger_id).fetch("available_cents")
  rescue LedgerApi::Error, Faraday::TimeoutError => e
    Rails.logger.warn("ledger balance unavailable for #{account.id}: #{e.message}")
    0
  end
end
