# want: MIG-04
# path: db/migrations/060_orders_total_decimal.rb
Sequel.migration do
  up do
    alter_table(:orders) do
      set_column_type :total, BigDecimal, size: [12, 2]
    end
  end

  down do
    alter_table(:orders) do
      set_column_type :total, Integer
    end
  end
end
