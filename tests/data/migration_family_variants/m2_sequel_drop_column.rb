# want: MIG-01
# path: db/migrations/059_orders_drop_legacy_ref.rb
Sequel.migration do
  up do
    alter_table(:orders) do
      drop_column :legacy_ref
    end
  end

  down do
    alter_table(:orders) do
      add_column :legacy_ref, String
    end
  end
end
