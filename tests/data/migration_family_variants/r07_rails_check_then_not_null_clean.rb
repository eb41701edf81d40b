# clean: MIG-02
# path: db/migrate/20261203113000_validate_region_not_null_on_invoices.rb
class ValidateRegionNotNullOnInvoices < ActiveRecord::Migration[7.1]
  def up
    validate_check_constraint :invoices, name: "invoices_region_null"
    change_column_null :invoices, :region, false
    remove_check_constraint :invoices, name: "invoices_region_null"
  end

  def down
    add_check_constraint :invoices, "region IS NOT NULL", name: "invoices_region_null", validate: false
    change_column_null :invoices, :region, true
  end
end
