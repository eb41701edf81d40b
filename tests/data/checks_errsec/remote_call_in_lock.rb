class LinkedWallet < ApplicationRecord
  def refresh_balance!
    with_lock do # expect: RB-REMOTE-CALL-IN-LOCK
      balance = LedgerApi::Client.new(access_token).balance(external_id)
      update!(balance_cents: balance.cents)
    end
  end

  def rename!(name)
    with_lock do
      update!(name: name)
    end
  end
end
