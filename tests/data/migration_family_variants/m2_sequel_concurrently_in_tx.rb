# want: MIG-12
# path: db/migrations/053_index_orders_status.rb
Sequel.migration do
  up do
    add_index :orders, :status, concurrently: true
  end

  down do
    drop_index :orders, :status, concurrently: true
  end
end
