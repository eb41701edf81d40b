# want: MIG-06
# path: db/migrations/061_orders_coupon_fk.rb
Sequel.migration do
  change do
    alter_table(:orders) do
      add_foreign_key [:coupon_id], :coupons, name: :orders_coupon_fk
    end
  end
end
