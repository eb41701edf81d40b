# clean: MIG-08
# path: db/migrate/20261203190000_add_priority_to_shipments.rb
class AddPriorityToShipments < ActiveRecord::Migration[7.1]
  def change
    add_column :shipments, :priority, :integer, default: 0, null: false
    add_column :shipments, :fragile, :boolean, default: false, null: false
  end
end
