# want: MIG-05
# path: db/migrations/058_orders_rename_state.rb
Sequel.migration do
  change do
    alter_table(:orders) do
      rename_column :state, :status
    end
  end
end
