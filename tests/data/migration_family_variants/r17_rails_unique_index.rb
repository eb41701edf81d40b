# want: MIG-03
# path: db/migrate/20261203122000_add_unique_index_to_invoices_number.rb
class AddUniqueIndexToInvoicesNumber < ActiveRecord::Migration[7.1]
  def change
    add_index :invoices, :number, unique: true
  end
end
