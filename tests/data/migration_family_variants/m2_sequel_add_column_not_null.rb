# want: MIG-02
# path: db/migrations/056_orders_region.rb
Sequel.migration do
  change do
    alter_table(:orders) do
      add_column :region, String, null: false
    end
  end
end
