# want: MIG-02
# path: db/migrate/20261203112500_require_region_on_invoices.rb
class RequireRegionOnInvoices < ActiveRecord::Migration[7.1]
  def change
    change_column_null :invoices, :region, false
  end
end
