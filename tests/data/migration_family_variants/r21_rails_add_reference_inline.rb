# want: MIG-03
# path: db/migrate/20261203124000_add_warehouse_to_invoices.rb
class AddWarehouseToInvoices < ActiveRecord::Migration[7.1]
  def change
    add_reference :invoices, :warehouse, foreign_key: true
  end
end
