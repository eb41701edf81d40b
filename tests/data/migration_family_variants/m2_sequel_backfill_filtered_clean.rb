# clean: MIG-10
# path: db/migrations/065_orders_fix_region_for_imported.rb
Sequel.migration do
  up do
    from(:orders).where(import_batch_id: 42).update(region_code: "eu")
  end

  down do
  end
end
