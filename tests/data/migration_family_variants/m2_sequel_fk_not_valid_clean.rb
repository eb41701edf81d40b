# clean: MIG-06
# path: db/migrations/062_orders_referrer_fk.rb
Sequel.migration do
  up do
    alter_table(:orders) do
      add_foreign_key [:referrer_id], :users, name: :orders_referrer_fk, not_valid: true
    end
  end

  down do
    alter_table(:orders) do
      drop_constraint :orders_referrer_fk
    end
  end
end
