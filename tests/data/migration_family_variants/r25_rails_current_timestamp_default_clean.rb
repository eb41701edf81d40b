# clean: MIG-08
# path: db/migrate/20261203125500_add_synced_at_to_invoices.rb
class AddSyncedAtToInvoices < ActiveRecord::Migration[7.1]
  def change
    add_column :invoices, :synced_at, :datetime, default: -> { "CURRENT_TIMESTAMP" }
  end
end
