# clean: MIG-02
# path: db/migrations/057_orders_priority.rb
Sequel.migration do
  change do
    alter_table(:orders) do
      add_column :priority, Integer, null: false, default: 0
      add_column :gift_note, String
    end
  end
end
