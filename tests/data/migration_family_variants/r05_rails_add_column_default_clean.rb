# clean: MIG-02
# path: db/migrate/20261203112000_add_source_to_invoices.rb
class AddSourceToInvoices < ActiveRecord::Migration[7.1]
  def change
    add_column :invoices, :source, :string, null: false, default: "api"
  end
end
