# clean: MIG-01
# path: db/migrations/064_orders_add_coupon_code.rb
Sequel.migration do
  up do
    alter_table(:orders) do
      add_column :coupon_code, String
    end
  end

  down do
    alter_table(:orders) do
      drop_column :coupon_code
    end
  end
end
