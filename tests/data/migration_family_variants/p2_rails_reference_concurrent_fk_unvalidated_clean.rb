# clean: MIG-06
# path: db/migrate/20261203185000_add_warehouse_ref_to_shipments.rb
class AddWarehouseRefToShipments < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_reference :shipments, :warehouse, index: { algorithm: :concurrently }, foreign_key: { validate: false }
  end
end
