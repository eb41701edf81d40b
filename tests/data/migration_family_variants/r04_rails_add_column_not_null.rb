# want: MIG-02
# path: db/migrate/20261203111500_add_currency_to_invoices.rb
class AddCurrencyToInvoices < ActiveRecord::Migration[7.1]
  def change
    add_column :invoices, :currency, :string, limit: 3, null: false
  end
end
