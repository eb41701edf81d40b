class TidyStores < ActiveRecord::Migration[7.1]
  def change
    remove_column :stores, :fax_number, :string
    rename_column :stores, :title, :name
    safety_assured { remove_column :stores, :telex, :string }
  end
end
