# want: MIG-05
# path: db/migrate/20261203115000_rename_invoices_kind_to_category.rb
class RenameInvoicesKindToCategory < ActiveRecord::Migration[7.1]
  def change
    rename_column :invoices, :kind, :category
  end
end
