# want: MIG-08
# path: db/migrate/20261203113500_add_public_id_to_invoices.rb
class AddPublicIdToInvoices < ActiveRecord::Migration[7.1]
  def change
    add_column :invoices, :public_id, :uuid, default: -> { "gen_random_uuid()" }, null: false
  end
end
