# want: MIG-02
# path: config/db/migrate/20261203122500_add_isbn_to_books.rb
# frozen_string_literal: true

ROM::SQL.migration do
  change do
    alter_table :books do
      add_column :isbn, String, null: false
    end
  end
end
