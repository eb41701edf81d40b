# want: MIG-12
# path: db/migrate/20261203130500_add_region_to_invoices.rb
class AddRegionToInvoices < ActiveRecord::Migration[7.1]
  def change
    add_reference :invoices, :region, index: { algorithm: :concurrently }
  end
end
