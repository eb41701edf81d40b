# clean: MIG-04
# path: db/migrate/20261203114500_change_invoices_memo_to_text.rb
class ChangeInvoicesMemoToText < ActiveRecord::Migration[7.1]
  def up
    change_column :invoices, :memo, :text
  end

  def down
    change_column :invoices, :memo, :string
  end
end
