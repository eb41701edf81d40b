# clean: MIG-10
# path: db/migrate/20261203123000_backfill_invoices_channel.rb
class BackfillInvoicesChannel < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  class MigrationInvoice < ApplicationRecord
    self.table_name = "invoices"
  end

  def up
    MigrationInvoice.where(channel: nil).in_batches(of: 5_000) do |batch|
      batch.update_all(channel: "web")
    end
  end

  def down
  end
end
