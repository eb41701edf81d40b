# clean: MIG-06
# path: db/migrate/20261203121000_validate_account_fk_on_invoices.rb
class ValidateAccountFkOnInvoices < ActiveRecord::Migration[7.1]
  def change
    validate_foreign_key :invoices, :accounts
  end
end
