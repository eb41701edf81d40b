# want: MIG-10
# path: db/migrations/063_orders_backfill_region.rb
Sequel.migration do
  up do
    alter_table(:orders) do
      add_column :region_code, String
    end
    from(:orders).update(region_code: "eu")
  end

  down do
    alter_table(:orders) do
      drop_column :region_code
    end
  end
end
