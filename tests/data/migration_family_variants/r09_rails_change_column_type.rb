# want: MIG-04
# path: db/migrate/20261203114000_change_invoices_total_to_decimal.rb
class ChangeInvoicesTotalToDecimal < ActiveRecord::Migration[7.1]
  def up
    change_column :invoices, :total, :decimal, precision: 12, scale: 2
  end

  def down
    change_column :invoices, :total, :integer
  end
end
