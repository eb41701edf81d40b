# clean: MIG-03
# path: db/migrate/014_add_orders_status_index.rb
Sequel.migration do
  no_transaction

  up do
    add_index :orders, :status, name: :orders_status_index, concurrently: true, if_not_exists: true
  end

  down do
    drop_index :orders, :status, name: :orders_status_index, concurrently: true, if_exists: true
  end
end
