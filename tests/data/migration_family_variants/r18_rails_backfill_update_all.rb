# want: MIG-10
# path: db/migrate/20261203122500_backfill_invoices_region.rb
class BackfillInvoicesRegion < ActiveRecord::Migration[7.1]
  def up
    Invoice.where(region: nil).update_all(region: "eu")
  end

  def down
  end
end
