# want: MIG-01
# path: db/migrate/20261203115500_remove_legacy_number_from_invoices.rb
class RemoveLegacyNumberFromInvoices < ActiveRecord::Migration[7.1]
  def change
    remove_column :invoices, :legacy_number, :string
  end
end
