# want: MIG-12
# path: db/migrate/20261203111000_add_index_to_invoices_on_status.rb
class AddIndexToInvoicesOnStatus < ActiveRecord::Migration[7.1]
  def change
    add_index :invoices, :status, algorithm: :concurrently
  end
end
