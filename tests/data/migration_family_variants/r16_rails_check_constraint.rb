# want: MIG-06
# path: db/migrate/20261203121500_add_total_check_to_invoices.rb
class AddTotalCheckToInvoices < ActiveRecord::Migration[7.1]
  def change
    add_check_constraint :invoices, "total >= 0", name: "invoices_total_nonnegative"
  end
end
