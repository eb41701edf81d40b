# clean: MIG-10
# path: db/migrate/20261203185500_backfill_shipments_region.rb
class BackfillShipmentsRegion < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  class Shipment < ApplicationRecord
    self.table_name = "shipments"
  end

  def up
    Shipment.unscoped.where(region: nil).in_batches(of: 5_000) do |batch|
      batch.update_all(region: "us")
      sleep(0.05)
    end
  end

  def down; end
end
