# want: MIG-06
# path: db/migrate/20261203120000_add_customer_fk_to_invoices.rb
class AddCustomerFkToInvoices < ActiveRecord::Migration[7.1]
  def change
    add_foreign_key :invoices, :customers
  end
end
