# want: MIG-03
# path: db/migrations/051_index_orders_customer.rb
Sequel.migration do
  change do
    alter_table(:orders) do
      add_index :customer_id
    end
  end
end
