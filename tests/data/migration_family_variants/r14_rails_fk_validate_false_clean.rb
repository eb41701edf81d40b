# clean: MIG-06
# path: db/migrate/20261203120500_add_account_fk_to_invoices.rb
class AddAccountFkToInvoices < ActiveRecord::Migration[7.1]
  def change
    add_foreign_key :invoices, :accounts, validate: false
  end
end
