# want: MIG-03
# path: db/migrate/20261203125000_add_lookup_indexes_to_invoices.rb
class AddLookupIndexesToInvoices < ActiveRecord::Migration[7.1]
  def change
    change_table :invoices, bulk: true do |t|
      t.string :external_ref
      t.index :external_ref
    end
  end
end
