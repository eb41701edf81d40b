class AddRegionToStores < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_column :stores, :region, :string
    add_index :stores, :region, algorithm: :concurrently
  end
end
