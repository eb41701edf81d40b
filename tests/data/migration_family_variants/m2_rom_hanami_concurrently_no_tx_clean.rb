# clean: MIG-03
# path: config/db/migrate/20261203122000_index_books_published.rb
# frozen_string_literal: true

ROM::SQL.migration do
  no_transaction

  up do
    add_index :books, :published_at, concurrently: true
  end

  down do
    drop_index :books, :published_at, concurrently: true
  end
end
