# want: MIG-02
# path: db/migrations/055_orders_channel_required.rb
Sequel.migration do
  up do
    alter_table(:orders) do
      set_column_not_null :channel
    end
  end

  down do
    alter_table(:orders) do
      set_column_allow_null :channel
    end
  end
end
