# clean: MIG-12
# path: db/migrate/20261203130000_add_store_to_invoices.rb
class AddStoreToInvoices < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_reference :invoices, :store, index: { algorithm: :concurrently }
  end
end
