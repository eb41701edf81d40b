# clean: MIG-03
# path: db/migrate/20261203110500_add_index_to_invoices_on_due_at.rb
class AddIndexToInvoicesOnDueAt < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_index :invoices, :due_at, algorithm: :concurrently, if_not_exists: true
  end
end
