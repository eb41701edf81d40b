# clean: MIG-03
# path: db/migrations/054_create_shipments.rb
Sequel.migration do
  change do
    create_table(:shipments) do
      primary_key :id
      foreign_key :order_id, :orders, null: false
      String :carrier, null: false
      DateTime :shipped_at

      index :order_id
      index [:carrier, :shipped_at]
    end
  end
end
