# clean: MIG-12
# path: db/migrations/048_index_page_views_path.rb
Sequel.migration do
  no_transaction

  up do
    add_index :page_views, :path, concurrently: true
  end

  down do
    drop_index :page_views, :path, concurrently: true
  end
end
