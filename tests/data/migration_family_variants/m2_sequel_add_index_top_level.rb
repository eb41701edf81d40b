# want: MIG-03
# path: db/migrations/052_index_orders_created.rb
Sequel.migration do
  up do
    add_index :orders, :created_at
  end

  down do
    drop_index :orders, :created_at
  end
end
