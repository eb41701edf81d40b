# want: MIG-03
# path: db/migrate/20261203110000_add_index_to_invoices_on_customer_id.rb
class AddIndexToInvoicesOnCustomerId < ActiveRecord::Migration[7.1]
  def change
    add_index :invoices, [:customer_id, :issued_at]
  end
end
