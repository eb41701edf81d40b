# A background job written for these tests: whole tables walked at once, and a thread-interrupting timeout
# around a transaction, next to the shapes that stay quiet.
class ReindexJob < ApplicationJob
  queue_as :low

  def perform(account_id)
    Customer.all.each do |customer|  # expect: RB-UNBOUNDED-LOAD
      SearchIndex.upsert(customer)
    end
    Customer.where(account_id: account_id).each { |customer| SearchIndex.upsert(customer) }
    Customer.where(stale: true).find_each { |customer| SearchIndex.upsert(customer) }

    Timeout.timeout(10) do  # expect: RB-TIMEOUT-BLOCK
      Ledger.transaction do
        Ledger.create!(account_id: account_id, kind: "reindex")
      end
    end
    Timeout.timeout(5) { SearchIndex.refresh! }  # expect: RB-TIMEOUT-BLOCK
  end
end
