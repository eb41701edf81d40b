# want: MIG-03
# path: config/db/migrate/20261203121500_index_books_author.rb
# frozen_string_literal: true

ROM::SQL.migration do
  change do
    alter_table :books do
      add_index :author_id
    end
  end
end
